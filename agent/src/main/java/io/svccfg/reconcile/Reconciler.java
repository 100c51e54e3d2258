package io.svccfg.reconcile;

import io.svccfg.config.Config;
import io.svccfg.dns.LazyTupleSource;
import io.svccfg.interception.AgentThreads;
import io.svccfg.listener.ListenerActions;
import io.svccfg.listener.UnmanagedListeners;
import io.svccfg.log.Logs;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Keeps the listeners where the DNS says, on the agent's own thread {@code svccfg-reconciler}: reads at start, then
 * as {@link Polling} schedules, when a NOTIFY comes ({@link NotifyCoalescing}) and when asked ({@link #pollNow}),
 * and follows this host's address changes ({@link AddressWatching}). Each read is {@link ReadAndReconcile}'s. This
 * class only wires them to the one thread, so that no two of them ever run at once.
 */
public final class Reconciler {
    private static final Logger log = Logs.of(Reconciler.class);

    private final Config config;
    private final ListenerActions actions;
    private final Activity activity = new Activity();
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(AgentThreads.factory("svccfg-reconciler"));
    private final ReadAndReconcile reconcile;
    private final Polling polling;
    private final NotifyCoalescing notifies;
    private final AddressWatching addresses;

    /**
     * {@code source} is the tuple source, made when first needed (dnsjava's start-up is not the application's); a
     * read due before it is made is an {@link io.svccfg.dns.EarlyRead early read} when it can be.
     */
    public Reconciler(Config config, LazyTupleSource source, FirstRead first, ReadState state,
            ListenerActions actions, UnmanagedListeners unmanaged) {
        this.config = config;
        this.actions = actions;
        this.reconcile = new ReadAndReconcile(config, source, first, state, actions, unmanaged, activity, thread);
        this.polling = new Polling(config.poll(), config.idlePoll(), state, reconcile::poll, thread);
        this.notifies = new NotifyCoalescing(thread, reconcile::readAll, System.nanoTime(),
                NotifyCoalescing.jitter(config.notifyJitter()));
        this.addresses = new AddressWatching(state, reconcile, thread);
    }

    /**
     * Starts the agent's thread: the DNS (the first poll, which takes the {@link FirstRead first read} when it was
     * made), then, after the reads that binds asked for meanwhile, {@code afterFirstRead}: what the application's
     * first bind does not need (the MXBean), so that the first bind waits for nothing but the first read that covers
     * it.
     */
    public void start(Runnable afterFirstRead) {
        thread.execute(() -> {
            polling.start();
            // Queued, so that a read that a bind asked for meanwhile comes first: the bind waits for it.
            thread.execute(() -> {
                try {
                    afterFirstRead.run();
                } catch (RuntimeException e) {
                    log.warn("svccfg start-up step failed: {}", e.toString());
                }
                if (config.addresses().isEmpty()) {
                    addresses.start();
                }
            });
        });
    }

    /**
     * A DNS NOTIFY for {@code zone} was accepted: reads the DNS soon, once for a whole burst, unless it carries a
     * {@code serial} that the last read already had.
     */
    public void notified(String zone, OptionalLong serial) {
        activity.notified();
        if (serial.isPresent() && !reconcile.notifyMayTell(zone, serial.getAsLong())) {
            log.debug("NOTIFY for zone {} at serial {}: read already", zone, serial.getAsLong());
            return;
        }
        notifies.notified();
    }

    /**
     * Makes ready, on the agent's thread, what moving a listener needs ({@link ListenerActions#prepare}); the future
     * says when it is done.
     */
    public CompletableFuture<Void> prepareMoves() {
        return CompletableFuture.runAsync(actions::prepare, thread);
    }

    /** Reads the DNS now, on the agent's thread, besides the scheduled polls. */
    public void pollNow() {
        thread.execute(reconcile::readAll);
    }

    /** Called on the agent's thread with what moved, after every reconcile that moved something. */
    public void onChange(Consumer<List<String>> listener) {
        reconcile.onChange(listener);
    }

    /** DNS questions sent so far. */
    public long dnsQuestions() {
        return reconcile.dnsQuestions();
    }

    public Activity activity() {
        return activity;
    }
}
