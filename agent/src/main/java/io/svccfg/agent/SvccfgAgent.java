package io.svccfg.agent;

import io.svccfg.config.BadOptionException;
import io.svccfg.config.Config;
import io.svccfg.config.ConfigLoader;
import io.svccfg.config.HostPort;
import io.svccfg.dns.TupleSource;
import io.svccfg.interception.AgentThreads;
import io.svccfg.interception.Interception;
import io.svccfg.jdk.AgentProperties;
import io.svccfg.jdk.ListenerMover;
import io.svccfg.jmx.AgentView;
import io.svccfg.listener.ListenerActions;
import io.svccfg.listener.ListenerBinder;
import io.svccfg.listener.ListenerRegistry;
import io.svccfg.listener.UnmanagedListeners;
import io.svccfg.log.Logs;
import io.svccfg.log.StderrLogging;
import io.svccfg.notify.NotifyReceiver;
import io.svccfg.reconcile.ReadState;
import io.svccfg.reconcile.Reconciler;
import io.svccfg.status.StatusReport;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import javax.management.JMException;

/**
 * The agent's entry: {@code -javaagent:svccfg.jar=OPTIONS} ({@link #premain}) or a late attach
 * ({@link #agentmain}). It does on the application's main thread only what must happen before the application
 * runs (check the options, register the transformer); the rest happens on svccfg's own daemon threads.
 */
public final class SvccfgAgent {
    /** The exit status of a JVM stopped at start by a bad option. */
    static final int BAD_OPTION = 2;
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private SvccfgAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        Config config;
        try {
            config = ConfigLoader.load(arguments, System.getProperties(), System.getenv());
        } catch (BadOptionException e) {
            // Throwing from premain aborts the JVM with a crash report (exit 134): one line and status 2 instead.
            System.err.println(e.getMessage());
            System.exit(BAD_OPTION);
            return;
        } catch (Throwable t) {
            System.err.println("svccfg: internal error reading the options, svccfg is off: " + t);
            return;
        }
        start(config, instrumentation);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        try {
            if (start(ConfigLoader.load(arguments, System.getProperties(), System.getenv()), instrumentation)) {
                Logs.of(SvccfgAgent.class).info("attached to a running JVM: listeners it bound before"
                        + " now stay where they are and are not managed; those it binds from now on are");
            }
        } catch (BadOptionException e) {
            // A running application is never stopped by a bad attach: say why and leave it alone.
            System.err.println(e.getMessage());
        } catch (Throwable t) {
            System.err.println("svccfg: internal error reading the options, svccfg is off: " + t);
        }
    }

    /** Never throws: whatever fails, the application runs as without svccfg. True when svccfg started. */
    private static boolean start(Config config, Instrumentation instrumentation) {
        if (!STARTED.compareAndSet(false, true)) {
            System.err.println("svccfg: the agent already runs in this JVM; options ignored");
            return false;
        }
        try {
            StderrLogging.setThreshold(config.log());
            ReadState reads = new ReadState();
            ListenerRegistry registry = new ListenerRegistry();
            Interception.install(instrumentation, new ListenerBinder(config, reads, registry));
            // The rest on svccfg's own threads, while the application starts: its first managed bind waits for the
            // first read, nothing else.
            AgentThreads.start("svccfg-instrument", Interception::prepare);
            AgentThreads.start("svccfg-start", () -> startReading(config, reads, registry));
            return true;
        } catch (Throwable t) {
            Logs.of(SvccfgAgent.class).error("svccfg is off: the application runs as without it", t);
            return false;
        }
    }

    /**
     * Starts the reconciler, which lists this host's addresses, then reads; meanwhile makes the tuple source here,
     * so that dnsjava's own start-up (its type tables, its random query ids, the TSIG MAC) overlaps the former.
     */
    private static void startReading(Config config, ReadState reads, ListenerRegistry registry) {
        ListenerActions actions = new ListenerActions(registry, ListenerMover::create, config.unassigned(),
                config.flapDamping(), config.allow(), config.drain());
        UnmanagedListeners unmanaged = new UnmanagedListeners(registry, actions::draining, config.services(),
                config.notifyOn().map(HostPort::port).orElse(0));
        CompletableFuture<TupleSource> source = new CompletableFuture<>();
        Reconciler reconciler = new Reconciler(config, source::join, reads, actions, unmanaged);
        reconciler.start(() -> {
            LongSupplier refusedNotifies = config.notifyOn()
                    .map(at -> acceptNotify(config, at, reconciler))
                    .orElse(() -> 0);
            publish(AgentView.of(config, reads, registry, reconciler, refusedNotifies, actions::draining,
                    unmanaged));
        });
        try {
            TupleSource made = new TupleSource(config.dns(), config.tsig(), TupleSource.DEFAULT_TIMEOUT);
            made.warmUp();
            source.complete(made);
        } catch (RuntimeException | LinkageError e) {
            source.completeExceptionally(e); // the read fails and says why
        }
    }

    /** Shows the view to {@code status} (the agent properties) and to JMX tools (the MXBean). */
    private static void publish(AgentView view) {
        try {
            AgentProperties.publish(new StatusReport(view).properties());
        } catch (ReflectiveOperationException | RuntimeException e) {
            Logs.of(SvccfgAgent.class).warn("status cannot read this JVM ({}); the MXBean {} can",
                    e.toString(), AgentView.NAME);
        }
        try {
            view.register();
        } catch (JMException | RuntimeException e) {
            Logs.of(SvccfgAgent.class).warn("cannot register {}: {}", AgentView.NAME, e.toString());
        }
    }

    /** Starts the NOTIFY receiver; returns how many NOTIFYs it refused so far. */
    private static LongSupplier acceptNotify(Config config, HostPort at, Reconciler reconciler) {
        try {
            return NotifyReceiver.start(config, at, reconciler::notified)::refused;
        } catch (IOException | RuntimeException e) {
            Logs.of(SvccfgAgent.class).error("cannot accept DNS NOTIFY on {}: {}; polling only", at,
                    e.toString());
            return () -> 0;
        }
    }

}
