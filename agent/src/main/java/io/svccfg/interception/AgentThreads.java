package io.svccfg.interception;

import io.svccfg.log.Logs;
import java.util.concurrent.ThreadFactory;

/**
 * svccfg's own threads: daemons named {@code svccfg-...}, marked so that their binds are never intercepted, and
 * with a handler that logs whatever escapes them, so that nothing of svccfg's ever reaches the JVM's default
 * handler (which would print a stack trace on the application's stderr).
 */
public final class AgentThreads {
    /** Its logger is made when first needed: this class loads in {@code premain}, as {@code BindTransformer} does. */
    private static final Thread.UncaughtExceptionHandler LOG = (thread, error) -> Logs.of(AgentThreads.class)
            .error("svccfg thread {} stopped by {}; the application is not affected", thread.getName(), error);

    private AgentThreads() {
    }

    /** Starts {@code work} on a new agent thread. */
    public static Thread start(String name, Runnable work) {
        Thread thread = factory(name).newThread(work);
        thread.start();
        return thread;
    }

    /** Makes agent threads, all named {@code name} (for an executor of one thread). */
    public static ThreadFactory factory(String name) {
        return work -> {
            Thread thread = new Thread(() -> {
                Interception.markAgentThread();
                work.run();
            }, name);
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler(LOG);
            return thread;
        };
    }
}
