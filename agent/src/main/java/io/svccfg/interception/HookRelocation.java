package io.svccfg.interception;

import io.svccfg.bootstrap.BindHook;
import io.svccfg.jdk.JavaBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Renames {@link BindHook} to its name inside {@code java.base}: the agent's sources name it like any class of ours,
 * the JDK sees it where it can reach it. A class file names classes only in its constant pool, as text that the rest
 * of the file points to by index, so the rename rewrites the pool's text entries and copies everything else: no
 * class-file library, whose loading and first run (20-30 ms) the application's first bind would wait for.
 */
final class HookRelocation {

    private HookRelocation() {
    }

    /** The class file of {@code type}, read from the agent jar, with {@link BindHook}'s name replaced. */
    static byte[] relocated(Class<?> type) throws IOException {
        String resource = BindTransformer.internalName(type.getName()) + ".class";
        try (InputStream in = type.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IOException("cannot read " + resource);
            }
            return renamed(in.readAllBytes(), BindTransformer.internalName(BindHook.class.getName()),
                    BindTransformer.internalName(JavaBase.HOOK_CLASS));
        }
    }

    /**
     * {@code classFile} with {@code from} replaced by {@code to} wherever a constant-pool text holds it (the class's
     * own name, descriptors). Both are plain ASCII, which the pool's modified UTF-8 writes byte for byte.
     */
    static byte[] renamed(byte[] classFile, String from, String to) throws IOException {
        byte[] fromBytes = from.getBytes(StandardCharsets.US_ASCII);
        byte[] toBytes = to.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(classFile.length + 64);
        int count = PoolEntry.u2(classFile, 8);
        int at = 10;
        out.write(classFile, 0, at);
        for (int index = 1; index < count; ) {
            int size = PoolEntry.size(classFile, at);
            index += PoolEntry.slots(classFile, at);
            if ((classFile[at] & 0xff) == PoolEntry.UTF8) {
                byte[] text = replaced(classFile, at + 3, size - 3, fromBytes, toBytes);
                out.write(PoolEntry.UTF8);
                out.write(text.length >> 8);
                out.write(text.length);
                out.write(text, 0, text.length);
            } else {
                out.write(classFile, at, size);
            }
            at += size;
        }
        out.write(classFile, at, classFile.length - at);
        return out.toByteArray();
    }

    private static byte[] replaced(byte[] bytes, int offset, int length, byte[] from, byte[] to) {
        ByteArrayOutputStream text = new ByteArrayOutputStream(length);
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (startsWith(bytes, i, end, from)) {
                text.write(to, 0, to.length);
                i += from.length;
            } else {
                text.write(bytes[i++]);
            }
        }
        return text.toByteArray();
    }

    private static boolean startsWith(byte[] bytes, int at, int end, byte[] prefix) {
        if (end - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
