package io.svccfg.interception;

import io.svccfg.bootstrap.BindHook;
import io.svccfg.jdk.JavaBase;
import java.net.SocketAddress;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Points the hook that the inserted calls reach at {@link BindEvents}, before any instrumented class can run. With
 * the agent jar on the boot class path (its manifest's {@code Boot-Class-Path}) that hook is {@link BindHook} itself
 * for every class; otherwise the JDK's classes, which see only the boot loader's classes, call a copy of it defined
 * inside {@code java.base} ({@link HookRelocation}), and Netty's classes still call {@link BindHook}.
 */
final class Hook {
    /** Whether the JDK's classes see {@link BindHook} itself: it came from the boot class path. */
    private static final boolean SEEN_BY_JDK = BindHook.class.getClassLoader() == null;

    private static volatile boolean defined;
    /** The copy inside {@code java.base}, once defined; null when the JDK's classes call {@link BindHook}. */
    private static volatile Class<?> copy;

    private Hook() {
    }

    /** The internal name of the class whose hook methods the calls inserted into the JDK's classes name. */
    static String jdkHook() {
        return BindTransformer.internalName(SEEN_BY_JDK ? BindHook.class.getName() : JavaBase.HOOK_CLASS);
    }

    /** Points the hook at {@link BindEvents}, once; later calls return at once. */
    static void define() throws Exception {
        if (defined) {
            return;
        }
        synchronized (Hook.class) {
            if (defined) {
                return;
            }
            Function<Object[], Object> onBind = new BindEvents.Bind();
            BiConsumer<Object, Throwable> onBound = new BindEvents.Bound();
            if (!SEEN_BY_JDK) {
                Class<?> relocated = JavaBase.defineHook(HookRelocation.relocated(BindHook.class));
                relocated.getField("onBind").set(null, onBind);
                relocated.getField("onBound").set(null, onBound);
                copy = relocated;
            }
            BindHook.onBind = onBind;
            BindHook.onBound = onBound;
            defined = true;
        }
    }

    /**
     * Points the accept hook at {@code events}, or turns it off ({@code null}): accepts then cost one volatile
     * read. False when the hook is not defined yet (no listener class instrumented: nothing to hand over to).
     */
    static boolean onAccepted(BiConsumer<Object, SocketAddress[]> events) throws ReflectiveOperationException {
        if (!defined) {
            return false;
        }
        Class<?> relocated = copy;
        if (relocated != null) {
            relocated.getField("onAccepted").set(null, events);
        }
        BindHook.onAccepted = events;
        return true;
    }
}
