package io.svccfg.agent;

import io.svccfg.config.BadOptionException;
import io.svccfg.config.Config;
import io.svccfg.config.ConfigLoader;
import io.svccfg.dns.EarlyRead;
import io.svccfg.dns.TupleSource;
import io.svccfg.interception.AgentThreads;
import io.svccfg.interception.Interception;
import io.svccfg.listener.ListenerBinder;
import io.svccfg.listener.ListenerRegistry;
import io.svccfg.log.Logs;
import io.svccfg.log.StderrLogging;
import io.svccfg.reconcile.ReadState;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent's start: {@code -javaagent:svccfg.jar=OPTIONS} ({@link #premain}) or a late attach
 * ({@link #agentmain}), called by {@link AgentEntry} once the JVM loads svccfg's classes from where they belong. It
 * does on the application's main thread only what must happen before the application
 * runs (check the options, register the transformer); the rest happens on svccfg's own daemon threads.
 */
public final class SvccfgAgent {
    /** The exit status of a JVM stopped at start by a bad option. */
    static final int BAD_OPTION = 2;
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    /** Whether dnsjava starts at {@code premain} (true) or after the first read, as {@link AgentStart} says. */
    private static final CompletableFuture<Boolean> DNSJAVA_AT_START = new CompletableFuture<>();

    private SvccfgAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        warmUp();
        // Before the options: instrumenting the JDK's listener classes (Byte Buddy's ASM, 40-50 ms cold) then runs
        // beside their check instead of on the application's first bind; no bind is managed before start().
        if (!intercept(instrumentation)) {
            return;
        }
        Config config;
        try {
            config = ConfigLoader.load(arguments, System.getProperties(), System.getenv());
            DNSJAVA_AT_START.complete(!AgentStart.readsEarly(config));
        } catch (BadOptionException e) {
            // Throwing from premain aborts the JVM with a crash report (exit 134): one line and status 2 instead.
            System.err.println(e.getMessage());
            System.exit(BAD_OPTION);
            return;
        } catch (Throwable t) {
            DNSJAVA_AT_START.complete(false);
            System.err.println("svccfg: internal error reading the options, svccfg is off: " + t);
            return;
        }
        start(config);
    }

    /**
     * What the first bind's path needs and the JVM starts slowly, on a thread of its own: the JDK's networking that
     * the first read needs ({@link io.svccfg.dns.EarlyRead#warmUp}) and svccfg's logging at once, then, once the
     * options are checked (so as not to slow that check), dnsjava's class initialisation (150-300 ms)
     * when the first read needs it (when the
     * {@link io.svccfg.dns.EarlyRead early read} can make that read, dnsjava starts after it instead, so as not to
     * take the CPUs from the application's first bind), and a made-up bind decision (30-60 ms cold), so that the
     * first real one, after the first read, is quick. A bare thread that binds nothing, so as to load nothing more
     * on the main thread; whatever fails here, the first read meets again and reports.
     */
    private static void warmUp() {
        Thread warmUp = new Thread(new WarmUp(), "svccfg-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** A class, not a lambda, as the others started here: no lambda is linked on the application's main thread. */
    private static final class WarmUp implements Runnable {
        @Override
        public void run() {
            try {
                EarlyRead.warmUp(); // the longest, and on the first read's path
                Logs.of(SvccfgAgent.class);
                boolean dnsjavaAtStart = DNSJAVA_AT_START.join();
                if (dnsjavaAtStart) {
                    TupleSource.warmUp();
                }
                ListenerBinder.warmUp();
            } catch (Throwable t) {
                // the first read reports it
            }
        }
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        try {
            // The options first: a running application is never touched by a bad attach.
            Config config = ConfigLoader.load(arguments, System.getProperties(), System.getenv());
            if (intercept(instrumentation) && start(config)) {
                Logs.of(SvccfgAgent.class).info("attached to a running JVM: listeners it bound before"
                        + " now stay where they are and are not managed; those it binds from now on are");
            }
        } catch (BadOptionException e) {
            // Say why and leave the application alone.
            System.err.println(e.getMessage());
        } catch (Throwable t) {
            System.err.println("svccfg: internal error reading the options, svccfg is off: " + t);
        }
    }

    /**
     * Installs the interception and starts instrumenting the JDK's listener classes on a thread of svccfg's; the
     * binds go through as asked until {@link #start}. Never throws. False when svccfg runs already, or cannot.
     */
    private static boolean intercept(Instrumentation instrumentation) {
        if (!STARTED.compareAndSet(false, true)) {
            System.err.println("svccfg: the agent already runs in this JVM; options ignored");
            return false;
        }
        try {
            Interception.install(instrumentation);
            AgentThreads.start("svccfg-instrument", new Runnable() {
                @Override
                public void run() {
                    Interception.prepare();
                }
            });
            return true;
        } catch (Throwable t) {
            Logs.of(SvccfgAgent.class).error("svccfg is off: the application runs as without it", t);
            return false;
        }
    }

    /** Never throws: whatever fails, the application runs as without svccfg. True when svccfg started. */
    private static boolean start(Config config) {
        try {
            StderrLogging.setThreshold(config.log());
            ReadState reads = new ReadState();
            ListenerRegistry registry = new ListenerRegistry();
            Interception.listen(new ListenerBinder(config, reads, registry));
            // The rest on svccfg's own threads, while the application starts: its first managed bind waits for the
            // first read, nothing else.
            AgentThreads.start("svccfg-start", new AgentStart(config, reads, registry));
            return true;
        } catch (Throwable t) {
            Logs.of(SvccfgAgent.class).error("svccfg is off: the application runs as without it", t);
            return false;
        }
    }
}
