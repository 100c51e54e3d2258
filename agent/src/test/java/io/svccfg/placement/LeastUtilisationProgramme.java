package io.svccfg.placement;

import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The test's oracle for {@link LeastUtilisation}, and the method it replaced (5 to 12 s at 1,000 servers x 50
 * services): the least possible largest utilisation, U*, as a linear programme over each pair's share of its service's
 * volume: every service's shares add up to 1, every server's utilisation (the volume it is given over its capacity)
 * stays at most U, and U is minimised. Only the value matters here; phase 2 chooses the loads.
 */
final class LeastUtilisationProgramme {
    private LeastUtilisationProgramme() {
    }

    static double of(Pairs pairs) {
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable largest = model.addVariable("U").lower(0).weight(1);
        Variable[] share = new Variable[pairs.size()];
        for (int pair = 0; pair < share.length; pair++) {
            share[pair] = model.addVariable("x" + pair).lower(0);
        }
        for (int v = 0; v < pairs.ofService.length; v++) {
            Expression covered = model.addExpression("service" + v).level(1);
            for (int pair : pairs.ofService[v]) {
                covered.set(share[pair], 1);
            }
        }
        for (int s = 0; s < pairs.onServer.length; s++) {
            Expression utilisation = model.addExpression("server" + s).upper(0);
            for (int pair : pairs.onServer[s]) {
                utilisation.set(share[pair], pairs.volume(pair) / pairs.capacity(pair));
            }
            utilisation.set(largest, -1);
        }
        Optimisation.Result result = model.minimise();
        if (!result.getState().isOptimal()) {
            // Shortfalls are found before this runs, so every service has a server: the programme is feasible.
            throw new IllegalStateException("the least utilisation was not found: " + result.getState());
        }
        return result.doubleValue(0);
    }
}
