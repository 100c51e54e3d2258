package io.svccfg.placement;

import java.util.stream.IntStream;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Phase 2: each pair's share of its service's volume, with every server's utilisation at most {@code bound} (a
 * little above the least), the closest to what DNS holds now and otherwise the best fit.
 *
 * <p>A pair DNS holds now has two variables: its held share, at most what it holds, costs the fit minus
 * {@link #KEEP}; any share beyond that costs the fit minus half of it; a pair DNS does not hold costs the fit alone.
 * As {@code KEEP} exceeds the whole range of the fit, giving up a held unit never pays, and when the held records
 * still fit under the bound they are the one optimum.
 *
 * <p>The simplex method returns a vertex: at most one nonzero share per row beyond the held shares at their bound,
 * so at most servers + services slots, and each service on few servers instead of smeared over all.
 */
final class ClosestLoads {
    /** More than the range of {@link Fit} (0..1). */
    static final double KEEP = 2;
    /** Shares below this are the solver's noise, not a slot. */
    static final double NOISE = 1e-9;

    private ClosestLoads() {
    }

    /**
     * Per pair: its share of the service's volume, at most {@code capShare}; the shares of each service add up to
     * exactly 1. Null when no such shares exist. Unless its service is {@code strict}, a held share may stay above its
     * cap: the caps are a guess at what the spares need, and the records DNS holds may meet the spares already.
     */
    static double[] of(Pairs pairs, HeldShares held, double bound, double[] capShare, boolean[] strict) {
        double[] share = of(pairs, held, bound, capShare, strict, true);
        // Too little room left to keep the held spares' headroom: the spares are chosen anew.
        return share != null ? share : of(pairs, held, bound, capShare, strict, false);
    }

    private static double[] of(Pairs pairs, HeldShares held, double bound, double[] capShare, boolean[] strict,
            boolean reserve) {
        double[] fit = Fit.costs(pairs, bound);
        double[] keep = new double[pairs.size()];
        for (int pair = 0; pair < keep.length; pair++) {
            // The kept share may be off by its rounding, and is not cut for so little.
            boolean fits = !strict[pairs.service[pair]] || held.share[pair] <= capShare[pair] + held.rounding[pair];
            keep[pair] = fits ? held.share[pair] : capShare[pair];
        }
        double[] limit = new double[pairs.servers.size()];
        for (int s = 0; s < limit.length; s++) {
            // A server DNS holds as a spare keeps its headroom for the services it stands by for, as long as what
            // it keeps serving allows: new load goes elsewhere, and the spares still hold after a re-plan.
            double kept = 0;
            for (int pair : pairs.onServer[s]) {
                kept += keep[pair] * pairs.volume(pair) / pairs.capacity(pair);
            }
            double spare = 1 - held.reserve[s] / pairs.servers.get(s).capacity();
            limit[s] = reserve ? Math.min(bound, Math.max(spare, kept)) : bound;
        }
        boolean[] candidates = Candidates.of(pairs, fit, held, keep, capShare, limit);
        if (candidates == null) {
            return null;
        }
        double[] share = solve(pairs, held, keep, limit, capShare, fit, candidates);
        if (share == null) {
            boolean[] all = new boolean[pairs.size()];
            java.util.Arrays.fill(all, true);
            share = solve(pairs, held, keep, limit, capShare, fit, all);
        }
        return share == null ? null : normalised(pairs, share);
    }

    private static double[] solve(Pairs pairs, HeldShares held, double[] keep, double[] limit, double[] capShare,
            double[] fit, boolean[] considered) {
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] beyond = new Variable[pairs.size()];
        Variable[] kept = new Variable[pairs.size()];
        for (int pair = 0; pair < beyond.length; pair++) {
            if (!considered[pair]) {
                continue;
            }
            // A capped pair: its kept share and the share beyond it add up to the cap at most.
            // More on a record DNS holds costs less than a new record: a service that must move a little load (a
            // server gone, weights read back rounded) grows the records it has rather than scattering new ones.
            double more = held.share[pair] > 0 ? fit[pair] - KEEP / 2 : fit[pair];
            beyond[pair] = model.addVariable("x" + pair).lower(0).weight(more);
            if (capShare[pair] < 1) {
                beyond[pair].upper(Math.max(0, capShare[pair] - keep[pair]));
            }
            if (keep[pair] > 0) {
                kept[pair] = model.addVariable("h" + pair).lower(0).upper(keep[pair]).weight(fit[pair] - KEEP);
            }
        }
        for (int v = 0; v < pairs.ofService.length; v++) {
            Expression covered = model.addExpression("service" + v).level(1);
            for (int pair : pairs.ofService[v]) {
                add(covered, beyond[pair], kept[pair], 1, 1);
            }
        }
        for (int s = 0; s < pairs.onServer.length; s++) {
            if (IntStream.of(pairs.onServer[s]).allMatch(pair -> beyond[pair] == null)) {
                continue;
            }
            // A kept share counts at the low end of what its weight says, so that the records DNS holds, read back
            // from rounded weights, fit under the bound they were planned for.
            Expression utilisation = model.addExpression("server" + s).upper(limit[s]);
            double overrun = limit[s];
            for (int pair : pairs.onServer[s]) {
                double factor = pairs.volume(pair) / pairs.capacity(pair);
                double low = kept[pair] == null ? 1 : 1 - Math.min(held.rounding[pair] / keep[pair], 0.5);
                add(utilisation, beyond[pair], kept[pair], factor, factor * low);
                overrun += kept[pair] == null ? 0 : factor * held.rounding[pair];
            }
            if (overrun > 1) {
                Expression capacity = model.addExpression("capacity" + s).upper(1);
                for (int pair : pairs.onServer[s]) {
                    double factor = pairs.volume(pair) / pairs.capacity(pair);
                    add(capacity, beyond[pair], kept[pair], factor, factor);
                }
            }
        }
        Optimisation.Result result = model.minimise();
        if (!result.getState().isFeasible()) {
            return null;
        }
        double[] share = new double[pairs.size()];
        for (int pair = 0; pair < share.length; pair++) {
            share[pair] = (beyond[pair] == null ? 0 : result.doubleValue(model.indexOf(beyond[pair])))
                    + (kept[pair] == null ? 0 : result.doubleValue(model.indexOf(kept[pair])));
        }
        return share;
    }

    private static void add(Expression row, Variable beyond, Variable kept, double factor, double keptFactor) {
        if (beyond == null) {
            return;
        }
        row.set(beyond, factor);
        if (kept != null) {
            row.set(kept, keptFactor);
        }
    }

    /** Drops the noise and scales each service's shares to add up to exactly 1, so its volume is given exactly. */
    private static double[] normalised(Pairs pairs, double[] share) {
        for (int[] ofService : pairs.ofService) {
            double sum = 0;
            for (int pair : ofService) {
                share[pair] = share[pair] < NOISE ? 0 : share[pair];
                sum += share[pair];
            }
            for (int pair : ofService) {
                share[pair] /= sum;
            }
        }
        return share;
    }
}
