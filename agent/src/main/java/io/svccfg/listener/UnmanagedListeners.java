package io.svccfg.listener;

import io.svccfg.config.ServicePorts;
import io.svccfg.drain.Window;
import io.svccfg.identity.Identity;
import io.svccfg.log.Logs;
import io.svccfg.plan.Plan;
import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Transport;
import io.svccfg.tuple.Tuple;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * Listeners of this process on a managed port that svccfg does not manage: bound through a path it does not
 * intercept (a native library, a custom socket factory, a bind before {@code attach}). After each read it looks at
 * the process's listening sockets ({@link ListeningSockets}), leaves out those it manages or holds itself (a
 * managed listener's endpoint, a draining old endpoint, the NOTIFY port), and warns once per socket about the
 * rest, naming what DNS assigns; {@code status} lists them as UNMANAGED.
 */
public final class UnmanagedListeners {
    private static final Logger log = Logs.of(UnmanagedListeners.class);

    /**
     * One such listener.
     *
     * @param assigned what DNS assigns its service on this host, in words
     */
    public record Unmanaged(String service, Transport transport, InetSocketAddress endpoint, long inode,
            String assigned) {
    }

    private final ListenerRegistry registry;
    private final Supplier<List<Window>> draining;
    private final ServicePorts services;
    private final int notifyPort;
    /** The process's listening sockets, looked at now. */
    private final Supplier<List<ListeningSockets.Socket>> sockets;
    private final Set<Long> warned = new HashSet<>();
    private volatile List<Unmanaged> current = List.of();

    /** {@code notifyPort}: svccfg's own NOTIFY receiver's port, or 0. */
    public UnmanagedListeners(ListenerRegistry registry, Supplier<List<Window>> draining, ServicePorts services,
            int notifyPort) {
        this(registry, draining, services, notifyPort, ListeningSockets::ofThisProcess);
    }

    private UnmanagedListeners(ListenerRegistry registry, Supplier<List<Window>> draining, ServicePorts services,
            int notifyPort, Supplier<List<ListeningSockets.Socket>> sockets) {
        this.registry = registry;
        this.draining = draining;
        this.services = services;
        this.notifyPort = notifyPort;
        this.sockets = sockets;
    }

    /**
     * One that never finds any: for many simulated hosts in one process (the fleet benchmark), where the process's
     * sockets are all the hosts' and the machine's socket tables every process's, so that a look would cost each
     * host what it costs the whole machine.
     */
    public static UnmanagedListeners notLooking(ListenerRegistry registry, ServicePorts services) {
        return new UnmanagedListeners(registry, List::of, services, 0, List::of);
    }

    /** The unmanaged listeners the last look found. */
    public List<Unmanaged> current() {
        return current;
    }

    /**
     * Looks at the process's listening sockets now, against the tuples of the read just made, which covered the
     * services {@code covered}. Returns the services of the unmanaged listeners that the read did not cover: what DNS
     * assigns them is not known yet, so they are warned of once a read covered them.
     */
    public Set<ServiceType> look(List<Tuple> tuples, Set<ServiceType> covered, Identity identity) {
        List<Unmanaged> found = find(sockets.get(), tuples, covered::contains, identity);
        Set<ServiceType> unread = new HashSet<>();
        for (Unmanaged u : found) {
            ServiceType service = new ServiceType(u.service(), u.transport());
            if (!covered.contains(service)) {
                unread.add(service);
            } else if (warned.add(u.inode())) {
                log.warn("{}/{}: this process listens on {} through a path svccfg does not intercept; {}",
                        u.service(), u.transport().label(), Addresses.text(u.endpoint()), u.assigned());
            }
        }
        warned.retainAll(found.stream().map(Unmanaged::inode).collect(Collectors.toSet()));
        current = List.copyOf(found);
        return unread;
    }

    /** {@link #find(List, List, Predicate, Identity)} with tuples that cover every service. */
    List<Unmanaged> find(List<ListeningSockets.Socket> sockets, List<Tuple> tuples, Identity identity) {
        return find(sockets, tuples, service -> true, identity);
    }

    List<Unmanaged> find(List<ListeningSockets.Socket> sockets, List<Tuple> tuples, Predicate<ServiceType> read,
            Identity identity) {
        Set<String> ours = new HashSet<>();
        for (Listener l : registry.open()) {
            if (l.bound() != null) {
                ours.add(key(l.key().transport(), l.bound()));
            }
        }
        for (Window w : draining.get()) {
            ours.add(key(Transport.TCP, w.endpoint()));
        }
        List<Unmanaged> found = new ArrayList<>();
        for (ListeningSockets.Socket s : sockets) {
            int port = s.local().getPort();
            Optional<String> service = services.serviceFor(port);
            if (service.isEmpty() || port == notifyPort || ours.contains(key(s.transport(), s.local()))) {
                continue;
            }
            var endpoints = Plan.endpointsOnThisHost(tuples, identity, service.get(), s.transport());
            String assigned = !read.test(new ServiceType(service.get(), s.transport()))
                    ? "its tuples are not read yet"
                    : endpoints.isEmpty() ? "DNS assigns it nothing on this host"
                    : "DNS assigns " + endpoints.stream().map(e -> Addresses.text(e.socketAddress()))
                            .collect(Collectors.joining(", "));
            found.add(new Unmanaged(service.get(), s.transport(), s.local(), s.inode(), assigned));
        }
        return found;
    }

    /** An endpoint as the kernel and the JDK may each write it: the wildcards of both families are one. */
    private static String key(Transport transport, InetSocketAddress endpoint) {
        return transport + " " + (endpoint.getAddress().isAnyLocalAddress() ? "*:" + endpoint.getPort()
                : Addresses.text(endpoint));
    }
}
