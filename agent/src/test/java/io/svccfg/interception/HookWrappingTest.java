package io.svccfg.interception;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.svccfg.jdk.JavaBase;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * The wrappers land in the running JDK's own classes, around every target method and nowhere else, and call the
 * hook and the method they wrap. (That the JVM accepts them, verified, is shown by the integration tests, whose child
 * JVMs verify the JDK's classes.)
 */
class HookWrappingTest {
    private static final String HOOK = "io/svccfg/bootstrap/BindHook";

    @Test
    void wrapsEachTargetMethodOfTheRunningJdkInACallOfTheHook() throws IOException {
        Map<String, String> found = new TreeMap<>();
        for (String className : JavaBase.allTargetClasses()) {
            String internalName = BindTransformer.internalName(className);
            byte[] wrapped = HookWrapping.wrap(classFile(internalName), BindTransformer.jdkCalls(internalName), HOOK);
            assertNotNull(wrapped, className);
            hookCallers(wrapped).forEach((method, called) -> found.put(className + "." + method, called));
        }
        assertEquals(Map.of(
                "java.net.ServerSocket.bind(Ljava/net/SocketAddress;I)V", "bind$svccfg bindAddress bound",
                "sun.nio.ch.ServerSocketChannelImpl.bind(Ljava/net/SocketAddress;I)Ljava/nio/channels/"
                        + "ServerSocketChannel;", "bind$svccfg bindAddress bound",
                "sun.nio.ch.ServerSocketChannelImpl.implAccept(Ljava/io/FileDescriptor;Ljava/io/FileDescriptor;"
                        + "[Ljava/net/SocketAddress;)I", "acceptedChannel implAccept$svccfg",
                "sun.nio.ch.AsynchronousServerSocketChannelImpl.bind(Ljava/net/SocketAddress;I)Ljava/nio/channels/"
                        + "AsynchronousServerSocketChannel;", "bind$svccfg bindAddress bound",
                "sun.nio.ch.DatagramChannelImpl.bind(Ljava/net/SocketAddress;)Ljava/nio/channels/DatagramChannel;",
                "bind$svccfg bindAddress bound",
                "sun.nio.ch.DatagramChannelImpl.receive(Ljava/nio/ByteBuffer;Z)I",
                "receive receive$svccfg receiveAgain", // again through the wrapper itself, when a move woke it
                "sun.nio.ch.NioSocketImpl.accept(Ljava/net/SocketImpl;)V", "accept$svccfg accepted"), found);
    }

    @Test
    void wrapsTheTargetMethodsOfNettysEpollChannels() throws IOException {
        Map<String, String> found = new TreeMap<>();
        for (String internalName : List.of("io/netty/channel/epoll/AbstractEpollChannel",
                "io/netty/channel/epoll/EpollServerSocketChannel")) {
            byte[] wrapped = HookWrapping.wrap(classFile(internalName), BindTransformer.netty(internalName), HOOK);
            assertNotNull(wrapped, internalName);
            hookCallers(wrapped).forEach((method, called) -> found.put(internalName + "." + method, called));
        }
        assertEquals(Map.of(
                "io/netty/channel/epoll/AbstractEpollChannel.doBind(Ljava/net/SocketAddress;)V",
                "bindAddress bound doBind$svccfg",
                "io/netty/channel/epoll/EpollServerSocketChannel.newChildChannel(I[BII)Lio/netty/channel/Channel;",
                "accepted newChildChannel$svccfg"), found);
    }

    @Test
    void keepsEveryMethodAsItWasAndTheWrappedOnesUnderTheirNewName() throws IOException {
        byte[] original = classFile("sun/nio/ch/DatagramChannelImpl");
        byte[] wrapped = HookWrapping.wrap(original, BindTransformer.jdkCalls("sun/nio/ch/DatagramChannelImpl"), HOOK);

        Map<String, byte[]> before = codes(original);
        Map<String, byte[]> after = codes(wrapped);
        assertEquals(before.size() + 2, after.size(), "bind and receive wrapped");
        before.forEach((method, code) -> {
            String renamed = method.equals("bind(Ljava/net/SocketAddress;)Ljava/nio/channels/DatagramChannel;")
                    || method.equals("receive(Ljava/nio/ByteBuffer;Z)I")
                    ? method.replace("(", HookWrapping.RENAMED + "(") : method;
            assertArrayEquals(code, after.get(renamed), renamed);
        });
    }

    @Test
    void leavesAClassWithoutATargetAlone() throws IOException {
        assertNull(HookWrapping.wrap(classFile("java/net/Socket"),
                BindTransformer.jdkCalls("java/net/ServerSocket"), HOOK));
    }

    private static byte[] classFile(String internalName) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            assertNotNull(in, internalName);
            return in.readAllBytes();
        }
    }

    /** The methods of {@code classFile} that call {@link #HOOK}, with the methods they call (of any class), each once. */
    private static Map<String, String> hookCallers(byte[] classFile) {
        Map<String, String> callers = new TreeMap<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                TreeSet<String> called = new TreeSet<>();
                return new MethodVisitor(Opcodes.ASM9) {
                    private boolean callsHook;

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
                            boolean isInterface) {
                        called.add(method);
                        callsHook |= owner.equals(HOOK);
                    }

                    @Override
                    public void visitEnd() {
                        if (callsHook) {
                            callers.put(name + descriptor, String.join(" ", called));
                        }
                    }
                };
            }
        }, 0);
        return callers;
    }

    /** Each method's instructions, as ASM reads them back, by name and descriptor. */
    private static Map<String, byte[]> codes(byte[] classFile) {
        Map<String, byte[]> codes = new TreeMap<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                List<String> instructions = new ArrayList<>();
                codes.put(name + descriptor, new byte[0]);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitInsn(int opcode) {
                        instructions.add("i" + opcode);
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
                            boolean isInterface) {
                        instructions.add(opcode + owner + method + methodDescriptor);
                    }

                    @Override
                    public void visitEnd() {
                        codes.put(name + descriptor, String.join(",", instructions).getBytes());
                    }
                };
            }
        }, 0);
        return codes;
    }
}
