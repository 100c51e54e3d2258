package io.svccfg.interception;

/**
 * An entry of a class file's constant pool, as the two class-file edits here walk it ({@link HookRelocation},
 * {@link HookWrapping}).
 */
final class PoolEntry {
    static final int UTF8 = 1;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;

    private PoolEntry() {
    }

    /** The bytes of the entry at {@code at} of {@code classFile}, its tag included. */
    static int size(byte[] classFile, int at) {
        int tag = classFile[at] & 0xff;
        return switch (tag) {
            case UTF8 -> 3 + u2(classFile, at + 1);
            case 7, 8, 16, 19, 20 -> 3; // Class, String, MethodType, Module, Package
            case 15 -> 4; // MethodHandle
            case 3, 4, 9, 10, 11, 12, 17, 18 -> 5; // Integer, Float, the refs, NameAndType, (Invoke)Dynamic
            case LONG, DOUBLE -> 9;
            default -> throw new IllegalArgumentException("unknown constant-pool tag " + tag);
        };
    }

    /** The pool indexes the entry at {@code at} takes: two for a long or a double, else one. */
    static int slots(byte[] classFile, int at) {
        int tag = classFile[at] & 0xff;
        return tag == LONG || tag == DOUBLE ? 2 : 1;
    }

    /** The big-endian two-byte number at {@code at}. */
    static int u2(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff;
    }
}
