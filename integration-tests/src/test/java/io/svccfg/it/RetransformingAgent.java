package io.svccfg.it;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * Another agent, as an APM agent would be, loaded after svccfg's: its {@code premain} loads the JDK's listener classes
 * (which svccfg wraps as they load) and retransforms them with a transformer that changes nothing, then prints
 * {@code RETRANSFORMED n} or {@code RETRANSFORM FAILED ...}. The JVM then starts again from the class files as they
 * were loaded, and svccfg must give them the same methods as before, or the JVM refuses the retransformation.
 */
public final class RetransformingAgent {
    static final String DONE = "RETRANSFORMED ";
    static final List<String> CLASSES = List.of("java.net.ServerSocket", "sun.nio.ch.NioSocketImpl",
            "sun.nio.ch.ServerSocketChannelImpl", "sun.nio.ch.DatagramChannelImpl");

    private RetransformingAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        instrumentation.addTransformer(new ClassFileTransformer() {
        }, true);
        try {
            List<Class<?>> classes = new ArrayList<>();
            for (String name : CLASSES) {
                classes.add(Class.forName(name, false, null));
            }
            instrumentation.retransformClasses(classes.toArray(new Class<?>[0]));
            System.out.println(DONE + classes.size());
        } catch (Throwable t) {
            System.out.println("RETRANSFORM FAILED " + t);
        }
    }
}
