package io.svccfg.placement;

import io.svccfg.fleet.Server;
import io.svccfg.fleet.Service;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What DNS holds now, read as the planner needs it: per pair, the share of the service's volume the server carries
 * now (its weight over the weights of the service's serving records), and whether it stands by as a spare.
 *
 * <p>The serving records of a service are those at its lowest priority held, as clients read them (RFC 2782); the
 * others are spares. Records of servers or services no longer in the fleet, or of pairs the fleet no longer allows,
 * are ignored: their share is lost and the programme places it anew.
 */
final class HeldShares {
    /** Kept beyond a spare's part of the need, for the rounding of the weights the loads are read from. */
    private static final double MARGIN = 0.01;

    final double[] share;
    /** Per pair: how far its share may be off, from the rounding of the weights it was read from (a weight). */
    final double[] rounding;
    /** Per pair: its weight now, serving or spare; 0 when DNS holds none. */
    final int[] weight;
    final boolean[] spare;
    /**
     * Per server: the headroom it keeps now for the services it stands by for, its part (by its spare weight) of what
     * their largest priority-1 server carries.
     */
    final double[] reserve;

    HeldShares(Pairs pairs, List<Held> now) {
        share = new double[pairs.size()];
        rounding = new double[pairs.size()];
        weight = new int[pairs.size()];
        spare = new boolean[pairs.size()];
        Map<String, Integer> pairOf = new HashMap<>();
        for (int pair = 0; pair < pairs.size(); pair++) {
            pairOf.put(key(pairs.services.get(pairs.service[pair]), pairs.servers.get(pairs.server[pair])), pair);
        }
        Map<String, List<Held>> byService = now.stream()
                .collect(Collectors.groupingBy(h -> h.service() + "/" + h.transport()));
        for (Service service : pairs.services) {
            List<Held> records = byService.getOrDefault(service.name() + "/" + service.transport(), List.of());
            int serving = records.stream().mapToInt(Held::priority).min().orElse(0);
            long weights = records.stream().filter(h -> h.priority() == serving).mapToLong(Held::weight).sum();
            long servingCount = records.stream().filter(h -> h.priority() == serving).count();
            for (Held h : records) {
                Integer pair = pairOf.get(service.name() + "/" + service.transport() + "@" + h.server());
                if (pair == null) {
                    continue;
                }
                weight[pair] += h.weight();
                if (h.priority() != serving) {
                    spare[pair] = true;
                } else if (weights == 0) {
                    // RFC 2782 picks among records all of weight 0 evenly.
                    share[pair] += 1.0 / servingCount;
                } else {
                    share[pair] += (double) h.weight() / weights;
                    rounding[pair] += 1.0 / weights;
                }
            }
        }
        for (int pair = 0; pair < pairs.size(); pair++) {
            if (share[pair] > 0) {
                spare[pair] = false;
            }
            rounding[pair] = Math.min(rounding[pair], share[pair] / 2);
        }
        reserve = new double[pairs.servers.size()];
        for (int[] ofService : pairs.ofService) {
            double need = 0;
            long spareWeights = 0;
            for (int pair : ofService) {
                need = Math.max(need, share[pair] * pairs.volume(pair));
                spareWeights += spare[pair] ? weight[pair] : 0;
            }
            for (int pair : ofService) {
                if (spare[pair] && spareWeights > 0) {
                    int server = pairs.server[pair];
                    reserve[server] = Math.max(reserve[server], need * weight[pair] / spareWeights * (1 + MARGIN));
                }
            }
        }
    }

    private static String key(Service service, Server server) {
        return service.name() + "/" + service.transport() + "@" + server.name();
    }
}
