package io.svccfg.placement;

import io.svccfg.fleet.Fleet;
import io.svccfg.fleet.Server;
import io.svccfg.fleet.Service;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The plan of {@code svccfg plan}: which servers serve each service of a fleet, with what weight, and which stand by.
 * Pure: the same fleet and records give the same placement.
 *
 * <ol>
 * <li>Phase 1 finds U*, the least possible largest utilisation ({@link LeastUtilisation}).</li>
 * <li>Phase 2 gives each pair its load with every server at most {@link #TOLERANCE} above U* (never above its
 * capacity), keeping what DNS holds now where it can and otherwise pairing high volumes with high capacities
 * ({@link ClosestLoads}).</li>
 * <li>Weights follow the loads ({@link Weights}); spares are chosen by headroom ({@link Spares}). A service whose
 * spares cannot take what one of its servers carries has its load per server capped at what they can take, and phase
 * 2 runs again, up to {@link #ROUNDS} times.</li>
 * </ol>
 */
public final class Planner {
    /**
     * How far above the least largest utilisation an assignment may go to stay closer to DNS or to keep a service on
     * fewer servers, relative. 10%: the patent's own example (1000 and 500 of capacity, 800 and 300 of volume, one
     * service per server) is 9.1% above the least (0.8 against 0.733), and should be its plan.
     */
    public static final double TOLERANCE = 0.10;
    /** Phase 2 runs for the spares at most this many times. */
    static final int ROUNDS = 8;
    /**
     * How far, relative, a spare's weight may lag its share of the headroom before it is rewritten: spares' headroom
     * moves with every load around them, and a rough split is enough for fail-over.
     */
    private static final double SPARE_WEIGHT_SLACK = 0.05;
    /** What a capped service leaves of its spares' headroom, relative. */
    private static final double SPARE_MARGIN = 0.01;
    /** Above U* even with no tolerance, so that phase 2 is feasible despite U*'s own precision. */
    private static final double ROUNDING = 1e-7;

    private Planner() {
    }

    public static Placement plan(Fleet fleet, List<Held> now) throws ImpossibleFleetException {
        for (Service service : fleet.services()) {
            check(service.volume() >= 0 && Double.isFinite(service.volume()), "the volume of " + service.name());
        }
        for (Server server : fleet.servers()) {
            check(server.capacity() >= 0 && Double.isFinite(server.capacity()), "the capacity of " + server.name());
        }
        Pairs pairs = new Pairs(fleet);
        List<String> shortfalls = Shortfalls.of(pairs);
        if (!shortfalls.isEmpty()) {
            throw new ImpossibleFleetException(shortfalls);
        }
        if (fleet.services().isEmpty()) {
            return new Placement(List.of());
        }
        double least = LeastUtilisation.of(pairs);
        if (least > 1 + ROUNDING) {
            throw new ImpossibleFleetException(Shortfalls.overall(least));
        }
        Limits limits = new Limits(Math.max(Math.min(1, least * (1 + TOLERANCE)), least * (1 + ROUNDING)),
                firstCaps(pairs, least), new boolean[pairs.services.size()]);
        // The limits (bound, caps) come from the fleet alone, from a plan as if DNS held nothing: what DNS holds
        // then only chooses among the assignments within them, and a plan read back from DNS is the plan again.
        Placement fresh = rounds(pairs, new HeldShares(pairs, List.of()), limits);
        return now.isEmpty() ? fresh : rounds(pairs, new HeldShares(pairs, now), limits);
    }

    /** The limits phase 2 works within; the spares' rounds tighten them. */
    private static final class Limits {
        double bound;
        final double[] capShare;
        /** Per service: capped for its spares by a round, so that even held shares keep to the cap. */
        final boolean[] strict;

        Limits(double bound, double[] capShare, boolean[] strict) {
            this.bound = bound;
            this.capShare = capShare;
            this.strict = strict;
        }
    }

    private static Placement rounds(Pairs pairs, HeldShares held, Limits limits) throws ImpossibleFleetException {
        List<String> shortfalls = List.of();
        for (int round = 0; round < ROUNDS; round++) {
            double[] share = ClosestLoads.of(pairs, held, limits.bound, limits.capShare, limits.strict);
            if (share == null && round == 0) {
                // The first guess at the caps asked too much; without them, the spares tell what they can take.
                Arrays.fill(limits.capShare, 1);
                share = ClosestLoads.of(pairs, held, limits.bound, limits.capShare, limits.strict);
            }
            if (share == null) {
                break;
            }
            shortfalls = new ArrayList<>();
            double[] offered = new double[pairs.services.size()];
            List<Integer> toFree = new ArrayList<>();
            Placement placement = slots(pairs, share, held, shortfalls, offered, toFree);
            if (shortfalls.isEmpty()) {
                return placement;
            }
            if (!capped(pairs, limits.capShare, offered, toFree, limits.strict)) {
                break;
            }
            // Spares can cost utilisation: the least under the caps may be above the least without them.
            double least = LeastUtilisation.of(pairs, limits.capShare);
            if (least > 1 + ROUNDING) {
                break;
            }
            limits.bound = Math.max(limits.bound,
                    Math.max(Math.min(1, least * (1 + TOLERANCE)), least * (1 + ROUNDING)));
        }
        throw new ImpossibleFleetException(shortfalls);
    }

    /**
     * A first guess at the most share of a service with spares one server may carry: what its largest allowed
     * servers would have left, filled to the bound, if they stood by for it.
     */
    private static double[] firstCaps(Pairs pairs, double least) {
        double bound = Math.max(Math.min(1, least * (1 + TOLERANCE)), least * (1 + ROUNDING));
        double[] capShare = new double[pairs.size()];
        Arrays.fill(capShare, 1);
        for (int v = 0; v < pairs.services.size(); v++) {
            Service service = pairs.services.get(v);
            if (service.spares() <= 0 || service.volume() == 0) {
                continue;
            }
            double largest = IntStream.of(pairs.ofService[v]).mapToDouble(pairs::capacity).boxed()
                    .sorted((a, b) -> Double.compare(b, a)).limit(service.spares()).mapToDouble(Double::doubleValue)
                    .sum();
            double cap = (1 - bound) * largest * (1 - SPARE_MARGIN) / service.volume() - 1.0 / Weights.TOTAL;
            for (int pair : pairs.ofService[v]) {
                capShare[pair] = Math.min(1, Math.max(0, cap));
            }
        }
        return capShare;
    }

    /**
     * Caps each short service's share per server at what its spares could take, less a margin for the rounding of
     * weights (so that the records, read back, still meet the spares), and frees the servers it needs as spares;
     * false when nothing changed.
     */
    private static boolean capped(Pairs pairs, double[] capShare, double[] offered, List<Integer> toFree,
            boolean[] strict) {
        boolean changed = false;
        for (int pair : toFree) {
            changed |= capShare[pair] > 0;
            capShare[pair] = 0;
            strict[pairs.service[pair]] = true;
        }
        for (int v = 0; v < offered.length; v++) {
            if (offered[v] <= 0) {
                continue;
            }
            changed |= !strict[v];
            strict[v] = true;
            double cap = offered[v] * (1 - SPARE_MARGIN) / pairs.services.get(v).volume() - 1.0 / Weights.TOTAL;
            for (int pair : pairs.ofService[v]) {
                if (cap < capShare[pair]) {
                    capShare[pair] = cap;
                    changed = true;
                }
            }
        }
        return changed;
    }

    private static Placement slots(Pairs pairs, double[] share, HeldShares held, List<String> shortfalls,
            double[] offered, List<Integer> toFree) {
        Spares spares = new Spares(pairs, share);
        List<Slot> slots = new ArrayList<>();
        for (int v = 0; v < pairs.services.size(); v++) {
            Service service = pairs.services.get(v);
            int[] serving = IntStream.of(pairs.ofService[v]).filter(pair -> share[pair] > 0).toArray();
            int[] weight = Weights.apportion(IntStream.of(serving).mapToDouble(pair -> share[pair]).toArray(),
                    IntStream.of(serving).map(pair -> held.share[pair] > 0 ? held.weight[pair] : 0).toArray(), 0);
            for (int i = 0; i < serving.length; i++) {
                Server server = pairs.servers.get(pairs.server[serving[i]]);
                slots.add(new Slot(service, server, Slot.SERVES, weight[i], server.portFor(service),
                        share[serving[i]] * service.volume()));
            }
            List<Integer> standing = spares.of(v, share, held, shortfalls, offered, toFree);
            int[] spareWeight = Weights.apportion(
                    standing.stream().mapToDouble(pair -> spares.headroom(pairs.server[pair])).toArray(),
                    standing.stream().mapToInt(pair -> held.spare[pair] ? held.weight[pair] : 0).toArray(),
                    SPARE_WEIGHT_SLACK);
            for (int i = 0; i < standing.size(); i++) {
                Server server = pairs.servers.get(pairs.server[standing.get(i)]);
                slots.add(new Slot(service, server, Slot.SPARE, spareWeight[i], server.portFor(service), 0));
            }
        }
        return new Placement(slots);
    }

    private static void check(boolean valid, String what) {
        if (!valid) {
            throw new IllegalArgumentException(what + " must be a finite number >= 0");
        }
    }
}
