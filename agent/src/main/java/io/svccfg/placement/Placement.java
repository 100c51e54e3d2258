package io.svccfg.placement;

import io.svccfg.fleet.Server;
import io.svccfg.fleet.Service;
import java.util.List;

/**
 * The slots of a plan, ordered by service (fleet order), then priority, then server (fleet order).
 */
public record Placement(List<Slot> slots) {
    public Placement {
        slots = List.copyOf(slots);
    }

    /** The server's priority-1 load over its capacity; 0 for a server that carries nothing. */
    public double utilisation(Server server) {
        double load = on(server).stream().filter(s -> s.priority() == Slot.SERVES).mapToDouble(Slot::load).sum();
        return load == 0 ? 0 : load / server.capacity();
    }

    /** The load given to the service at priority 1: its volume, when the plan is right. */
    public double given(Service service) {
        return of(service).stream().filter(s -> s.priority() == Slot.SERVES).mapToDouble(Slot::load).sum();
    }

    /** The service's slots, serving ones first. */
    public List<Slot> of(Service service) {
        return slots.stream().filter(s -> s.service().equals(service)).toList();
    }

    /** The server's slots, in service order. */
    public List<Slot> on(Server server) {
        return slots.stream().filter(s -> s.server().equals(server)).toList();
    }
}
