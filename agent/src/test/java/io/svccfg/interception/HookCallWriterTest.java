package io.svccfg.interception;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.jdk.JavaBase;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * The calls land in the running JDK's own classes, in every target method and nowhere else: a JDK whose methods
 * changed name or shape would leave a kind of listener unmanaged, silently, without this test. (That the JVM accepts
 * the result is shown by the integration tests, whose child JVMs verify the JDK's classes.)
 */
class HookCallWriterTest {
    private static final String HOOK = "sun/nio/ch/SvccfgBindHook";

    @Test
    void insertsTheHooksCallsIntoEachTargetMethodOfTheRunningJdk() throws IOException {
        Map<String, String> found = new TreeMap<>();
        for (String className : JavaBase.allTargetClasses()) {
            String internalName = BindTransformer.internalName(className);
            Map<String, HookCall> calls = BindTransformer.jdkCalls(internalName);
            assertNotNull(calls, className);
            byte[] instrumented = HookCallWriter.insert(classFile(internalName), calls, HOOK);
            hookCalls(instrumented).forEach((method, hookMethods) -> found.put(className + "." + method, hookMethods));
        }
        assertEquals(Map.of(
                "java.net.ServerSocket.bind(Ljava/net/SocketAddress;I)V", "bindAddress bound",
                "sun.nio.ch.ServerSocketChannelImpl.bind(Ljava/net/SocketAddress;I)Ljava/nio/channels/"
                        + "ServerSocketChannel;", "bindAddress bound",
                "sun.nio.ch.ServerSocketChannelImpl.implAccept(Ljava/io/FileDescriptor;Ljava/io/FileDescriptor;"
                        + "[Ljava/net/SocketAddress;)I", "acceptedChannel",
                "sun.nio.ch.AsynchronousServerSocketChannelImpl.bind(Ljava/net/SocketAddress;I)Ljava/nio/channels/"
                        + "AsynchronousServerSocketChannel;", "bindAddress bound",
                "sun.nio.ch.DatagramChannelImpl.bind(Ljava/net/SocketAddress;)Ljava/nio/channels/DatagramChannel;",
                "bindAddress bound",
                "sun.nio.ch.DatagramChannelImpl.receive(Ljava/nio/ByteBuffer;Z)I", "receiveAgain",
                "sun.nio.ch.NioSocketImpl.accept(Ljava/net/SocketImpl;)V", "accepted"), found);
    }

    @Test
    void leavesEveryOtherMethodByteForByte() throws IOException {
        byte[] original = classFile("java/net/ServerSocket");
        byte[] instrumented = HookCallWriter.insert(original, BindTransformer.jdkCalls("java/net/ServerSocket"), HOOK);
        assertTrue(instrumented.length > original.length);
        assertEquals(1, hookCalls(instrumented).size(), "one method changed");
    }

    private static byte[] classFile(String internalName) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            assertNotNull(in, internalName);
            return in.readAllBytes();
        }
    }

    /** The methods of {@code classFile} that call {@link #HOOK}, with the hook's methods they call (each once). */
    private static Map<String, String> hookCalls(byte[] classFile) {
        Map<String, Set<String>> calls = new TreeMap<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
                            boolean isInterface) {
                        if (owner.equals(HOOK)) {
                            calls.computeIfAbsent(name + descriptor, m -> new TreeSet<>()).add(method);
                        }
                    }
                };
            }
        }, 0);
        Map<String, String> joined = new TreeMap<>();
        calls.forEach((method, hookMethods) -> joined.put(method, String.join(" ", hookMethods)));
        return joined;
    }
}
