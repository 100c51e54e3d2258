package io.svccfg.interception;

import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Writes a class with the hook's calls inserted into its methods, for a class loaded before the agent (all of them
 * under {@code attach}), which retransformation may not give new methods: the one place ASM's classes load.
 */
final class HookCallWriter {
    private static final String OBJECT = "Ljava/lang/Object;";
    private static final String ADDRESS = "Ljava/net/SocketAddress;";
    private static final String THROWABLE = "java/lang/Throwable";

    private HookCallWriter() {
    }

    /**
     * {@code classFile} with {@code calls} inserted. Frames come expanded so that the ones the calls add fit among
     * the method's own; the methods left alone are copied byte for byte.
     */
    static byte[] insert(byte[] classFile, Map<String, HookCall> calls, String hook) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private String owner;

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                owner = name;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                HookCall call = calls.get(name);
                if (call == null || (access & (Opcodes.ACC_BRIDGE | Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT)) != 0
                        || !call.fits(descriptor)) {
                    return method;
                }
                return inserter(call, method, hook, owner, name, descriptor);
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    /**
     * The method visitor that inserts {@code call} into a target method of class {@code owner}. The method's own code
     * and frames are kept as they are; each call passes the hook the method's arguments from their slots, which the
     * exact descriptor of each target fixes.
     */
    private static MethodVisitor inserter(HookCall call, MethodVisitor method, String hook, String owner, String name,
            String descriptor) {
        return new MethodVisitor(Opcodes.ASM9, method) {
            private final Label body = new Label();

            @Override
            public void visitCode() {
                super.visitCode();
                if (call.binds()) {
                    // The address argument becomes what the hook says; a refusal is thrown before the body runs.
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    super.visitVarInsn(Opcodes.ALOAD, 1);
                    switch (call) {
                        case STREAM_BIND -> super.visitVarInsn(Opcodes.ILOAD, 2);
                        case NETTY_BIND -> super.visitInsn(Opcodes.ICONST_M1); // BindHook.FROM_CHANNEL
                        default -> super.visitInsn(Opcodes.ICONST_0);
                    }
                    super.visitInsn(call == HookCall.STREAM_BIND ? Opcodes.ICONST_0 : Opcodes.ICONST_1);
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
                switch (call) {
                    case STREAM_BIND, DATAGRAM_BIND, NETTY_BIND -> {
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
                if (call.binds()) {
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
