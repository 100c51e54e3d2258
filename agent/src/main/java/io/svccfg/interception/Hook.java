package io.svccfg.interception;

import io.svccfg.bootstrap.BindHook;
import io.svccfg.jdk.JavaBase;
import java.net.SocketAddress;
import java.util.function.BiConsumer;

/**
 * Defines the hook inside {@code java.base} and points it, and the agent's own {@link BindHook} (the hook of Netty's
 * classes: application class loaders see it by delegation, and nothing has to be opened to them), at
 * {@link BindEvents}; before any instrumented class can run.
 */
final class Hook {
    /** The hook inside {@code java.base}, once defined. */
    private static volatile Class<?> hook;

    private Hook() {
    }

    /** Defines the hook, once; later calls return at once. */
    static void define() throws Exception {
        if (hook != null) {
            return;
        }
        synchronized (Hook.class) {
            if (hook != null) {
                return;
            }
            Class<?> defined = JavaBase.defineHook(HookRelocation.relocated(BindHook.class));
            BiConsumer<Object, Throwable> onBound = new BindEvents.Bound();
            defined.getField("onBind").set(null, new BindEvents.Bind(false));
            defined.getField("onBound").set(null, onBound);
            BindHook.onBind = new BindEvents.Bind(true);
            BindHook.onBound = onBound;
            hook = defined;
        }
    }

    /**
     * Points the accept hook at {@code events}, or turns it off ({@code null}): accepts then cost one volatile
     * read. False when the hook is not defined yet (no listener class instrumented: nothing to hand over to).
     */
    static boolean onAccepted(BiConsumer<Object, SocketAddress[]> events) throws ReflectiveOperationException {
        Class<?> defined = hook;
        if (defined == null) {
            return false;
        }
        defined.getField("onAccepted").set(null, events);
        BindHook.onAccepted = events;
        return true;
    }

}
