package io.svccfg.config;

import java.time.Duration;

/**
 * How long a TCP listener's old endpoint keeps accepting after a move or a park ({@code drain=}): the TTL of the
 * record that assigned it (the time a client may still hold that answer), a fixed duration, or not at all.
 *
 * @param fixed the window, when not {@code ttl}; zero for {@code off}
 */
public record Drain(boolean ttl, Duration fixed) {
    public static final Drain TTL = new Drain(true, Duration.ZERO);
    public static final Drain OFF = new Drain(false, Duration.ZERO);

    public boolean off() {
        return !ttl && fixed.isZero();
    }

    /**
     * The window for an old endpoint whose record had {@code ttlSeconds} (-1: no record assigned it, as when the
     * application's own endpoint is left: then only the connections already queued are delivered).
     */
    public Duration window(long ttlSeconds) {
        return ttl ? Duration.ofSeconds(Math.max(0, ttlSeconds)) : fixed;
    }
}
