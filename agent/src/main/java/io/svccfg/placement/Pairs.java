package io.svccfg.placement;

import io.svccfg.fleet.Fleet;
import io.svccfg.fleet.Server;
import io.svccfg.fleet.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * The (service, server) pairs a fleet allows, numbered: the variables of the planner's programmes exist only for
 * these, so that a server's {@code services} list is respected by construction. A server of capacity 0 carries
 * nothing, not even a service of volume 0: it is drained.
 */
final class Pairs {
    final List<Service> services;
    final List<Server> servers;
    /** Per pair: the index of its service and of its server in the fleet's lists. */
    final int[] service;
    final int[] server;
    /** Per service, per server: its pairs. */
    final int[][] ofService;
    final int[][] onServer;

    Pairs(Fleet fleet) {
        services = fleet.services();
        servers = fleet.servers();
        List<int[]> pairs = new ArrayList<>();
        for (int v = 0; v < services.size(); v++) {
            for (int s = 0; s < servers.size(); s++) {
                Server candidate = servers.get(s);
                if (candidate.capacity() > 0 && candidate.mayRun(services.get(v))) {
                    pairs.add(new int[] {v, s});
                }
            }
        }
        service = pairs.stream().mapToInt(p -> p[0]).toArray();
        server = pairs.stream().mapToInt(p -> p[1]).toArray();
        ofService = group(service, services.size());
        onServer = group(server, servers.size());
    }

    int size() {
        return service.length;
    }

    double volume(int pair) {
        return services.get(service[pair]).volume();
    }

    double capacity(int pair) {
        return servers.get(server[pair]).capacity();
    }

    private static int[][] group(int[] owner, int owners) {
        int[] count = new int[owners];
        for (int o : owner) {
            count[o]++;
        }
        int[][] groups = new int[owners][];
        for (int o = 0; o < owners; o++) {
            groups[o] = new int[count[o]];
            count[o] = 0;
        }
        for (int pair = 0; pair < owner.length; pair++) {
            groups[owner[pair]][count[owner[pair]]++] = pair;
        }
        return groups;
    }
}
