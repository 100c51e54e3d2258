package io.svccfg.interception;

import io.svccfg.bootstrap.BindHook;
import io.svccfg.jdk.JavaBase;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.SocketAddress;

/**
 * Defines the bind hook inside {@code java.base} and points it at {@link BindEvents}; before any advice runs. The
 * agent's own {@link BindHook}, loaded with the agent jar by the system class loader, is the hook of Netty's
 * classes: application class loaders see it by delegation, and nothing has to be opened to them.
 */
final class Hook {
    /** The hook inside {@code java.base}, once defined. */
    private static volatile Class<?> hook;

    private Hook() {
    }

    static void define() throws Exception {
        Class<?> hook = JavaBase.defineHook(HookRelocation.relocated(BindHook.class));
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodType onBind = MethodType.methodType(Object.class, Object.class, SocketAddress.class, int.class,
                boolean.class);
        MethodHandle onBound = lookup.findStatic(BindEvents.class, "onBound",
                MethodType.methodType(void.class, Object.class, Throwable.class));
        hook.getField("onBind").set(null, lookup.findStatic(BindEvents.class, "onBind", onBind));
        hook.getField("onBound").set(null, onBound);
        BindHook.onBind = lookup.findStatic(BindEvents.class, "onNettyBind", onBind);
        BindHook.onBound = onBound;
        Hook.hook = hook;
    }

    /**
     * Points the accept hook at {@code listener}, or turns it off ({@code null}): accepts then cost one volatile
     * read. False when the hook is not defined yet (no listener class instrumented: nothing to hand over to).
     */
    static boolean onAccepted(AcceptListener listener) throws ReflectiveOperationException {
        Class<?> defined = hook;
        if (defined == null) {
            return false;
        }
        MethodHandle handle = listener == null ? null : MethodHandles.lookup()
                .findVirtual(AcceptListener.class, "accepted",
                        MethodType.methodType(void.class, Object.class, SocketAddress[].class))
                .bindTo(listener);
        defined.getField("onAccepted").set(null, handle);
        BindHook.onAccepted = handle;
        return true;
    }
}
