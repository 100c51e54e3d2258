package io.svccfg.listener;

import io.svccfg.config.Drain;
import io.svccfg.config.Unassigned;
import io.svccfg.drain.Draining;
import io.svccfg.drain.Window;
import io.svccfg.identity.Identity;
import io.svccfg.jdk.ListenerMover;
import io.svccfg.jdk.Moved;
import io.svccfg.jdk.RetainedSocket;
import io.svccfg.jfr.MoveRecording;
import io.svccfg.log.Logs;
import io.svccfg.plan.Action;
import io.svccfg.plan.AllowList;
import io.svccfg.plan.Assignment;
import io.svccfg.plan.BindChoice;
import io.svccfg.plan.ListenerKey;
import io.svccfg.plan.Plan;
import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Tuple;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Applies the plan to the live listeners after a read: each listener whose assignment changed is opened, moved or
 * parked where {@link BindChoice} says, in place, under the application's unchanged socket object. A move that
 * fails leaves the listener where it was, marked failed; the next read tries again.
 */
public final class ListenerActions {
    private static final Logger log = Logs.of(ListenerActions.class);

    private final ListenerRegistry registry;
    private final Supplier<ListenerMover> movers;
    private final Unassigned unassigned;
    private final Duration damping;
    private final AllowList allow;
    private final Drain drain;
    /** The permitted tuples of the last reconcile: the TTL of the record that assigned an endpoint being left. */
    private List<Tuple> previous = List.of();
    /** The tuples for this host that {@code allow=} refused at the last reconcile: each is warned of once. */
    private Set<Tuple> refused = Set.of();
    private ListenerMover mover;
    private volatile Draining draining;

    /** {@code movers} makes the mover on the agent's thread ({@link #prepare}). */
    public ListenerActions(ListenerRegistry registry, Supplier<ListenerMover> movers, Unassigned unassigned,
            Duration damping, AllowList allow, Drain drain) {
        this.registry = registry;
        this.movers = movers;
        this.unassigned = unassigned;
        this.damping = damping;
        this.allow = allow;
        this.drain = drain;
    }

    /**
     * Makes the mover and warms it (the JDK internals a move uses), ahead of any move: start-up asks for it once the
     * application's first managed bind is past, so as not to compete with it; a reconcile that must move a listener
     * before then does it itself. On the agent's thread; once.
     */
    public void prepare() {
        if (mover == null) {
            ListenerMover made = movers.get();
            made.warmUp();
            draining = new Draining(made.acceptSwap());
            mover = made; // last: should the warm-up fail, the next move tries again
        }
    }

    /** The old endpoints that still accept after a move, each for its window. */
    public List<Window> draining() {
        Draining d = draining;
        return d == null ? List.of() : d.windows();
    }

    /**
     * What one reconcile did: each move and each failed move, in words, and how soon to reconcile again for the
     * listeners whose move flap damping put off (zero: none was).
     */
    public record Applied(List<String> moves, List<String> errors, Duration again) {
    }

    /**
     * Reconciles every open listener of a service in {@code covered} with {@code tuples}, the tuples of those
     * services. The others are left as they are: a read that did not ask for a service says nothing of it (a
     * listener of a service that a read started before its bind did not ask for is not parked for lack of tuples).
     */
    public Applied apply(List<Tuple> tuples, Set<ServiceType> covered, Identity identity) {
        List<String> moves = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<Tuple> permitted = permitted(tuples, identity, errors);
        List<Listener> listeners = registry.open().stream()
                .filter(l -> l.state() != ListenerState.BINDING && covered.contains(l.key().serviceType()))
                .toList();
        Map<ListenerKey, Assignment> next =
                Plan.assign(permitted, identity, listeners.stream().map(Listener::key).toList());
        long again = 0;
        long now = System.nanoTime();
        for (Listener listener : listeners) {
            Assignment to = next.get(listener.key());
            if (Plan.kind(listener.assignment(), to) == Action.Kind.KEEP && listener.state() != ListenerState.FAILED) {
                continue;
            }
            // A listener moves at most once per damping interval; the last assignment wins when it may move again.
            long wait = listener.nanosUntilMovable(damping.toNanos(), now);
            if (wait > 0) {
                again = again == 0 ? wait : Math.min(again, wait);
                continue;
            }
            prepare();
            registry.lockRelocation();
            try {
                // The application may have closed it meanwhile: a closed listener is never touched.
                if (ListenerRegistry.isOpen(listener)) {
                    reconcile(listener, to, moves, errors);
                }
            } finally {
                registry.unlockRelocationIfHeld();
            }
        }
        previous = permitted;
        return new Applied(moves, errors, Duration.ofNanos(again));
    }

    /**
     * The tuples that {@code allow=} permits; each tuple for this host that it refuses is warned of once (and
     * reported among the errors), and again only after it went away and came back.
     */
    private List<Tuple> permitted(List<Tuple> tuples, Identity identity, List<String> errors) {
        if (allow.rules().isEmpty()) {
            return tuples;
        }
        Set<Tuple> refusedNow = new HashSet<>();
        List<Tuple> permitted = new ArrayList<>();
        for (Tuple tuple : tuples) {
            if (allow.permits(tuple)) {
                permitted.add(tuple);
            } else if (identity.contains(tuple.address())) {
                refusedNow.add(tuple);
                if (!refused.contains(tuple)) {
                    String error = tuple.service() + "/" + tuple.transport().label() + " "
                            + Addresses.text(new InetSocketAddress(tuple.address(), tuple.port())) + " (target "
                            + tuple.target() + ", domain " + tuple.domain() + ") refused: outside allow=" + allow.rules();
                    log.warn("DNS assigns {}; the listener does not go there", error);
                    errors.add(error);
                }
            }
        }
        refused = refusedNow;
        return permitted;
    }

    /** Takes one listener to its new assignment, adding what it did to {@code moves} or {@code errors}. */
    private void reconcile(Listener listener, Assignment to, List<String> moves, List<String> errors) {
        // A live listener is never made to fail: with unassigned=fail it parks like the others.
        Unassigned policy = unassigned == Unassigned.FAIL ? Unassigned.PARK : unassigned;
        BindChoice choice = BindChoice.choose(to, policy, listener.requested(), Addresses::onThisHost);
        ListenerState state = choice.kind() == BindChoice.Kind.PARKED ? ListenerState.PARKED : ListenerState.ACTIVE;
        InetSocketAddress from = listener.bound();
        if (alreadyThere(listener, choice)) {
            listener.relocated(from, to, state, choice.why(), false);
            return;
        }
        Object socket = listener.socket();
        if (socket == null) {
            return;
        }
        String unmovable = mover.whyNotMovable(socket);
        if (unmovable != null) {
            if (!Objects.equals(listener.lastError(), unmovable)) {
                log.warn("{}: DNS assigns {}, but it stays: {}", listener, to, unmovable);
            }
            listener.failed(unmovable);
            return;
        }
        String service = listener.key().service() + "/" + listener.key().transport().label();
        boolean retain = !drain.off() && mover.whyNotDrainable(socket) == null;
        MoveRecording event = MoveRecording.begin(listener.key().service(), listener.key().transport().label(),
                Addresses.text(from));
        // Back to an endpoint it left: the window draining it hands its queue over and lets go first.
        if (retain && choice.address().getPort() != 0) {
            draining.release(choice.address());
        }
        long start = System.nanoTime();
        try {
            Moved moved = move(socket, from, choice.address(), listener.backlog(), retain);
            String took = String.format("%.2f", (System.nanoTime() - start) / 1e6);
            InetSocketAddress bound = moved.bound();
            event.end(Addresses.text(bound), "moved");
            listener.relocated(bound, to, state, choice.why(), true);
            String move = service + " moved from " + Addresses.text(from) + " to " + Addresses.text(bound);
            String drains = moved.old() == null ? "" : drain(listener, service, moved.old());
            log.info("{} in {} ms{}: {}", move, took, drains, choice.why());
            moves.add(move);
        } catch (IOException | RuntimeException e) {
            if (!ListenerRegistry.isOpen(listener)) {
                log.debug("{}: closed by the application during its move", listener);
                return;
            }
            String error = "cannot move to " + Addresses.text(choice.address()) + ": " + e;
            event.end(Addresses.text(choice.address()), error);
            if (!Objects.equals(listener.lastError(), error)) {
                log.warn("{}: {}; it stays there, the next read tries again", listener, error);
            }
            listener.failed(error);
            errors.add(service + ": " + error);
        }
    }

    /**
     * Starts draining the endpoint a listener left, for the TTL of the record that had assigned it (or as
     * {@code drain=} says); returns the words the move's log line gets.
     */
    private String drain(Listener listener, String service, RetainedSocket old) {
        Duration window = drain.window(previousTtl(listener, old.endpoint()));
        if (!draining.start(new DrainedListener(listener, service), old, window)) {
            return ", " + Addresses.text(old.endpoint()) + " closed (cannot drain: no accept instrumented)";
        }
        return ", " + Addresses.text(old.endpoint()) + " drains for "
                + (window.toMillis() % 1000 == 0 ? window.toSeconds() + " s" : window.toMillis() + " ms");
    }

    /** The TTL of the record that assigned {@code endpoint} to this listener at the last read; -1 if none did. */
    private long previousTtl(Listener listener, InetSocketAddress endpoint) {
        return previous.stream()
                .filter(t -> t.isFor(listener.key().service(), listener.key().transport()))
                .filter(t -> t.port() == endpoint.getPort()
                        && (endpoint.getAddress().isAnyLocalAddress() || t.address().equals(endpoint.getAddress())))
                .mapToLong(Tuple::ttl)
                .max()
                .orElse(-1);
    }

    /**
     * Moves from a wildcard to a specific address on the same port conflict with the old socket itself (unless
     * both use SO_REUSEPORT): without draining, such a move goes through the parking spot.
     */
    private Moved move(Object socket, InetSocketAddress from, InetSocketAddress to, int backlog, boolean retain)
            throws IOException {
        try {
            return mover.move(socket, to, backlog, retain);
        } catch (BindException e) {
            // A retained old socket holds its endpoint: its move shares the port through SO_REUSEPORT instead.
            if (retain || from == null || from.getPort() != to.getPort()) {
                throw e;
            }
            mover.move(socket, BindChoice.PARKING, backlog, false);
            return mover.move(socket, to, backlog, false);
        }
    }

    /** Whether the listener is bound where the choice says already (a parked one stays on its ephemeral port). */
    private static boolean alreadyThere(Listener listener, BindChoice choice) {
        InetSocketAddress bound = listener.bound();
        if (bound == null) {
            return false;
        }
        InetSocketAddress target = choice.address();
        if (choice.kind() == BindChoice.Kind.PARKED) {
            return listener.state() == ListenerState.PARKED && bound.getAddress().equals(target.getAddress());
        }
        return bound.equals(target);
    }
}
