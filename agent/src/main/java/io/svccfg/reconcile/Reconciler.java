package io.svccfg.reconcile;

import io.svccfg.config.Config;
import io.svccfg.dns.DnsRead;
import io.svccfg.dns.DnsReadException;
import io.svccfg.dns.TupleSource;
import io.svccfg.cli.Version;
import io.svccfg.identity.AddressWatch;
import io.svccfg.identity.Identity;
import io.svccfg.identity.InterfaceAddresses;
import io.svccfg.interception.AgentThreads;
import io.svccfg.jfr.ReadEvent;
import io.svccfg.listener.ListenerActions;
import io.svccfg.plan.Plan;
import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Tuple;
import io.svccfg.tuple.Transport;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the DNS on the agent's own thread: at once, then every {@code poll} (every {@code idle-poll} while no tuple
 * is for this host), with a little jitter so that a fleet does not poll in step.
 */
public final class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    /** How long a NOTIFY waits for the rest of its burst before the read. */
    static final Duration NOTIFY_COALESCE = Duration.ofMillis(50);
    /** The least time between two reads made for NOTIFYs, however many arrive. */
    static final Duration NOTIFY_SPACING = Duration.ofMillis(250);
    /** How often the addresses of the interfaces are looked at, when {@code address=} does not fix them. */
    static final Duration ADDRESS_WATCH = Duration.ofSeconds(2);

    private final Config config;
    private final Supplier<TupleSource> sources;
    private volatile TupleSource source;
    private final ReadState state;
    private final ListenerActions actions;
    private final Activity activity = new Activity();
    private final FailedReads failures = new FailedReads(log);
    private Instant outsideTargetsExpire = Instant.MIN;
    private final AtomicBoolean notifyReadPending = new AtomicBoolean();
    private final AtomicBoolean dampedPending = new AtomicBoolean();
    private volatile long lastNotifyRead = System.nanoTime() - NOTIFY_SPACING.toNanos();
    private volatile Consumer<List<String>> onChange = changes -> { };
    private final List<ServiceType> services = new ArrayList<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(AgentThreads.factory("svccfg-reconciler"));

    /** {@code sources} makes the tuple source on the agent's thread: dnsjava's start-up is not the application's. */
    public Reconciler(Config config, Supplier<TupleSource> sources, ReadState state, ListenerActions actions) {
        this.config = config;
        this.sources = sources;
        this.actions = actions;
        this.state = state;
        for (String service : config.services().services()) {
            for (Transport transport : Transport.values()) {
                services.add(new ServiceType(service, transport));
            }
        }
    }

    /** Starts the agent's thread: {@code first}, then reads the identity, then the DNS. */
    public void start(Runnable first) {
        thread.execute(() -> {
            try {
                first.run();
            } catch (RuntimeException e) {
                log.warn("svccfg start-up step failed: {}", e.toString());
            }
            try {
                state.identity(InterfaceAddresses.identity(config.addresses()));
            } catch (SocketException e) {
                log.error("cannot list this host's addresses ({}): no tuple is for this host; give them with address=",
                        e.toString());
            }
            log.info("svccfg {}: domains {}, identity {}, unassigned={}", Version.get(), config.domains(),
                    state.identity(), config.unassigned().label());
            readAndSchedule();
            if (config.addresses().isEmpty()) {
                AddressWatch watch = new AddressWatch(this::interfaceAddresses, state.identity());
                thread.scheduleWithFixedDelay(() -> watchAddresses(watch), ADDRESS_WATCH.toMillis(),
                        ADDRESS_WATCH.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    /** One read and reconcile, then the next one scheduled, whatever happened. */
    private void readAndSchedule() {
        try {
            readAndReconcile(false);
        } catch (RuntimeException | LinkageError e) {
            state.failed(e.toString());
            log.warn("svccfg's read and reconcile failed; the listeners stay as they are", e);
        } finally {
            boolean forThisHost = state.lastGood().map(this::anyForThisHost).orElse(false);
            Duration interval = forThisHost ? config.poll() : config.idlePoll();
            long jitter = ThreadLocalRandom.current().nextLong(interval.toMillis() / 10 + 1);
            thread.schedule(this::readAndSchedule, interval.toMillis() + jitter, TimeUnit.MILLISECONDS);
        }
    }

    private void report(DnsRead read) {
        List<String> forThisHost = new ArrayList<>();
        for (ServiceType service : services) {
            var endpoints = Plan.endpointsOnThisHost(read.tuples(), state.identity(), service.service(), service.transport());
            if (!endpoints.isEmpty()) {
                forThisHost.add(service + " " + endpoints);
            }
        }
        log.info("read {} tuples from {}; for this host: {}", read.tuples().size(), source.servers(),
                forThisHost.isEmpty() ? "none" : String.join(", ", forThisHost));
    }

    /**
     * One read; when it succeeds, the listeners follow it. A failed read changes nothing. Unless {@code full}, the
     * read asks each domain's SOA serial first and stops there when no serial changed and no tuple whose target
     * lies outside the domains (whose records change without the domain's serial) has outlived its TTL.
     */
    private void readAndReconcile(boolean full) {
        if (source == null) {
            source = sources.get();
        }
        activity.polled();
        ReadEvent event = new ReadEvent();
        event.begin();
        event.domains = String.join(",", config.domains());
        DnsRead read;
        try {
            Optional<DnsRead> last = state.lastGood();
            if (!full && last.isPresent() && Instant.now().isBefore(outsideTargetsExpire)) {
                Map<String, Long> serials = source.serials(config.domains());
                if (serials.equals(last.get().serials())) {
                    event.serials = serials.toString();
                    event.tuples = last.get().tuples().size();
                    event.outcome = "unchanged";
                    event.commit();
                    failures.recovered();
                    activity.read(Instant.now());
                    apply(last.get().tuples(), false);
                    return;
                }
            }
            read = source.read(config.domains(), services);
        } catch (DnsReadException e) {
            event.outcome = "failed: " + e.getMessage();
            event.commit();
            state.failed(e.getMessage());
            activity.readFailed(e.getMessage());
            failures.warn(e.getMessage());
            return;
        }
        outsideTargetsExpire = Instant.now().plusSeconds(outsideTargetsTtl(read));
        event.serials = read.serials().toString();
        event.tuples = read.tuples().size();
        event.outcome = "ok";
        event.commit();
        failures.recovered();
        boolean first = state.lastGood().isEmpty();
        // DNS servers rotate the records of an answer: compare as sets.
        boolean changed = !state.lastGood().map(r -> Set.copyOf(r.tuples())).orElse(Set.of())
                .equals(Set.copyOf(read.tuples()));
        state.succeeded(read);
        Instant now = Instant.now();
        activity.read(now);
        if (first || changed) {
            report(read);
        }
        apply(read.tuples(), changed);
    }

    /**
     * The listeners follow {@code tuples}; what flap damping put off is done again when it may, with the tuples of
     * the last good read then, so that the final state always follows DNS.
     */
    private void apply(List<Tuple> tuples, boolean tuplesChanged) {
        ListenerActions.Applied applied = actions.apply(tuples, state.identity());
        applied.errors().forEach(activity::error);
        if (tuplesChanged || !applied.moves().isEmpty()) {
            activity.changed(Instant.now());
        }
        if (!applied.moves().isEmpty()) {
            onChange.accept(applied.moves());
        }
        if (!applied.again().isZero() && dampedPending.compareAndSet(false, true)) {
            thread.schedule(() -> {
                dampedPending.set(false);
                state.lastGood().ifPresent(read -> apply(read.tuples(), false));
            }, applied.again().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * A DNS NOTIFY was accepted: reads the DNS soon. A burst costs one read: the first NOTIFY schedules the read a
     * little later, the ones that come before it runs ride along, and reads for NOTIFYs are at least
     * {@link #NOTIFY_SPACING} apart.
     */
    public void notified() {
        activity.notified();
        if (notifyReadPending.compareAndSet(false, true)) {
            long sinceLast = System.nanoTime() - lastNotifyRead;
            long delay = Math.max(NOTIFY_COALESCE.toNanos(), NOTIFY_SPACING.toNanos() - sinceLast);
            thread.schedule(() -> {
                notifyReadPending.set(false);
                lastNotifyRead = System.nanoTime();
                try {
                    readAndReconcile(true);
                } catch (RuntimeException | LinkageError e) {
                    log.warn("svccfg's read and reconcile failed; the listeners stay as they are", e);
                }
            }, delay, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * An address bound to or removed from this host changes which tuples are for it: the listeners follow at once
     * (one whose address went away parks until a tuple gives it another endpoint), and the next poll reads again.
     */
    private void watchAddresses(AddressWatch watch) {
        try {
            watch.check().ifPresent(change -> {
                log.info("this host's addresses changed: {}", change.what());
                state.identity(change.identity());
                state.lastGood().ifPresent(read -> apply(read.tuples(), true));
            });
        } catch (RuntimeException e) {
            log.debug("address watch: {}", e.toString());
        }
    }

    private Identity interfaceAddresses() {
        try {
            return InterfaceAddresses.identity(List.of());
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the DNS now, on the agent's thread, besides the scheduled polls. */
    public void pollNow() {
        thread.execute(() -> {
            try {
                readAndReconcile(true);
            } catch (RuntimeException | LinkageError e) {
                log.warn("svccfg's read and reconcile failed; the listeners stay as they are", e);
            }
        });
    }

    /** Called on the agent's thread with what moved, after every reconcile that moved something. */
    public void onChange(Consumer<List<String>> listener) {
        this.onChange = listener;
    }

    /** DNS questions sent so far. */
    public long dnsQuestions() {
        TupleSource current = source;
        return current == null ? 0 : current.questions();
    }

    public Activity activity() {
        return activity;
    }

    /**
     * The shortest TTL of the tuples whose target is outside every domain (a day when there is none): such a target's
     * address can change while the domain's serial stays, so a full read is due when it expires.
     */
    private long outsideTargetsTtl(DnsRead read) {
        return read.tuples().stream()
                .filter(t -> config.domains().stream().noneMatch(d -> t.target().equals(d) || t.target().endsWith("." + d)))
                .mapToLong(Tuple::ttl)
                .min()
                .orElse(Duration.ofDays(1).toSeconds());
    }

    private boolean anyForThisHost(DnsRead read) {
        return read.tuples().stream().anyMatch(t -> state.identity().contains(t.address()));
    }
}
