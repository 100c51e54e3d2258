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
import java.util.stream.Collectors;

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
        SortedMap<ListenerKey, Assignment> assignments = new TreeMap<>();
        Map<String, List<ListenerKey>> byService = listeners.stream()
                .distinct()
                .sorted()
                .collect(Collectors.groupingBy(l -> l.service() + "/" + l.transport(), Collectors.toList()));
        for (List<ListenerKey> group : byService.values()) {
            ListenerKey first = group.get(0);
            Map<ListenerKey, TreeSet<Endpoint>> endpoints = new TreeMap<>();
            group.forEach(l -> endpoints.put(l, new TreeSet<>()));
            for (Endpoint endpoint : endpointsOnThisHost(tuples, identity, first.service(), first.transport())) {
                ListenerKey owner = group.stream()
                        .filter(l -> l.requestedPort() == endpoint.port())
                        .findFirst()
                        .orElse(first);
                endpoints.get(owner).add(endpoint);
            }
            endpoints.forEach((l, e) -> assignments.put(l, Assignment.of(e)));
        }
        return assignments;
    }

    /** The endpoints that the tuples give this host for one service and transport. */
    public static TreeSet<Endpoint> endpointsOnThisHost(
            Collection<Tuple> tuples, Identity identity, String service, Transport transport) {
        return tuples.stream()
                .filter(t -> t.isFor(service, transport) && identity.contains(t.address()))
                .map(Tuple::endpoint)
                .collect(Collectors.toCollection(TreeSet::new));
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
