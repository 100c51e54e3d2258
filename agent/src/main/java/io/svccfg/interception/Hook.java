package io.svccfg.interception;

import io.svccfg.bootstrap.BindHook;
import io.svccfg.jdk.JavaBase;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.SocketAddress;

/** Defines the bind hook inside {@code java.base} and points it at {@link BindEvents}; before any advice runs. */
final class Hook {
    private Hook() {
    }

    static void define() throws Exception {
        Class<?> hook = JavaBase.defineHook(HookRelocation.relocated(BindHook.class));
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        hook.getField("onBind").set(null, lookup.findStatic(BindEvents.class, "onBind",
                MethodType.methodType(Object.class, Object.class, SocketAddress.class, int.class, boolean.class)));
        hook.getField("onBound").set(null, lookup.findStatic(BindEvents.class, "onBound",
                MethodType.methodType(void.class, Object.class, Throwable.class)));
    }
}
