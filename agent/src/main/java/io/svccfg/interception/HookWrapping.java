package io.svccfg.interception;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Puts the hook's calls ({@link HookCall}) around each target method of a class as it loads: the method
 * keeps its code under the name {@code NAME$svccfg}, private, and a new method of its name and descriptor calls the
 * hook, that method, and the hook again. The class file is copied as it is but for the constant-pool entries
 * appended, one name and access per target, and the new methods: no class-file library, whose first run (30-40 ms of
 * class loading, interpretation and JIT) the application's first bind would wait for. A class may gain methods only
 * as it loads: one loaded before the agent goes through {@link HookCallWriter} instead.
 */
final class HookWrapping {
    /** What a target keeps its code under: its name and this. */
    static final String RENAMED = "$svccfg";

    private static final int CLASS = 7;
    private static final int METHOD_REF = 10;
    private static final int NAME_AND_TYPE = 12;

    private static final String OBJECT = "Ljava/lang/Object;";
    private static final String ADDRESS = "Ljava/net/SocketAddress;";

    private final byte[] in;
    /** Where each constant-pool entry starts, by index. */
    private final int[] entries;
    private final int poolEnd;
    private final ConstantPool appended;

    private HookWrapping(byte[] classFile) {
        in = classFile;
        int count = u2(8); // constant_pool_count
        entries = new int[count];
        int at = 10;
        for (int index = 1; index < count; ) {
            entries[index] = at;
            index += PoolEntry.slots(in, at);
            at += PoolEntry.size(in, at);
        }
        poolEnd = at;
        appended = new ConstantPool(count);
    }

    /**
     * {@code classFile} with each method that {@code calls} names wrapped, calling {@code hook} (an internal name);
     * null when it has none of them.
     */
    static byte[] wrap(byte[] classFile, Map<String, HookCall> calls, String hook) {
        return new HookWrapping(classFile).wrapped(calls, hook);
    }

    private byte[] wrapped(Map<String, HookCall> calls, String hook) {
        int thisClass = u2(poolEnd + 2);
        int at = poolEnd + 6;
        at += 2 + 2 * u2(at); // interfaces
        at = skipMembers(at); // fields
        int methodsAt = at;
        int count = u2(at);
        at += 2;
        ByteArrayOutputStream methods = new ByteArrayOutputStream(in.length - at + 512);
        List<byte[]> wrappers = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            int start = at;
            int access = u2(at);
            String name = utf8(u2(at + 2));
            String descriptor = utf8(u2(at + 4));
            at = skipAttributes(at + 6);
            HookCall call = calls.get(name);
            if (call == null || (access & (Opcodes.ACC_BRIDGE | Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0
                    || !call.fits(descriptor)) {
                methods.write(in, start, at - start);
                continue;
            }
            int renamedAccess = access & ~(Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED) | Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC;
            Bytes renamed = new Bytes();
            renamed.u2(renamedAccess).u2(appended.utf8(name + RENAMED));
            renamed.out.write(in, start + 4, at - start - 4);
            methods.write(renamed.out.toByteArray(), 0, renamed.out.size());
            wrappers.add(wrapper(call, hook, thisClass, access, start, at, name, descriptor));
        }
        if (wrappers.isEmpty()) {
            return null;
        }
        Bytes out = new Bytes();
        out.out.write(in, 0, 8);
        out.u2(appended.next);
        out.out.write(in, 10, poolEnd - 10);
        byte[] pool = appended.bytes.out.toByteArray();
        out.out.write(pool, 0, pool.length);
        out.out.write(in, poolEnd, methodsAt - poolEnd);
        out.u2(count + wrappers.size());
        out.out.write(methods.toByteArray(), 0, methods.size());
        for (byte[] wrapper : wrappers) {
            out.out.write(wrapper, 0, wrapper.length);
        }
        out.out.write(in, at, in.length - at);
        return out.out.toByteArray();
    }

    /**
     * The method that takes the place of the target at {@code [start, end)}: same access (but synchronized, which
     * the renamed target keeps), name, descriptor and {@code throws}; its code calls the hook around the target.
     */
    private byte[] wrapper(HookCall call, String hook, int thisClass, int access, int start, int end, String name,
            String descriptor) {
        int target = appended.methodRef(thisClass, name + RENAMED, descriptor);
        Code code = new Code(appended);
        switch (call) {
            case STREAM_BIND, DATAGRAM_BIND, NETTY_BIND -> bindAround(code, call, hook, target, descriptor);
            case RECEIVE -> {
                // status -> receiveAgain(status, this) ? this.receive(buffer, connected) : status
                code.loadArguments(descriptor).invokeSpecial(target, descriptor);
                code.op(Opcodes.DUP);
                code.aload(0).invokeStatic(hook, "receiveAgain", "(I" + OBJECT + ")Z");
                int branch = code.ifeq();
                code.op(Opcodes.POP);
                code.loadArguments(descriptor).invokeSpecial(appended.methodRef(thisClass, name, descriptor),
                        descriptor);
                code.patchBranch(branch, code.size());
                code.frameWithIntOnStack(code.size());
                code.op(Opcodes.IRETURN);
            }
            case CHANNEL_ACCEPT -> {
                code.loadArguments(descriptor).invokeSpecial(target, descriptor);
                code.op(Opcodes.DUP).aload(2).aload(3);
                code.invokeStatic(hook, "acceptedChannel", "(ILjava/io/FileDescriptor;[" + ADDRESS + ")V");
                code.op(Opcodes.IRETURN);
            }
            case IMPL_ACCEPT -> {
                code.loadArguments(descriptor).invokeSpecial(target, descriptor);
                code.aload(1).op(Opcodes.ACONST_NULL);
                code.invokeStatic(hook, "accepted", "(" + OBJECT + "[" + ADDRESS + ")V");
                code.op(Opcodes.RETURN);
            }
            case NETTY_ACCEPT -> {
                code.loadArguments(descriptor).invokeSpecial(target, descriptor);
                code.op(Opcodes.DUP).op(Opcodes.ACONST_NULL);
                code.invokeStatic(hook, "accepted", "(" + OBJECT + "[" + ADDRESS + ")V");
                code.op(Opcodes.ARETURN);
            }
        }
        Bytes method = new Bytes();
        method.u2(access & ~Opcodes.ACC_SYNCHRONIZED).u2(u2(start + 2)).u2(u2(start + 4));
        int exceptions = attribute(start + 6, "Exceptions");
        method.u2(exceptions < 0 ? 1 : 2);
        code.writeTo(method, Arguments.slots(descriptor) + 1);
        if (exceptions >= 0) {
            method.out.write(in, exceptions, 6 + u4(exceptions + 2));
        }
        return method.out.toByteArray();
    }

    /**
     * The address argument becomes what the hook says (a refusal is thrown before the target runs); the hook hears
     * how the target ended, returning or throwing.
     */
    private void bindAround(Code code, HookCall call, String hook, int target, String descriptor) {
        code.aload(0).aload(1);
        switch (call) {
            case STREAM_BIND -> code.iload(2).op(Opcodes.ICONST_0); // the backlog; not udp
            case NETTY_BIND -> code.op(Opcodes.ICONST_M1).op(Opcodes.ICONST_1); // BindHook.FROM_CHANNEL; udp
            default -> code.op(Opcodes.ICONST_0).op(Opcodes.ICONST_1); // no backlog; udp
        }
        code.invokeStatic(hook, "bindAddress", "(" + OBJECT + ADDRESS + "IZ)" + ADDRESS);
        code.astore(1);
        int tryStart = code.size();
        code.loadArguments(descriptor).invokeSpecial(target, descriptor);
        int tryEnd = code.size();
        code.aload(0).op(Opcodes.ACONST_NULL);
        code.invokeStatic(hook, "bound", "(" + OBJECT + "Ljava/lang/Throwable;)V");
        code.op(descriptor.endsWith(")V") ? Opcodes.RETURN : Opcodes.ARETURN);
        int handler = code.size();
        code.frameWithThrowableOnStack(handler);
        code.op(Opcodes.DUP).aload(0).op(Opcodes.SWAP); // the throwable, this, the throwable
        code.invokeStatic(hook, "bound", "(" + OBJECT + "Ljava/lang/Throwable;)V");
        code.op(Opcodes.ATHROW);
        code.handler(tryStart, tryEnd, handler, appended.classRef("java/lang/Throwable"));
    }

    /** Where the attribute {@code wanted} of the member whose attribute count is at {@code at} starts; -1 if none. */
    private int attribute(int at, String wanted) {
        int count = u2(at);
        at += 2;
        for (int a = 0; a < count; a++) {
            if (utf8(u2(at)).equals(wanted)) {
                return at;
            }
            at += 6 + u4(at + 2);
        }
        return -1;
    }

    private int skipMembers(int at) {
        int count = u2(at);
        at += 2;
        for (int i = 0; i < count; i++) {
            at = skipAttributes(at + 6);
        }
        return at;
    }

    private int skipAttributes(int at) {
        int count = u2(at);
        at += 2;
        for (int a = 0; a < count; a++) {
            at += 6 + u4(at + 2);
        }
        return at;
    }

    /** The text of the pool's UTF-8 entry {@code index}; the names compared here are ASCII. */
    private String utf8(int index) {
        int at = entries[index];
        return new String(in, at + 3, u2(at + 1), StandardCharsets.ISO_8859_1);
    }

    private int u2(int at) {
        return PoolEntry.u2(in, at);
    }

    private int u4(int at) {
        return u2(at) << 16 | u2(at + 2);
    }

    /** Big-endian writing. */
    private static class Bytes {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u1(int value) {
            out.write(value);
            return this;
        }

        Bytes u2(int value) {
            out.write(value >> 8);
            out.write(value);
            return this;
        }

        Bytes u4(int value) {
            return u2(value >>> 16).u2(value & 0xffff);
        }
    }

    /** The entries appended to the class's constant pool, each once. */
    private static final class ConstantPool {
        final Bytes bytes = new Bytes();
        private final Map<String, Integer> indexes = new HashMap<>();
        int next;

        ConstantPool(int next) {
            this.next = next;
        }

        int utf8(String text) {
            Integer known = indexes.get("U" + text);
            if (known != null) {
                return known;
            }
            byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
            bytes.u1(PoolEntry.UTF8).u2(ascii.length).out.write(ascii, 0, ascii.length);
            return added("U" + text);
        }

        int classRef(String internalName) {
            int name = utf8(internalName);
            Integer known = indexes.get("C" + internalName);
            if (known != null) {
                return known;
            }
            bytes.u1(CLASS).u2(name);
            return added("C" + internalName);
        }

        int methodRef(int owner, String name, String descriptor) {
            int nameIndex = utf8(name);
            int descriptorIndex = utf8(descriptor);
            Integer nameAndType = indexes.get("N" + name + descriptor);
            if (nameAndType == null) {
                bytes.u1(NAME_AND_TYPE).u2(nameIndex).u2(descriptorIndex);
                nameAndType = added("N" + name + descriptor);
            }
            String key = "M" + owner + "." + name + descriptor;
            Integer known = indexes.get(key);
            if (known != null) {
                return known;
            }
            bytes.u1(METHOD_REF).u2(owner).u2(nameAndType);
            return added(key);
        }

        private int added(String key) {
            indexes.put(key, next);
            return next++;
        }
    }

    /** The argument slots of a method descriptor: references, ints and booleans, which are all the targets take. */
    private static final class Arguments {
        private Arguments() {
        }

        static int slots(String descriptor) {
            return kinds(descriptor).length();
        }

        /** One letter per argument: {@code a} for a reference, {@code i} for an int or boolean. */
        static String kinds(String descriptor) {
            StringBuilder kinds = new StringBuilder();
            int i = 1;
            while (descriptor.charAt(i) != ')') {
                char c = descriptor.charAt(i);
                if (c == '[') {
                    while (descriptor.charAt(i) == '[') {
                        i++;
                    }
                    if (descriptor.charAt(i) == 'L') {
                        i = descriptor.indexOf(';', i);
                    }
                    kinds.append('a');
                } else if (c == 'L') {
                    i = descriptor.indexOf(';', i);
                    kinds.append('a');
                } else if (c == 'I' || c == 'Z') {
                    kinds.append('i');
                } else {
                    throw new IllegalArgumentException("unexpected argument " + c + " in " + descriptor);
                }
                i++;
            }
            return kinds.toString();
        }
    }

    /** A wrapper's code, with its exception handler and stack-map frames (at most one of each). */
    private static final class Code {
        private final ConstantPool pool;
        private final Bytes code = new Bytes();
        private final Bytes handlers = new Bytes();
        private int handlerCount;
        private byte[] frame;
        private int maxStack;
        private int stack;

        Code(ConstantPool pool) {
            this.pool = pool;
        }

        int size() {
            return code.out.size();
        }

        Code op(int opcode) {
            code.u1(opcode);
            stack += switch (opcode) {
                case Opcodes.ACONST_NULL, Opcodes.ICONST_M1, Opcodes.ICONST_0, Opcodes.ICONST_1, Opcodes.DUP -> 1;
                case Opcodes.POP, Opcodes.IRETURN, Opcodes.ARETURN, Opcodes.ATHROW -> -1;
                default -> 0; // swap, return
            };
            maxStack = Math.max(maxStack, stack);
            return this;
        }

        Code aload(int slot) {
            return load(Opcodes.ALOAD, slot);
        }

        Code iload(int slot) {
            return load(Opcodes.ILOAD, slot);
        }

        Code astore(int slot) {
            code.u1(Opcodes.ASTORE).u1(slot);
            stack--;
            return this;
        }

        private Code load(int opcode, int slot) {
            code.u1(opcode).u1(slot);
            maxStack = Math.max(maxStack, ++stack);
            return this;
        }

        /** {@code this} and every argument of {@code descriptor}. */
        Code loadArguments(String descriptor) {
            aload(0);
            String kinds = Arguments.kinds(descriptor);
            for (int i = 0; i < kinds.length(); i++) {
                if (kinds.charAt(i) == 'a') {
                    aload(i + 1);
                } else {
                    iload(i + 1);
                }
            }
            return this;
        }

        /** Calls the method {@code methodRef} of this class on {@code this}, with its arguments loaded. */
        Code invokeSpecial(int methodRef, String descriptor) {
            return invoke(Opcodes.INVOKESPECIAL, methodRef, descriptor, 1);
        }

        Code invokeStatic(String owner, String name, String descriptor) {
            return invoke(Opcodes.INVOKESTATIC, pool.methodRef(pool.classRef(owner), name, descriptor), descriptor, 0);
        }

        /** The stack after the call: its arguments (and {@code this}) off, its result on. */
        private Code invoke(int opcode, int methodRef, String descriptor, int receiver) {
            code.u1(opcode).u2(methodRef);
            stack -= Arguments.slots(descriptor) + receiver;
            if (!descriptor.endsWith(")V")) {
                stack++;
            }
            maxStack = Math.max(maxStack, stack);
            return this;
        }

        /** An {@code ifeq} whose target {@link #patchBranch} sets; returns where it is. */
        int ifeq() {
            int at = size();
            code.u1(Opcodes.IFEQ).u2(0);
            stack--;
            return at;
        }

        void patchBranch(int at, int target) {
            byte[] bytes = code.out.toByteArray();
            int offset = target - at;
            bytes[at + 1] = (byte) (offset >> 8);
            bytes[at + 2] = (byte) offset;
            code.out.reset();
            code.out.write(bytes, 0, bytes.length);
        }

        /** A frame at {@code at} (the only one): the arguments as on entry, an int on the stack. */
        void frameWithIntOnStack(int at) {
            frame = sameLocalsOneStackItem(at, new byte[] {1}); // ITEM_Integer
        }

        /** A frame at {@code at} (the only one): the arguments as on entry, a Throwable on the stack. */
        void frameWithThrowableOnStack(int at) {
            int throwable = pool.classRef("java/lang/Throwable");
            frame = sameLocalsOneStackItem(at, new byte[] {7, (byte) (throwable >> 8), (byte) throwable});
            stack = 1;
        }

        private static byte[] sameLocalsOneStackItem(int offset, byte[] item) {
            Bytes f = new Bytes();
            if (offset <= 63) {
                f.u1(64 + offset);
            } else {
                f.u1(247).u2(offset);
            }
            f.out.write(item, 0, item.length);
            return f.out.toByteArray();
        }

        void handler(int start, int end, int handler, int catchType) {
            handlers.u2(start).u2(end).u2(handler).u2(catchType);
            handlerCount++;
        }

        /** The {@code Code} attribute. */
        void writeTo(Bytes method, int maxLocals) {
            Bytes attributes = new Bytes();
            if (frame != null) {
                attributes.u2(pool.utf8("StackMapTable")).u4(2 + frame.length).u2(1);
                attributes.out.write(frame, 0, frame.length);
            }
            int length = 2 + 2 + 4 + code.out.size() + 2 + handlers.out.size() + 2 + attributes.out.size();
            method.u2(pool.utf8("Code")).u4(length);
            method.u2(maxStack).u2(maxLocals).u4(code.out.size());
            method.out.write(code.out.toByteArray(), 0, code.out.size());
            method.u2(handlerCount);
            method.out.write(handlers.out.toByteArray(), 0, handlers.out.size());
            method.u2(frame == null ? 0 : 1);
            method.out.write(attributes.out.toByteArray(), 0, attributes.out.size());
        }
    }
}
