package io.svccfg.placement;

import io.svccfg.fleet.Fleet;
import io.svccfg.fleet.Server;
import io.svccfg.fleet.Service;
import io.svccfg.tuple.Transport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Seeded random fleets for the property tests and the benchmark. */
final class RandomFleets {
    private RandomFleets() {
    }

    /**
     * A fleet of {@code servers} servers (capacities 100..1000, some limited to a few services) and {@code services}
     * services, with volumes summing to {@code load} of the fleet's capacity and up to 2 spares each.
     */
    static Fleet of(long seed, int servers, int services, double load) {
        Random random = new Random(seed);
        List<Service> serviceList = new ArrayList<>();
        double[] parts = new double[services];
        double partSum = 0;
        for (int v = 0; v < services; v++) {
            parts[v] = 0.1 + random.nextDouble() * random.nextDouble() * 3;
            partSum += parts[v];
        }
        List<Server> serverList = new ArrayList<>();
        double capacity = 0;
        for (int s = 0; s < servers; s++) {
            double cap = 100 * (1 + random.nextInt(10));
            capacity += cap;
            Set<String> allowed = new HashSet<>();
            if (random.nextInt(4) == 0) {
                for (int k = 0; k < 1 + random.nextInt(3); k++) {
                    allowed.add("svc" + random.nextInt(services));
                }
            }
            serverList.add(new Server("host" + s, List.of(), cap, allowed, Map.of()));
        }
        for (int v = 0; v < services; v++) {
            Transport transport = random.nextInt(5) == 0 ? Transport.UDP : Transport.TCP;
            double volume = Math.round(parts[v] / partSum * capacity * load * 100) / 100.0;
            serviceList.add(new Service("svc" + v, transport, 1000 + v, volume, random.nextInt(3)));
        }
        return new Fleet("example.test", 60, serverList, serviceList);
    }

    /** What DNS would hold after writing {@code placement}. */
    static List<Held> held(Placement placement) {
        return placement.slots().stream().map(s -> new Held(s.service().name(), s.service().transport(),
                s.server().name(), s.priority(), s.weight(), s.port())).toList();
    }

    /** The fleet without its server {@code index}. */
    static Fleet without(Fleet fleet, int index) {
        List<Server> servers = new ArrayList<>(fleet.servers());
        servers.remove(index);
        return new Fleet(fleet.domain(), fleet.ttl(), servers, fleet.services());
    }

    /** How many records a DNS update from {@code before} to {@code after} deletes and adds. */
    static int changed(List<Held> before, List<Held> after) {
        Set<Held> removed = new HashSet<>(before);
        after.forEach(removed::remove);
        Set<Held> added = new HashSet<>(after);
        before.forEach(added::remove);
        return removed.size() + added.size();
    }
}
