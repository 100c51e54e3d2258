package io.svccfg.interception;

import io.svccfg.bootstrap.BindHook;
import io.svccfg.jdk.JavaBase;
import io.svccfg.log.Logs;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Puts the hook's calls ({@link HookCall}) into the JDK's listener classes, and into Netty's native channels
 * wherever an application class loader defines them, as they load (or are retransformed). Classes that load after
 * the agent get wrappers, written without a class-file library ({@link HookWrapping}); those loaded before it (all of
 * them for {@code attach}) get the calls inserted by one pass of Byte Buddy's bundled ASM that copies every other
 * method as it is and adds no member, as retransformation requires. No {@code Advice}, no type pool.
 */
final class BindTransformer implements ClassFileTransformer {
    /** The JDK's targets, by internal name, then method name. */
    private static final Map<String, Map<String, HookCall>> JDK_TARGETS = jdkTargets();

    /**
     * Netty's native channels, by the end of their internal name: Netty is often relocated (gRPC's copy is under
     * {@code io/grpc/netty/shaded/}), and relocation keeps these tails.
     */
    private static final Map<String, Map<String, HookCall>> NETTY_TARGETS = Map.of(
            "/channel/epoll/AbstractEpollChannel", Map.of("doBind", HookCall.NETTY_BIND),
            "/channel/uring/AbstractIoUringChannel", Map.of("doBind", HookCall.NETTY_BIND),
            "/channel/epoll/EpollServerSocketChannel", Map.of("newChildChannel", HookCall.NETTY_ACCEPT));

    /** The hook that Netty's classes call: the agent's own, which application class loaders see. */
    private static final String NETTY_HOOK = internalName(BindHook.class.getName());
    private static final String JDK_HOOK = Hook.jdkHook();

    /** The classes wrapped as they loaded, by internal name. */
    private final Set<String> wrapped = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private final AtomicBoolean hookUnseenLogged = new AtomicBoolean();

    /**
     * Made when first needed, only to tell of a failure: this class loads in {@code premain}, on the application's
     * main thread, and svccfg's logging starts meanwhile on {@code svccfg-warm-up}.
     */
    private static Logger log() {
        return Logs.of(BindTransformer.class);
    }

    /** Loops rather than lambdas: this runs in {@code premain}, on the application's main thread. */
    private static Map<String, Map<String, HookCall>> jdkTargets() {
        Map<String, Map<String, HookCall>> targets = new HashMap<>();
        for (String c : JavaBase.TCP_BIND_CLASSES) {
            calls(targets, c).put("bind", HookCall.STREAM_BIND);
        }
        for (String c : JavaBase.UDP_BIND_CLASSES) {
            calls(targets, c).put("bind", HookCall.DATAGRAM_BIND);
            calls(targets, c).put(JavaBase.UDP_RECEIVE_METHOD, HookCall.RECEIVE);
        }
        for (Map.Entry<String, String> accept : JavaBase.ACCEPT_METHODS.entrySet()) {
            String c = accept.getKey();
            calls(targets, c).put(accept.getValue(),
                    c.endsWith("ChannelImpl") ? HookCall.CHANNEL_ACCEPT : HookCall.IMPL_ACCEPT);
        }
        return targets;
    }

    private static Map<String, HookCall> calls(Map<String, Map<String, HookCall>> targets, String className) {
        String internalName = internalName(className);
        Map<String, HookCall> calls = targets.get(internalName);
        if (calls == null) {
            calls = new HashMap<>();
            targets.put(internalName, calls);
        }
        return calls;
    }

    /** {@code a.b.C} as the JVM writes it in class files, {@code a/b/C}. */
    static String internalName(String className) {
        return className.replace('.', '/');
    }

    /** The calls inserted into the JDK class {@code internalName}; null when it is none svccfg instruments. */
    static Map<String, HookCall> jdkCalls(String internalName) {
        return JDK_TARGETS.get(internalName);
    }

    /** Whether {@code type} is a class this transformer instruments. */
    static boolean targets(Class<?> type) {
        String internalName = internalName(type.getName());
        return type.getClassLoader() == null ? JDK_TARGETS.containsKey(internalName) : netty(internalName) != null;
    }

    /** The calls for the Netty class {@code internalName}, by its tail; null when it is none svccfg instruments. */
    static Map<String, HookCall> netty(String internalName) {
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
        Map<String, HookCall> calls = loader == null ? jdkCalls(className) : netty(className);
        if (calls == null) {
            return null;
        }
        try {
            if (loader == null) {
                // Before the instrumented class can run: its calls reach the hook.
                Hook.define();
                return withHookCalls(className, redefined, classFile, calls, JDK_HOOK);
            }
            if (!seesHook(loader)) {
                if (hookUnseenLogged.compareAndSet(false, true)) {
                    log().warn("{} is loaded by {}, which does not see svccfg's agent jar: its listeners are not"
                            + " managed", className.replace('/', '.'), loader);
                }
                return null;
            }
            return withHookCalls(className, redefined, classFile, calls, NETTY_HOOK);
        } catch (Throwable t) {
            // Not instrumented: the class stays as it is and its binds are not managed.
            if (failureLogged.compareAndSet(false, true)) {
                log().warn("cannot instrument {}: its listeners are not managed ({})", className.replace('/', '.'),
                        t.toString());
            }
            return null;
        }
    }

    /**
     * A class with calls of {@code hook}: wrapped ({@link HookWrapping}) as it loads, and again each time a class
     * wrapped so is retransformed (by another agent: the JVM starts again from the class file as loaded, and the
     * result must have the same methods); with the calls inserted ({@link HookCallWriter}) into one that was loaded
     * before the agent, which may not gain methods.
     */
    private byte[] withHookCalls(String className, Class<?> redefined, byte[] classFile, Map<String, HookCall> calls,
            String hook) {
        if (redefined == null || wrapped.contains(className)) {
            byte[] wrapping = HookWrapping.wrap(classFile, calls, hook);
            wrapped.add(className);
            return wrapping;
        }
        return HookCallWriter.insert(classFile, calls, hook);
    }

    /** Whether a call inserted into a class of {@code loader} reaches the agent's own {@link BindHook}. */
    private static boolean seesHook(ClassLoader loader) {
        try {
            return Class.forName(BindHook.class.getName(), false, loader) == BindHook.class;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
