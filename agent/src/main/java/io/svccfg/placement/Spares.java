package io.svccfg.placement;

import io.svccfg.fleet.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The spares of one service: {@code spares} servers allowed to run it that do not serve it, whose headroom (capacity
 * minus their priority-1 load) together takes what any one of its priority-1 servers carries, so that losing that
 * server loses no load. The ones DNS holds now as spares first, then the largest headroom; if those fall short, the
 * largest headroom wins.
 */
final class Spares {
    /** Headroom short by less than this fraction of the need is rounding, not a shortfall. */
    private static final double ROUNDING = 1e-9;

    private final Pairs pairs;
    private final double[] headroom;

    /** @param share per pair, its share of the service's volume at priority 1 */
    Spares(Pairs pairs, double[] share) {
        this.pairs = pairs;
        headroom = new double[pairs.servers.size()];
        for (int s = 0; s < headroom.length; s++) {
            headroom[s] = pairs.servers.get(s).capacity();
        }
        for (int pair = 0; pair < share.length; pair++) {
            headroom[pairs.server[pair]] -= share[pair] * pairs.volume(pair);
        }
    }

    double headroom(int server) {
        return Math.max(0, headroom[server]);
    }

    /**
     * The pairs standing by for service {@code v}, in fleet order of their servers; a shortfall line added to
     * {@code shortfalls} instead when they cannot be met, and then in {@code offered} the most headroom its spares
     * could take, when they are enough in number; when they are too few, or too small while a server serving it is
     * larger, in {@code toFree} the serving pairs whose servers should stand by instead (held spares first, then the
     * largest capacity).
     */
    List<Integer> of(int v, double[] share, HeldShares held, List<String> shortfalls, double[] offered,
            List<Integer> toFree) {
        Service service = pairs.services.get(v);
        int wanted = service.spares();
        if (wanted <= 0) {
            return List.of();
        }
        double need = 0;
        List<Integer> candidates = new ArrayList<>();
        for (int pair : pairs.ofService[v]) {
            if (share[pair] > 0) {
                need = Math.max(need, share[pair] * service.volume());
            } else {
                candidates.add(pair);
            }
        }
        if (candidates.size() < wanted) {
            IntStream.of(pairs.ofService[v]).filter(pair -> share[pair] > 0).boxed()
                    .sorted(Comparator.comparing((Integer pair) -> !held.spare[pair])
                            .thenComparingDouble(pair -> -pairs.capacity(pair)).thenComparingInt(pair -> pair))
                    .limit(wanted - candidates.size()).forEach(toFree::add);
            shortfalls.add(String.format("%s: %d spares wanted, %d servers may stand by%s", Shortfalls.name(service),
                    wanted, candidates.size(), names(candidates)));
            return List.of();
        }
        Comparator<Integer> byHeadroom = Comparator.comparingDouble((Integer pair) -> -headroom(pairs.server[pair]))
                .thenComparingInt(pair -> pairs.server[pair]);
        candidates.sort(Comparator.comparing((Integer pair) -> !held.spare[pair]).thenComparing(byHeadroom));
        List<Integer> chosen = new ArrayList<>(candidates.subList(0, wanted));
        List<Integer> others = new ArrayList<>(candidates.subList(wanted, candidates.size()));
        others.sort(byHeadroom);
        // Held spares short of the need give way, smallest headroom first, to the largest headroom left.
        while (taken(chosen) < need * (1 - ROUNDING) && !others.isEmpty()) {
            Integer smallest = chosen.stream().max(byHeadroom).orElseThrow();
            if (headroom(pairs.server[others.get(0)]) <= headroom(pairs.server[smallest])) {
                break;
            }
            chosen.set(chosen.indexOf(smallest), others.remove(0));
        }
        if (taken(chosen) < need * (1 - ROUNDING)) {
            // Its load per server is capped at what the spares take, unless the other servers, so capped, could
            // not carry it (the planner spread it over the servers with room, leaving only small ones to stand
            // by): then the largest server serving it that could take more stands by instead.
            boolean capWouldDo = taken(chosen) * (pairs.ofService[v].length - wanted) >= service.volume();
            int larger = capWouldDo ? -1 : IntStream.of(pairs.ofService[v]).filter(pair -> share[pair] > 0)
                    .filter(pair -> pairs.capacity(pair) > taken(chosen)).boxed()
                    .min(Comparator.comparing((Integer pair) -> !held.spare[pair])
                            .thenComparingDouble(pair -> -pairs.capacity(pair)).thenComparingInt(pair -> pair))
                    .orElse(-1);
            if (larger >= 0) {
                toFree.add(larger);
            } else {
                offered[v] = taken(chosen);
            }
            shortfalls.add(String.format("%s: %d spares take at most %s of the %s that one priority-1 server carries%s",
                    Shortfalls.name(service), wanted, Shortfalls.amount(taken(chosen)), Shortfalls.amount(need),
                    names(chosen)));
            return List.of();
        }
        chosen.sort(Comparator.comparingInt(pair -> pairs.server[pair]));
        return chosen;
    }

    private double taken(List<Integer> chosen) {
        return chosen.stream().mapToDouble(pair -> headroom(pairs.server[pair])).sum();
    }

    private String names(List<Integer> chosen) {
        return chosen.isEmpty() ? "" : chosen.stream().map(pair -> pairs.servers.get(pairs.server[pair]).name())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
