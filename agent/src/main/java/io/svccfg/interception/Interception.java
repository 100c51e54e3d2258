package io.svccfg.interception;

import io.svccfg.bootstrap.BindHook;
import io.svccfg.jdk.JavaBase;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Installs bind interception: opens the JDK, defines the hook in it, and instruments the listener classes. */
public final class Interception {
    private Interception() {
    }

    /** From now on every listener bind goes through {@code listener}. */
    public static void install(Instrumentation instrumentation, BindListener listener) throws Exception {
        JavaBase.openTo(instrumentation, Interception.class.getModule());
        Class<?> hook = JavaBase.defineHook(HookRelocation.relocated(BindHook.class));
        BindEvents.listener = listener;
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        hook.getField("onBind").set(null, lookup.findStatic(BindEvents.class, "onBind",
                MethodType.methodType(Object.class, Object.class, SocketAddress.class, int.class, boolean.class)));
        hook.getField("onBound").set(null, lookup.findStatic(BindEvents.class, "onBound",
                MethodType.methodType(void.class, Object.class, Throwable.class)));

        BindTransformer transformer = new BindTransformer();
        instrumentation.addTransformer(transformer, true);
        // Classes loaded before the agent (always so when it is attached late) are transformed now.
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (transformer.targets(type)) {
                loaded.add(type);
            }
        }
        if (!loaded.isEmpty()) {
            instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
        }
    }
}
