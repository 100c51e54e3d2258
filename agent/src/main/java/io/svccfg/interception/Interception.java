package io.svccfg.interception;

import io.svccfg.jdk.JavaBase;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;

/**
 * Bind interception, in three steps: {@link #install} (at start, cheap: from then on no listener class escapes),
 * {@link #prepare} (off the application's threads: the JDK's listener classes loaded and instrumented ahead, so
 * that the application's first bind finds them ready, and those loaded before the agent retransformed) and
 * {@link #listen} (once the options are known: from then on the binds are managed).
 */
public final class Interception {
    private static volatile Instrumentation instrumentation;

    private Interception() {
    }

    /**
     * From now on no listener class escapes the hook; the binds go through it as asked until {@link #listen} gives
     * the listener.
     */
    public static void install(Instrumentation instrumentation) {
        JavaBase.openWhenNeeded(instrumentation, Interception.class.getModule());
        Interception.instrumentation = instrumentation;
        instrumentation.addTransformer(new BindTransformer(), true);
    }

    /** From now on every listener bind goes through {@code listener}. */
    public static void listen(BindListener listener) {
        BindEvents.listener = listener;
    }

    /**
     * Tells {@code listener} of every connection the application accepts from now on, or stops ({@code null}).
     * False when no listener class is instrumented yet.
     */
    public static boolean onAccepted(AcceptListener listener) {
        try {
            return Hook.onAccepted(listener == null ? null : new AcceptEvents(listener));
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** Binds made on the calling thread from now on are svccfg's own, and never intercepted. */
    public static void markAgentThread() {
        BindEvents.markAgentThread();
    }

    /**
     * Instruments the JDK's listener classes now: loads (without initialising) those not loaded yet, which passes
     * them through the transformer, and retransforms those loaded before the agent (always so when it is attached
     * to a running JVM).
     */
    public static void prepare() {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (BindTransformer.targets(type)) {
                loaded.add(type);
            }
        }
        for (String name : JavaBase.allTargetClasses()) {
            try {
                Class.forName(name, false, null);
            } catch (ClassNotFoundException e) {
                // not in this JDK: nothing to instrument
            }
        }
        if (!loaded.isEmpty()) {
            try {
                instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
            } catch (UnmodifiableClassException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
