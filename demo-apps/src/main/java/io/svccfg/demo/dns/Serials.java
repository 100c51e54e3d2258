package io.svccfg.demo.dns;

/** SOA serial arithmetic (RFC 1982, SERIAL_BITS 32): serials wrap, so "greater" is not {@code >}. */
final class Serials {
    private static final long MOD = 1L << 32;
    private static final long HALF = 1L << 31;

    private Serials() {
    }

    /** {@code s1 > s2} in RFC 1982 section 3.2; undefined pairs (exactly half apart) are not greater. */
    static boolean greater(long s1, long s2) {
        return (s1 < s2 && s2 - s1 > HALF) || (s1 > s2 && s1 - s2 < HALF);
    }

    /** The serial after {@code s}: one more, wrapping past 2^32 - 1 to 0 (RFC 1982 section 3.1). */
    static long next(long s) {
        return (s + 1) % MOD;
    }
}
