package io.svccfg.demo;

import java.util.concurrent.ThreadFactory;

/**
 * Platform or virtual threads. The code is compiled for Java 17, which has no {@code Thread.ofVirtual()}, so the
 * virtual thread factory is looked up reflectively and is simply absent on JDKs without (final) virtual threads.
 */
final class Threads {
    private static final ThreadFactory PLATFORM = Thread::new;
    private static final ThreadFactory VIRTUAL = virtualOrNull();

    private Threads() {
    }

    /** A platform daemon thread, started: a service's own threads must never keep the JVM up. */
    static Thread startDaemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static boolean virtualAvailable() {
        return VIRTUAL != null;
    }

    static ThreadFactory factory(boolean virtual) {
        if (!virtual) {
            return PLATFORM;
        }
        if (VIRTUAL == null) {
            throw new UnsupportedOperationException("virtual threads need JDK 21 or later");
        }
        return VIRTUAL;
    }

    private static ThreadFactory virtualOrNull() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            // Through the public interface Thread.Builder: the builder's own class is not public.
            return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // JDK 17 (no such method), or JDK 19/20 without --enable-preview
        }
    }
}
