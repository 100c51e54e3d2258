package io.svccfg.agent;

import io.svccfg.config.Config;
import io.svccfg.config.HostPort;
import io.svccfg.dns.EarlyRead;
import io.svccfg.dns.LazyTupleSource;
import io.svccfg.dns.TupleSource;
import io.svccfg.jdk.AgentProperties;
import io.svccfg.jdk.ListenerMover;
import io.svccfg.jmx.AgentView;
import io.svccfg.listener.ListenerActions;
import io.svccfg.listener.ListenerRegistry;
import io.svccfg.listener.UnmanagedListeners;
import io.svccfg.log.LogOutput;
import io.svccfg.log.Logs;
import io.svccfg.notify.NotifyReceiver;
import io.svccfg.reconcile.FirstRead;
import io.svccfg.reconcile.ReadState;
import io.svccfg.reconcile.Reconciler;
import io.svccfg.status.StatusReport;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import javax.management.JMException;
import org.slf4j.Logger;

/**
 * What svccfg starts after {@code premain}, on its own thread while the application starts. The first read begins
 * first, on a thread of its own, while this thread lists this host's addresses and makes the reconciler, whose first
 * poll takes that read; then this thread makes the tuple source (dnsjava's start-up, begun at {@code premain} unless
 * the early read makes the first read, in which case it waits for that read), the NOTIFY receiver and the view that
 * {@code status} reads. The MXBean, the dearest part, is registered
 * only after the first read: the application's first managed bind waits for that read and nothing else. svccfg's log
 * lines are written from that bind on ({@link LogOutput#hold}).
 */
final class AgentStart implements Runnable {
    private static final Logger log = Logs.of(AgentStart.class);
    /** How long after the first read the rest of start-up waits for a managed bind that may use it. */
    private static final Duration FIRST_BIND_GRACE = Duration.ofMillis(200);

    private final Config config;
    private final ReadState reads;
    private final ListenerRegistry registry;
    /** Whether {@code status} can find svccfg yet; this thread's only. */
    private boolean statusPublished;

    AgentStart(Config config, ReadState reads, ListenerRegistry registry) {
        this.config = config;
        this.reads = reads;
        this.registry = registry;
    }

    @Override
    public void run() {
        CompletableFuture<AgentView> view = new CompletableFuture<>();
        LogOutput.hold();
        try {
            start(view);
        } catch (RuntimeException | Error e) {
            view.completeExceptionally(e); // status then says svccfg failed to start, rather than wait
            publishStatus(view);
            throw e;
        } finally {
            LogOutput.release();
        }
    }

    /** So that {@code status} finds svccfg; it waits for {@code view}. Once: later calls do nothing. */
    private void publishStatus(CompletableFuture<AgentView> view) {
        if (statusPublished) {
            return;
        }
        statusPublished = true;
        try {
            AgentProperties.publish(new StatusReport(view::join).properties());
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("status cannot read this JVM ({}); the MXBean {} can", e.toString(), AgentView.NAME);
        }
    }

    private void start(CompletableFuture<AgentView> view) {
        // Before the rest is made: the first read, on a thread of its own, and this host's addresses, here.
        FirstRead first = FirstRead.begin(config, reads);
        // The rest after the application's first managed bind, when the first read is made: that bind has the CPUs.
        // So is status, which opens java.base (its lambdas and module code): within the early read's timeout and
        // the grace for that bind of the start.
        first.awaitFirstBind(registry.firstBound(), FIRST_BIND_GRACE);
        LogOutput.release();
        publishStatus(view);
        ListenerActions actions = new ListenerActions(registry, ListenerMover::create, config.unassigned(),
                config.flapDamping(), config.allow(), config.drain());
        UnmanagedListeners unmanaged = new UnmanagedListeners(registry, actions::draining, config.services(),
                config.notifyOn().map(HostPort::port).orElse(0));
        LazyTupleSource source = new LazyTupleSource(
                () -> new TupleSource(config.dns(), config.tsig(), TupleSource.DEFAULT_TIMEOUT));
        Reconciler reconciler = new Reconciler(config, source, first, reads, actions, unmanaged);
        reconciler.start(() -> view.thenAccept(AgentStart::register));
        CompletableFuture<Void> movesPrepared = reconciler.prepareMoves();
        try {
            source.get();
        } catch (RuntimeException | LinkageError e) {
            log.warn("cannot start dnsjava yet ({}); the next read tries again", e.toString());
        }
        LongSupplier refusedNotifies = config.notifyOn()
                .map(at -> acceptNotify(at, reconciler))
                .orElse(() -> 0);
        // What status shows comes after the mover's warm-up (its scratch sockets closed): no status races it.
        try {
            movesPrepared.join();
        } catch (CompletionException e) {
            log.warn("cannot prepare moves yet ({}); the first move tries again", e.getCause().toString());
        }
        view.complete(AgentView.of(config, reads, registry, reconciler, refusedNotifies, actions::draining,
                unmanaged));
    }

    /** Whether the first read can do without dnsjava ({@link EarlyRead}): then dnsjava starts after it. */
    static boolean readsEarly(Config config) {
        return EarlyRead.possible(config.dns(), config.tsig(), config.listeningPoints());
    }

    /** Shows the view to JMX tools (the MXBean). */
    private static void register(AgentView view) {
        try {
            view.register();
        } catch (JMException | RuntimeException e) {
            log.warn("cannot register {}: {}", AgentView.NAME, e.toString());
        }
    }

    /** Starts the NOTIFY receiver; returns how many NOTIFYs it refused so far. */
    private LongSupplier acceptNotify(HostPort at, Reconciler reconciler) {
        try {
            return NotifyReceiver.start(config, at, notice -> reconciler.notified(notice.zone(), notice.serial()))
                    ::refused;
        } catch (IOException | RuntimeException e) {
            log.error("cannot accept DNS NOTIFY on {}: {}; polling only", at, e.toString());
            return () -> 0;
        }
    }
}
