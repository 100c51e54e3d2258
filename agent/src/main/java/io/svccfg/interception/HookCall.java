package io.svccfg.interception;

import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * What svccfg inserts into one kind of target method: a static call of the hook ({@code BindHook}) at its start, at
 * its returns, and for binds where it throws. The method's own code and frames are kept as they are; each call
 * passes the hook the method's arguments from their slots, which the exact descriptor of each target fixes.
 */
enum HookCall {
    /**
     * {@code bind(SocketAddress, int)} of TCP listeners ({@code ServerSocket}, {@code ServerSocketChannelImpl},
     * {@code AsynchronousServerSocketChannelImpl}): the hook decides the address (or throws the refusal), and hears
     * how the bind ended.
     */
    STREAM_BIND("(Ljava/net/SocketAddress;I)"),
    /**
     * {@code bind(SocketAddress)} of {@code DatagramChannelImpl}, which {@code DatagramChannel},
     * {@code DatagramSocket} and {@code MulticastSocket} all reach; and {@code doBind(SocketAddress)} of Netty's
     * native channels, where the agent reads the kind and backlog from the channel itself.
     */
    DATAGRAM_BIND("(Ljava/net/SocketAddress;)"),
    /**
     * {@code DatagramChannelImpl.receive(ByteBuffer, boolean)}, the one system call of every receive: made again
     * while a move interrupted it (see {@code BindHook.receiveAgain}).
     */
    RECEIVE("(Ljava/nio/ByteBuffer;Z)I"),
    /**
     * {@code ServerSocketChannelImpl.implAccept(FileDescriptor, FileDescriptor, SocketAddress[])}, where every accept
     * of a {@code ServerSocketChannel} takes its connection: svccfg may put a drained connection in its place.
     */
    CHANNEL_ACCEPT("(Ljava/io/FileDescriptor;Ljava/io/FileDescriptor;[Ljava/net/SocketAddress;)I"),
    /** {@code NioSocketImpl.accept(SocketImpl)}, where every {@code ServerSocket} accept ends: the same. */
    IMPL_ACCEPT("(Ljava/net/SocketImpl;)V"),
    /**
     * {@code EpollServerSocketChannel.newChildChannel(int, byte[], int, int)}, where Netty's epoll accept makes the
     * channel of each connection before registering it: the same. Its return type is Netty's {@code Channel}, in
     * whatever package the copy of Netty lives.
     */
    NETTY_ACCEPT("(I[BII)");

    private static final String OBJECT = "Ljava/lang/Object;";
    private static final String ADDRESS = "Ljava/net/SocketAddress;";
    private static final String THROWABLE = "java/lang/Throwable";

    /** The start of the target's descriptor (all of it, but for the two whose return type varies). */
    private final String descriptor;

    HookCall(String descriptor) {
        this.descriptor = descriptor;
    }

    /** Whether a method of this {@code descriptor} is this call's target. */
    boolean fits(String methodDescriptor) {
        return methodDescriptor.startsWith(descriptor);
    }

    private boolean binds() {
        return this == STREAM_BIND || this == DATAGRAM_BIND;
    }

    /** The method visitor that inserts this call into a target method of class {@code owner}. */
    MethodVisitor inserter(MethodVisitor method, String hook, String owner, String name, String descriptor) {
        return new MethodVisitor(Opcodes.ASM9, method) {
            private final Label body = new Label();

            @Override
            public void visitCode() {
                super.visitCode();
                if (binds()) {
                    // The address argument becomes what the hook says; a refusal is thrown before the body runs.
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    super.visitVarInsn(Opcodes.ALOAD, 1);
                    if (HookCall.this == STREAM_BIND) {
                        super.visitVarInsn(Opcodes.ILOAD, 2);
                    } else {
                        super.visitInsn(Opcodes.ICONST_0);
                    }
                    super.visitInsn(HookCall.this == STREAM_BIND ? Opcodes.ICONST_0 : Opcodes.ICONST_1);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, hook, "bindAddress",
                            "(" + OBJECT + ADDRESS + "IZ)" + ADDRESS, false);
                    super.visitVarInsn(Opcodes.ASTORE, 1);
                    super.visitLabel(body);
                }
            }

            @Override
            public void visitInsn(int opcode) {
                if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                    atReturn();
                }
                super.visitInsn(opcode);
            }

            private void atReturn() {
                switch (HookCall.this) {
                    case STREAM_BIND, DATAGRAM_BIND -> {
                        super.visitVarInsn(Opcodes.ALOAD, 0);
                        super.visitInsn(Opcodes.ACONST_NULL);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, hook, "bound",
                                "(" + OBJECT + "L" + THROWABLE + ";)V", false);
                    }
                    case RECEIVE -> {
                        // status -> receiveAgain(status, this) ? this.receive(buffer, connected) : status
                        Label done = new Label();
                        super.visitInsn(Opcodes.DUP);
                        super.visitVarInsn(Opcodes.ALOAD, 0);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, hook, "receiveAgain", "(I" + OBJECT + ")Z",
                                false);
                        super.visitJumpInsn(Opcodes.IFEQ, done);
                        super.visitInsn(Opcodes.POP);
                        super.visitVarInsn(Opcodes.ALOAD, 0);
                        super.visitVarInsn(Opcodes.ALOAD, 1);
                        super.visitVarInsn(Opcodes.ILOAD, 2);
                        super.visitMethodInsn(Opcodes.INVOKESPECIAL, owner, name, descriptor, false);
                        super.visitLabel(done);
                        // Only the arguments are live here: whatever else the method holds is left out (TOP).
                        super.visitFrame(Opcodes.F_NEW, 3, new Object[] {owner, "java/nio/ByteBuffer", Opcodes.INTEGER},
                                1, new Object[] {Opcodes.INTEGER});
                    }
                    case CHANNEL_ACCEPT -> {
                        super.visitInsn(Opcodes.DUP);
                        super.visitVarInsn(Opcodes.ALOAD, 2);
                        super.visitVarInsn(Opcodes.ALOAD, 3);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, hook, "acceptedChannel",
                                "(ILjava/io/FileDescriptor;[" + ADDRESS + ")V", false);
                    }
                    case IMPL_ACCEPT -> {
                        super.visitVarInsn(Opcodes.ALOAD, 1);
                        super.visitInsn(Opcodes.ACONST_NULL);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, hook, "accepted", "(" + OBJECT + "[" + ADDRESS
                                + ")V", false);
                    }
                    case NETTY_ACCEPT -> {
                        super.visitInsn(Opcodes.DUP);
                        super.visitInsn(Opcodes.ACONST_NULL);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, hook, "accepted", "(" + OBJECT + "[" + ADDRESS
                                + ")V", false);
                    }
                }
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                if (binds()) {
                    // A bind that throws tells the hook, then throws on: one handler after all of the method's own,
                    // so that the method's handlers still catch first. Only `this` is live in it.
                    Label end = new Label();
                    Label handler = new Label();
                    super.visitLabel(end);
                    super.visitLabel(handler);
                    super.visitFrame(Opcodes.F_NEW, 1, new Object[] {owner}, 1, new Object[] {THROWABLE});
                    super.visitInsn(Opcodes.DUP);
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    super.visitInsn(Opcodes.SWAP);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, hook, "bound",
                            "(" + OBJECT + "L" + THROWABLE + ";)V", false);
                    super.visitInsn(Opcodes.ATHROW);
                    super.visitTryCatchBlock(body, end, handler, THROWABLE);
                }
                // At most four values more than the method's own: the hook's arguments over a return value.
                super.visitMaxs(maxStack + 4, maxLocals);
            }
        };
    }
}
