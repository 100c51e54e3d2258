package io.svccfg.interception;

import io.svccfg.bootstrap.BindHook;
import io.svccfg.jdk.JavaBase;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts the hook's calls ({@link HookCall}) into the JDK's listener classes, and into Netty's native channels
 * wherever an application class loader defines them, as they load (or are retransformed). One pass of Byte Buddy's
 * bundled ASM that copies every other method as it is and adds no member, so retransformation (for {@code attach})
 * stays possible; no {@code Advice}, no type pool: the JVM's class loading pays a few milliseconds for it, and the
 * application's first bind waits for nothing of it.
 */
final class BindTransformer implements ClassFileTransformer {
    private static final Logger log = LoggerFactory.getLogger(BindTransformer.class);

    /** The JDK's targets, by internal name, then method name. */
    private static final Map<String, Map<String, HookCall>> JDK_TARGETS = jdkTargets();

    /**
     * Netty's native channels, by the end of their internal name: Netty is often relocated (gRPC's copy is under
     * {@code io/grpc/netty/shaded/}), and relocation keeps these tails.
     */
    private static final Map<String, Map<String, HookCall>> NETTY_TARGETS = Map.of(
            "/channel/epoll/AbstractEpollChannel", Map.of("doBind", HookCall.DATAGRAM_BIND),
            "/channel/uring/AbstractIoUringChannel", Map.of("doBind", HookCall.DATAGRAM_BIND),
            "/channel/epoll/EpollServerSocketChannel", Map.of("newChildChannel", HookCall.NETTY_ACCEPT));

    /** The hook that Netty's classes call: the agent's own, which application class loaders see. */
    private static final String NETTY_HOOK = HookRelocation.internalName(BindHook.class.getName());
    private static final String JDK_HOOK = HookRelocation.internalName(JavaBase.HOOK_CLASS);

    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private final AtomicBoolean hookUnseenLogged = new AtomicBoolean();

    private static Map<String, Map<String, HookCall>> jdkTargets() {
        Map<String, Map<String, HookCall>> targets = new HashMap<>();
        JavaBase.TCP_BIND_CLASSES.forEach(c -> calls(targets, c).put("bind", HookCall.STREAM_BIND));
        JavaBase.UDP_BIND_CLASSES.forEach(c -> {
            calls(targets, c).put("bind", HookCall.DATAGRAM_BIND);
            calls(targets, c).put(JavaBase.UDP_RECEIVE_METHOD, HookCall.RECEIVE);
        });
        JavaBase.ACCEPT_METHODS.forEach((c, method) -> calls(targets, c).put(method,
                c.endsWith("ChannelImpl") ? HookCall.CHANNEL_ACCEPT : HookCall.IMPL_ACCEPT));
        return Map.copyOf(targets);
    }

    private static Map<String, HookCall> calls(Map<String, Map<String, HookCall>> targets, String className) {
        return targets.computeIfAbsent(HookRelocation.internalName(className), c -> new HashMap<>());
    }

    /** Whether {@code type} is a class this transformer instruments. */
    static boolean targets(Class<?> type) {
        String internalName = HookRelocation.internalName(type.getName());
        return type.getClassLoader() == null ? JDK_TARGETS.containsKey(internalName) : netty(internalName) != null;
    }

    /** The calls for the Netty class {@code internalName}, by its tail; null when it is none svccfg instruments. */
    private static Map<String, HookCall> netty(String internalName) {
        for (Map.Entry<String, Map<String, HookCall>> target : NETTY_TARGETS.entrySet()) {
            if (internalName.endsWith(target.getKey())) {
                return target.getValue();
            }
        }
        return null;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] classFile) {
        if (className == null) {
            return null;
        }
        Map<String, HookCall> calls = loader == null ? JDK_TARGETS.get(className) : netty(className);
        if (calls == null) {
            return null;
        }
        try {
            if (loader == null) {
                // Before the instrumented class can run: its calls link to the hook inside java.base.
                Hook.define();
                return insert(classFile, calls, JDK_HOOK);
            }
            if (!seesHook(loader)) {
                if (hookUnseenLogged.compareAndSet(false, true)) {
                    log.warn("{} is loaded by {}, which does not see svccfg's agent jar: its listeners are not"
                            + " managed", className.replace('/', '.'), loader);
                }
                return null;
            }
            return insert(classFile, calls, NETTY_HOOK);
        } catch (Throwable t) {
            // Not instrumented: the class stays as it is and its binds are not managed.
            if (failureLogged.compareAndSet(false, true)) {
                log.warn("cannot instrument {}: its listeners are not managed ({})", className.replace('/', '.'),
                        t.toString());
            }
            return null;
        }
    }

    /** Whether a call inserted into a class of {@code loader} reaches the agent's own {@link BindHook}. */
    private static boolean seesHook(ClassLoader loader) {
        try {
            return Class.forName(BindHook.class.getName(), false, loader) == BindHook.class;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
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
                return call.inserter(method, hook, owner, name, descriptor);
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }
}
