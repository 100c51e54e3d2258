package io.svccfg.placement;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The pairs phase 2 considers first, to keep the programme small at fleet scale (1,000 servers x 50 services is
 * 50,000 pairs, and the simplex method's time grows with them, measured: 5 to 8 s over all pairs): the pairs of a
 * feasible point (a maximum flow at the bound, so the smaller programme is feasible whenever the whole one is), the
 * pairs DNS holds now, for each service the best-fitting servers that could carry {@value #COVER} times its volume,
 * and for each server its {@value #PER_SERVER} best-fitting services. The optimum over these is not always the
 * optimum over all pairs, but it meets the same bounds; phase 2 falls back to all pairs only if it fails.
 */
final class Candidates {
    static final double COVER = 3;
    static final int PER_SERVER = 3;

    private Candidates() {
    }

    /** Null when no shares meet the bound and the caps. */
    static boolean[] of(Pairs pairs, double[] fit, HeldShares held, double[] keep, double[] capShare,
            double[] limit) {
        double[] most = new double[pairs.size()];
        for (int pair = 0; pair < most.length; pair++) {
            most[pair] = Math.max(keep[pair], capShare[pair]);
        }
        double[] feasible = new FlowNetwork(pairs).shares(limit, most);
        if (feasible == null) {
            return null;
        }
        boolean[] considered = new boolean[pairs.size()];
        Comparator<Integer> byFit = Comparator.comparingDouble((Integer pair) -> fit[pair])
                .thenComparingInt(pair -> pair);
        for (int pair = 0; pair < considered.length; pair++) {
            considered[pair] = held.share[pair] > 0 || feasible[pair] > 0;
        }
        for (int[] ofService : pairs.ofService) {
            double carried = 0;
            for (int pair : IntStream.of(ofService).boxed().sorted(byFit).mapToInt(Integer::intValue).toArray()) {
                if (carried >= COVER) {
                    break;
                }
                considered[pair] = true;
                double volume = pairs.volume(pair);
                carried += volume == 0 ? COVER
                        : Math.min(capShare[pair], pairs.capacity(pair) * limit[pairs.server[pair]] / volume);
            }
        }
        for (int[] onServer : pairs.onServer) {
            IntStream.of(onServer).boxed().sorted(byFit).limit(PER_SERVER).forEach(pair -> considered[pair] = true);
        }
        return considered;
    }
}
