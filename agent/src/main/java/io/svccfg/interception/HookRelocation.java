package io.svccfg.interception;

import io.svccfg.bootstrap.BindHook;
import io.svccfg.jdk.JavaBase;
import java.io.IOException;
import java.io.InputStream;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.SimpleRemapper;

/**
 * Renames {@link BindHook} to its name inside {@code java.base}, in the hook itself and in the advice that calls
 * it: the agent's sources name it like any class of ours, the JDK sees it where it can reach it.
 */
final class HookRelocation {
    private HookRelocation() {
    }

    /** The class file of {@code type}, read from the agent jar, with the hook renamed. */
    static byte[] relocated(Class<?> type) throws IOException {
        String resource = BindTransformer.internalName(type.getName()) + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("cannot read " + resource);
            }
            ClassReader reader = new ClassReader(in.readAllBytes());
            ClassWriter writer = new ClassWriter(0);
            reader.accept(new ClassRemapper(writer, new SimpleRemapper(BindTransformer.internalName(BindHook.class.getName()),
                    BindTransformer.internalName(JavaBase.HOOK_CLASS))), 0);
            return writer.toByteArray();
        }
    }
}
