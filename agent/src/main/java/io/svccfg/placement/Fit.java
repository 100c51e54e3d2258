package io.svccfg.placement;

/**
 * How badly a server fits a service, 0 (best) to 1 (worst), per unit of the service's volume: the cost phase 2
 * minimises among the assignments close to the least utilisation.
 *
 * <p>A server fits a service best when, filled to the bound, it carries the whole service alone: the squared log of
 * (capacity x bound / volume) is 0 there. Larger servers are kept for larger services; smaller ones would split the
 * service over more records. Being convex in the log of the capacity, the cost pairs high volumes with high
 * capacities (exchanging two services between two servers never pays off against that order), as in the patent's
 * example.
 */
final class Fit {
    private Fit() {
    }

    static double[] costs(Pairs pairs, double bound) {
        double[] misfit = new double[pairs.size()];
        double worst = 0;
        for (int pair = 0; pair < misfit.length; pair++) {
            double ratio = Math.log(pairs.capacity(pair) * bound / pairs.volume(pair));
            misfit[pair] = Double.isFinite(ratio) ? ratio * ratio : Double.POSITIVE_INFINITY;
            if (Double.isFinite(misfit[pair])) {
                worst = Math.max(worst, misfit[pair]);
            }
        }
        for (int pair = 0; pair < misfit.length; pair++) {
            // A service of volume 0 fits anywhere equally badly; what DNS holds now decides.
            misfit[pair] = Double.isFinite(misfit[pair]) ? (worst == 0 ? 0 : misfit[pair] / worst) : 1;
        }
        return misfit;
    }
}
