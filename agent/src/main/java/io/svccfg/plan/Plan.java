package io.svccfg.plan;

import io.svccfg.identity.Identity;
import io.svccfg.tuple.Endpoint;
import io.svccfg.tuple.Transport;
import io.svccfg.tuple.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The patent's rule, as pure functions: a host runs exactly the services whose tuples carry one of its addresses,
 * on exactly those transports, addresses and ports; between two reads, what is in both is left alone.
 */
public final class Plan {
    private Plan() {
    }

    /**
     * Each listener's assignment: the endpoints of the tuples for its service and transport whose address is this
     * host's, from every domain, without duplicates. When several listeners share a service and transport, an
     * endpoint goes to the listener that asked for the endpoint's port, else to the one that asked for the lowest
     * port; the others get none.
     */
    public static SortedMap<ListenerKey, Assignment> assign(
            Collection<Tuple> tuples, Identity identity, Collection<ListenerKey> listeners) {
        // Loops, not streams: this decides the application's first bind, which waits for it, on a cold JVM.
        Map<String, List<ListenerKey>> byService = new TreeMap<>();
        for (ListenerKey listener : new TreeSet<>(listeners)) {
            String serviceType = listener.service() + "/" + listener.transport();
            List<ListenerKey> group = byService.get(serviceType);
            if (group == null) {
                group = new ArrayList<>();
                byService.put(serviceType, group);
            }
            group.add(listener);
        }
        SortedMap<ListenerKey, Assignment> assignments = new TreeMap<>();
        for (List<ListenerKey> group : byService.values()) {
            ListenerKey first = group.get(0);
            Map<ListenerKey, TreeSet<Endpoint>> endpoints = new TreeMap<>();
            for (ListenerKey listener : group) {
                endpoints.put(listener, new TreeSet<>());
            }
            for (Endpoint endpoint : endpointsOnThisHost(tuples, identity, first.service(), first.transport())) {
                ListenerKey owner = first;
                for (ListenerKey listener : group) {
                    if (listener.requestedPort() == endpoint.port()) {
                        owner = listener;
                        break;
                    }
                }
                endpoints.get(owner).add(endpoint);
            }
            for (Map.Entry<ListenerKey, TreeSet<Endpoint>> e : endpoints.entrySet()) {
                assignments.put(e.getKey(), Assignment.of(e.getValue()));
            }
        }
        return assignments;
    }

    /** The endpoints that the tuples give this host for one service and transport. */
    public static TreeSet<Endpoint> endpointsOnThisHost(
            Collection<Tuple> tuples, Identity identity, String service, Transport transport) {
        TreeSet<Endpoint> endpoints = new TreeSet<>();
        for (Tuple t : tuples) {
            if (t.isFor(service, transport) && identity.contains(t.address())) {
                endpoints.add(t.endpoint());
            }
        }
        return endpoints;
    }

    /**
     * The actions that take each listener from its current assignment to the next. A listener missing from
     * {@code current} is taken as unassigned; a listener missing from {@code next} is gone and gets no action.
     */
    public static List<Action> reconcile(Map<ListenerKey, Assignment> current, Map<ListenerKey, Assignment> next) {
        List<Action> actions = new ArrayList<>();
        new TreeMap<>(next).forEach((listener, to) -> {
            Assignment from = current.getOrDefault(listener, Assignment.NONE);
            actions.add(new Action(listener, kind(from, to), from, to));
        });
        return actions;
    }

    /** The kind of action from one assignment to another: the patent's start, stop, keep, plus move. */
    public static Action.Kind kind(Assignment from, Assignment to) {
        if (Objects.equals(from, to)) {
            return Action.Kind.KEEP;
        }
        if (from.isEmpty()) {
            return Action.Kind.OPEN;
        }
        return to.isEmpty() ? Action.Kind.PARK : Action.Kind.MOVE;
    }
}
