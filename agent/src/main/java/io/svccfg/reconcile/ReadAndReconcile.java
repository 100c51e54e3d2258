package io.svccfg.reconcile;

import io.svccfg.config.Config;
import io.svccfg.dns.DnsRead;
import io.svccfg.dns.DnsReadException;
import io.svccfg.dns.EarlyRead;
import io.svccfg.dns.LazyTupleSource;
import io.svccfg.dns.TupleSource;
import io.svccfg.jfr.ReadRecording;
import io.svccfg.listener.ListenerActions;
import io.svccfg.listener.UnmanagedListeners;
import io.svccfg.log.Logs;
import io.svccfg.plan.Plan;
import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The read-and-reconcile step: one read of the DNS, then the listeners follow its tuples. When and why a read
 * happens is its callers' concern ({@link Polling}, {@link NotifyCoalescing}, {@link AddressWatching},
 * {@link Reconciler#pollNow}, and a bind or a look that finds a service in use that the last read did not cover);
 * all of them call it on the agent's thread. A failed read changes no listener.
 *
 * <p>A read asks what is in use: the services named with {@code service=} (over TCP and UDP) and those of the
 * application's listeners ({@link ReadState#inUse}); before any listener binds, with the built-in table, it asks
 * only the SOA serials. The listeners follow only the services a read covered.
 */
final class ReadAndReconcile {
    private static final Logger log = Logs.of(ReadAndReconcile.class);
    /** The least time between two looks for unmanaged listeners when the SOA gate spares the reads. */
    private static final Duration UNGATED_LOOK = Duration.ofMinutes(1);

    private final Config config;
    private final LazyTupleSource sources;
    /** Taken at the first read that dnsjava makes; read by JMX threads for the question count. */
    private volatile TupleSource source;
    /** The first read, made before this was; the first poll takes it. */
    private final FirstRead first;
    /** Reads before dnsjava has started, when the options allow ({@link EarlyRead#of}). */
    private final Optional<EarlyRead> early;
    private final ReadState state;
    private final ListenerActions actions;
    private final UnmanagedListeners unmanaged;
    private long lastLook = System.nanoTime();
    private final Activity activity;
    private final ScheduledExecutorService thread;
    private final FailedReads failures = new FailedReads(log);
    private final SoaGate gate;
    /** The services named with {@code service=}: read whether a listener uses them or not. */
    private final Set<ServiceType> named;
    /** At most one read for services not covered waits for the agent's thread at a time. */
    private final AtomicBoolean uncoveredPending = new AtomicBoolean();
    /** At most one re-apply waits for flap damping at a time: it uses the last good tuples when it runs. */
    private final AtomicBoolean dampedPending = new AtomicBoolean();
    /** At most one look for unmanaged listeners waits for the agent's thread at a time. */
    private final AtomicBoolean lookPending = new AtomicBoolean();
    private volatile Consumer<List<String>> onChange = changes -> { };

    ReadAndReconcile(Config config, LazyTupleSource sources, FirstRead first, ReadState state,
            ListenerActions actions, UnmanagedListeners unmanaged, Activity activity,
            ScheduledExecutorService thread) {
        this.config = config;
        this.sources = sources;
        this.first = first;
        this.early = first.reader();
        this.state = state;
        this.actions = actions;
        this.unmanaged = unmanaged;
        this.activity = activity;
        this.thread = thread;
        this.gate = new SoaGate(config.names());
        this.named = named(config);
        state.readsWith(this::readUncoveredSoon);
    }

    /** The services named with {@code service=}, over both transports. */
    static Set<ServiceType> named(Config config) {
        Set<ServiceType> named = new TreeSet<>();
        for (String service : config.services().named()) {
            for (Transport transport : Transport.values()) {
                named.add(new ServiceType(service, transport));
            }
        }
        return named;
    }

    /** What a read asks for: the named services and those in use. */
    static Set<ServiceType> asked(Set<ServiceType> named, Set<ServiceType> inUse) {
        Set<ServiceType> asked = new TreeSet<>(named);
        asked.addAll(inUse);
        return asked;
    }

    /**
     * A bind or a look found a service in use that the last good read may not cover: the agent's thread reads now.
     * The asks that come before that read runs share it. Before the first poll (still ahead on the thread, at start)
     * there is nothing to do: the first poll asks for it.
     */
    private void readUncoveredSoon() {
        if (uncoveredPending.compareAndSet(false, true)) {
            thread.execute(() -> {
                uncoveredPending.set(false);
                boolean started = activity.polls() > 0;
                if (started && !state.lastGood().map(last -> last.coversAll(asked(state.inUse()))).orElse(false)) {
                    poll();
                }
            });
        }
    }

    private Set<ServiceType> asked(Set<ServiceType> inUse) {
        return asked(named, inUse);
    }

    /**
     * A poll: the SOA gate may spare the full read. A poll that throws still counts as a failed read, so that the
     * first bind waiting for the first read does not wait its whole time.
     */
    void poll() {
        try {
            read(false);
        } catch (RuntimeException | LinkageError e) {
            state.failed(e.toString());
            log.warn("svccfg's read and reconcile failed; the listeners stay as they are", e);
        }
    }

    /** A full read, whatever the serials say: asked for (NOTIFY, {@code pollNow}), so the caller expects news. */
    void readAll() {
        try {
            read(true);
        } catch (RuntimeException | LinkageError e) {
            state.failed(e.toString());
            log.warn("svccfg's read and reconcile failed; the listeners stay as they are", e);
        }
    }

    /**
     * One read; when it succeeds, the listeners follow it. A failed read changes nothing. Unless {@code full}, the
     * read asks each domain's SOA serial first and stops there when the {@link SoaGate} allows.
     */
    private void read(boolean full) {
        activity.polled();
        Optional<DnsRead> firstRead = first.take();
        if (firstRead.isPresent()) {
            // Made and given to the binds already (they did not wait for this thread): what follows a read.
            followed(firstRead.get(), Optional.empty(), first.event());
            // A bind that came after it took the services in use waits for a read of its own.
            readUncoveredSoon();
            return;
        }
        Set<ServiceType> asked = asked(state.readStarts());
        Optional<DnsRead> earlyRead = readEarly(asked);
        if (earlyRead.isEmpty() && source == null) {
            source = sources.get();
            // dnsjava's start-up took a while (at start, 150-300 ms): the services that binds came for meanwhile too.
            asked = asked(state.inUse());
        }
        ReadRecording event = ReadRecording.begin(String.join(",", config.names()));
        DnsRead read;
        try {
            Optional<DnsRead> last = state.lastGood();
            if (earlyRead.isPresent()) {
                read = earlyRead.get();
            } else {
                read = readWithDnsjava(full, asked, last, event);
                if (read == null) {
                    return;
                }
            }
        } catch (DnsReadException e) {
            event.end(null, 0, "failed: " + e.getMessage());
            state.failed(e.getMessage());
            activity.readFailed(e.getMessage());
            failures.warn(e.getMessage());
            return;
        }
        Optional<DnsRead> previous = state.lastGood();
        state.awaitIdentity();
        // First: a bind waiting for this read goes on at once; what follows is nobody's wait.
        state.succeeded(read);
        followed(read, previous, event);
    }

    /** What follows a good read, {@code read}, that {@code previous} preceded: the listeners follow it. */
    private void followed(DnsRead read, Optional<DnsRead> previous, ReadRecording event) {
        boolean firstGood = previous.isEmpty();
        boolean newServices = !previous.map(r -> r.covered().containsAll(read.covered())).orElse(false);
        // DNS servers rotate the records of an answer: compare as sets.
        boolean changed = !previous.map(r -> Set.copyOf(r.tuples())).orElse(Set.of())
                .equals(Set.copyOf(read.tuples()));
        gate.fullRead(read, Instant.now());
        event.end(read.serials().toString(), read.tuples().size(), "ok");
        failures.recovered();
        Instant now = Instant.now();
        activity.read(now);
        activity.fullRead(now);
        if (firstGood || changed || newServices) {
            report(read);
        }
        follow(read, changed);
        lookSoon();
    }

    /**
     * The read before dnsjava has started, when the options and the answers allow: empty when dnsjava has started
     * already (its reads check more and fail over), or the early reader left this read to it.
     */
    private Optional<DnsRead> readEarly(Set<ServiceType> asked) {
        // After a read it left to dnsjava (the first read's, say), dnsjava makes them all, as it would after this one.
        if (source != null || sources.isMade() || early.isEmpty() || early.get().lastRefusal() != null) {
            return Optional.empty();
        }
        Optional<DnsRead> read = early.get().read(config.domains(), asked);
        if (read.isEmpty()) {
            log.debug("the first read waits for dnsjava: the early read could not make it ({})",
                    early.get().lastRefusal());
        }
        return read;
    }

    /**
     * A read with dnsjava: unless {@code full}, it asks each domain's SOA serial first and stops there when the
     * {@link SoaGate} allows, and then returns null, the listeners having followed the last good read again.
     */
    private DnsRead readWithDnsjava(boolean full, Set<ServiceType> asked, Optional<DnsRead> last,
            ReadRecording event) throws DnsReadException {
        if (!full && gate.serialsMaySuffice(last, asked, Instant.now())) {
            Map<String, Long> serials = source.serials(config.names());
            if (SoaGate.unchanged(serials, last.get())) {
                event.end(serials.toString(), last.get().tuples().size(), "unchanged");
                failures.recovered();
                state.unchanged();
                activity.read(Instant.now());
                follow(last.get(), false);
                if (System.nanoTime() - lastLook >= UNGATED_LOOK.toNanos()) {
                    look(last.get());
                }
                return null;
            }
        }
        return source.read(config.domains(), config.listeningPoints(), asked);
    }

    /**
     * Looks for unmanaged listeners after the reads already asked for: a bind waiting for a read (the application's
     * first, at start) has it before the look. One look for them all, with the last good read.
     */
    private void lookSoon() {
        if (lookPending.compareAndSet(false, true)) {
            thread.execute(() -> {
                lookPending.set(false);
                state.lastGood().ifPresent(this::look);
            });
        }
    }

    /**
     * Looks for unmanaged listeners: at each read, and at a poll that the SOA gate stops only when the last look is
     * {@link #UNGATED_LOOK} old (a look costs milliseconds; an unchanged zone may go a day without a full read).
     */
    private void look(DnsRead read) {
        lastLook = System.nanoTime();
        // An unmanaged listener's service is in use too: read it, so that its warning can name what DNS assigns.
        if (state.use(unmanaged.look(read.tuples(), read.covered(), state.identity()))) {
            readUncoveredSoon();
        }
    }

    /** Whether a NOTIFY for {@code zone} at {@code serial} may tell something the last good read did not. */
    boolean notifyMayTell(String zone, long serial) {
        return gate.notifyMayTell(state.lastGood(), zone, serial);
    }

    /** The listeners follow the last good read again, as after a read; {@code changed} as for {@link #follow}. */
    void followLastGood(boolean changed) {
        state.lastGood().ifPresent(read -> follow(read, changed));
    }

    /**
     * The listeners of the services {@code read} covered follow its tuples; {@code changed} says that what is for
     * this host changed even if no listener moved (it counts as a change for operators). What flap damping put off
     * is done again when it may, with the tuples of the last good read then, so that the final state always
     * follows DNS.
     */
    private void follow(DnsRead read, boolean changed) {
        ListenerActions.Applied applied = actions.apply(read.tuples(), read.covered(), state.identity());
        applied.errors().forEach(activity::error);
        if (changed || !applied.moves().isEmpty()) {
            activity.changed(Instant.now());
        }
        if (!applied.moves().isEmpty()) {
            onChange.accept(applied.moves());
        }
        if (!applied.again().isZero() && dampedPending.compareAndSet(false, true)) {
            thread.schedule(() -> {
                dampedPending.set(false);
                followLastGood(false);
            }, applied.again().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void report(DnsRead read) {
        if (read.covered().isEmpty()) {
            log.info("read the serials from {}; no tuple yet: no service is in use (no managed listener, no service=)",
                    servers());
            return;
        }
        List<String> forThisHost = new ArrayList<>();
        for (ServiceType service : new TreeSet<>(read.covered())) {
            var endpoints = Plan.endpointsOnThisHost(read.tuples(), state.identity(), service.service(),
                    service.transport());
            if (!endpoints.isEmpty()) {
                forThisHost.add(service + " " + endpoints);
            }
        }
        log.info("read {} tuples from {}; for this host: {}", read.tuples().size(), servers(),
                forThisHost.isEmpty() ? "none" : String.join(", ", forThisHost));
    }

    void onChange(Consumer<List<String>> listener) {
        this.onChange = listener;
    }

    /** The servers the last read asked: the early reader's until dnsjava reads. */
    private List<String> servers() {
        TupleSource current = source;
        return current != null ? current.servers() : early.map(EarlyRead::servers).orElse(List.of());
    }

    /** DNS questions sent so far, the early reader's included. */
    long dnsQuestions() {
        TupleSource current = source;
        return (current == null ? 0 : current.questions()) + early.map(EarlyRead::questions).orElse(0L);
    }
}
