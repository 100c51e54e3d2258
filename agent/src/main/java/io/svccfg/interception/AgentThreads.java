package io.svccfg.interception;

import io.svccfg.log.Logs;
import java.util.concurrent.ThreadFactory;

/**
 * svccfg's own threads: daemons named {@code svccfg-...}, marked so that their binds are never intercepted, and
 * with a handler that logs whatever escapes them, so that nothing of svccfg's ever reaches the JVM's default
 * handler (which would print a stack trace on the application's stderr). Classes, not lambdas: the first threads
 * start in {@code premain}, on the application's main thread, where each lambda costs its linking.
 */
public final class AgentThreads {
    private AgentThreads() {
    }

    /** Starts {@code work} on a new agent thread. */
    public static Thread start(String name, Runnable work) {
        Thread thread = new AgentThread(name, work);
        thread.start();
        return thread;
    }

    /** Makes agent threads, all named {@code name} (for an executor of one thread). */
    public static ThreadFactory factory(String name) {
        return work -> new AgentThread(name, work);
    }

    private static final class AgentThread extends Thread implements Thread.UncaughtExceptionHandler {
        private final Runnable work;

        AgentThread(String name, Runnable work) {
            super(name);
            this.work = work;
            setDaemon(true);
            setUncaughtExceptionHandler(this);
        }

        @Override
        public void run() {
            Interception.markAgentThread();
            work.run();
        }

        /** Its logger is made only then: this class loads in {@code premain}, as {@code BindTransformer} does. */
        @Override
        public void uncaughtException(Thread thread, Throwable error) {
            Logs.of(AgentThreads.class).error("svccfg thread {} stopped by {}; the application is not affected",
                    thread.getName(), error);
        }
    }
}
