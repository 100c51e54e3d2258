package io.svccfg.listener;

import io.svccfg.config.Config;
import io.svccfg.config.Unassigned;
import io.svccfg.dns.DnsRead;
import io.svccfg.identity.Identity;
import io.svccfg.interception.BindListener;
import io.svccfg.log.Logs;
import io.svccfg.plan.Assignment;
import io.svccfg.plan.BindChoice;
import io.svccfg.plan.ListenerKey;
import io.svccfg.plan.Plan;
import io.svccfg.reconcile.ReadState;
import io.svccfg.tuple.AddressText;
import io.svccfg.tuple.Transport;
import io.svccfg.tuple.Tuple;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Decides where each managed listener binds when the application binds it, and registers it. Ports mapped to no
 * service, port 0 and non-IP addresses are left alone.
 */
public final class ListenerBinder implements BindListener {
    private static final Logger log = Logs.of(ListenerBinder.class);

    private final Config config;
    private final ReadState reads;
    private final ListenerRegistry registry;

    public ListenerBinder(Config config, ReadState reads, ListenerRegistry registry) {
        this.config = config;
        this.reads = reads;
        this.registry = registry;
    }

    /**
     * Decides one made-up bind on this thread, registering nothing and logging nothing: the code of a decision
     * (streams, the plan, the probe socket) is then linked and loaded when the application's first bind, which
     * waits for the first read, comes to decide. Run while that read is under way.
     */
    public static void warmUp() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ListenerKey key = new ListenerKey("warm-up", Transport.TCP, 1);
        Tuple tuple = new Tuple(key.service(), key.transport(), loopback, 1, 0, 0, "warm-up", "warm-up", 1);
        DnsRead read = new DnsRead(List.of(tuple), Map.of(), Set.of(key.serviceType()), List.of());
        if (read.covers(key.serviceType())) {
            Assignment assignment = Plan.assign(read.tuples(), Identity.of(List.of(loopback)), List.of(key)).get(key);
            BindChoice choice = BindChoice.choose(assignment, Unassigned.PARK, new InetSocketAddress(loopback, 1),
                    Addresses::onThisHost);
            BindProbe.whyUnbindable(new InetSocketAddress(loopback, 0), key.transport());
            String.join(" ", key.toString(), choice.why(), Addresses.text(choice.address()));
        }
    }

    @Override
    public Object onBind(Object socket, SocketAddress asked, int backlog, Transport transport) {
        if (!(asked instanceof InetSocketAddress requested) || requested.getPort() == 0) {
            return null;
        }
        Optional<String> service = config.services().serviceFor(requested.getPort());
        if (service.isEmpty()) {
            return null;
        }
        ListenerKey key = new ListenerKey(service.get(), transport, requested.getPort());
        Duration firstReadWait = config.firstReadWait();
        // A read that did not ask for this service says nothing of it: wait for one that did (the agent's thread
        // reads at once when the last read did not), as the first bind waits for the first read.
        Optional<DnsRead> read = reads.awaitCovering(key.serviceType(), firstReadWait);
        if (read.isPresent() && !read.get().covers(key.serviceType())) {
            read = Optional.empty();
        }
        Identity identity = reads.identity();
        Assignment assignment = read.isPresent() ? assignment(read.get(), identity, key) : Assignment.NONE;
        BindChoice choice = BindChoice.choose(assignment, config.unassigned(), requested, Addresses::onThisHost);
        String why = read.isPresent() ? choice.why()
                : "DNS not read within " + firstReadWait.toMillis() + " ms ("
                        + (reads.lastError() == null ? "no answer yet" : reads.lastError()) + "), "
                        + choice.why();

        // Released in onBound, when the JDK's bind has returned.
        if (choice.kind() != BindChoice.Kind.REFUSED && !registry.lockRelocationForBind()) {
            log.warn("{}/{} asked {}: a move held svccfg's listeners for over a second; this bind goes unordered",
                    key.service(), transport.label(), Addresses.text(requested));
        }
        if (choice.kind() == BindChoice.Kind.REFUSED) {
            String message = "svccfg: no tuple in " + String.join(", ", config.names()) + " assigns "
                    + key.service() + "/" + transport.label() + " to this host (identity "
                    + String.join(", ", identity.addresses().stream().map(AddressText::of).toList())
                    + "); unassigned=fail";
            log.info("{}/{} asked {}, bind refused: {}", key.service(), transport.label(), Addresses.text(requested),
                    why);
            return new BindException(message);
        }
        if (choice.kind() == BindChoice.Kind.ASSIGNED) {
            String unbindable = BindProbe.whyUnbindable(choice.address(), transport);
            if (unbindable != null) {
                // Parked now rather than failing the application; the next read moves it where DNS says.
                Listener listener = new Listener(key, requested, backlog, socket, Assignment.NONE,
                        ListenerState.FAILED, "cannot bind " + Addresses.text(choice.address()) + ", parked: " + why);
                listener.lastError(unbindable);
                registry.add(listener);
                return BindChoice.PARKING;
            }
        }
        ListenerState target = choice.kind() == BindChoice.Kind.PARKED ? ListenerState.PARKED : ListenerState.ACTIVE;
        registry.add(new Listener(key, requested, backlog, socket, assignment, target, why));
        return choice.kind() == BindChoice.Kind.AS_ASKED ? null : choice.address();
    }

    /**
     * {@code key}'s assignment by {@code read}, beside the listeners that share its service. Loops, not streams or
     * lambdas: the application's first bind waits for this, on a cold JVM. allow= refuses here silently: the
     * reconcile after each read warns of what it refused.
     */
    private Assignment assignment(DnsRead read, Identity identity, ListenerKey key) {
        List<Tuple> allowed = new ArrayList<>();
        for (Tuple tuple : read.tuples()) {
            if (config.allow().permits(tuple)) {
                allowed.add(tuple);
            }
        }
        return Plan.assign(allowed, identity, registry.keysWith(key)).get(key);
    }

    @Override
    public void onBound(Object socket, Throwable failure) {
        try {
            bound(socket, failure);
        } finally {
            registry.unlockRelocationIfHeld();
        }
    }

    private void bound(Object socket, Throwable failure) {
        Listener listener = registry.binding(socket);
        if (listener == null) {
            return;
        }
        registry.bound();
        if (failure != null) {
            registry.remove(listener);
            log.warn("{}: bind failed: {} ({})", listener, failure, listener.why());
            return;
        }
        InetSocketAddress bound;
        try {
            bound = SocketView.localAddress(socket);
        } catch (IOException e) {
            bound = null;
        }
        listener.bound(bound);
        if (listener.state() == ListenerState.FAILED) {
            log.warn("{}: {} ({}); the next read tries again", listener, listener.why(), listener.lastError());
        } else {
            log.info("{}: {}", listener, listener.why());
        }
    }
}
