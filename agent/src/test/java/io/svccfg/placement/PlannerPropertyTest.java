package io.svccfg.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.fleet.Fleet;
import io.svccfg.fleet.Server;
import io.svccfg.fleet.Service;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The rules of the plan over a few hundred seeded random fleets. */
class PlannerPropertyTest {
    private static final int FLEETS = 300;
    private static final double RELATIVE = 1e-6;
    /** Within this of capacity, a server is full. */
    private static final double FULL = 1e-3;

    /** Seeded fleet sizes: 3 to 30 servers, 1 to 10 services, 30% to 90% of the capacity asked. */
    private static Fleet fleet(long seed) {
        Random random = new Random(seed * 31 + 7);
        return RandomFleets.of(seed, 3 + random.nextInt(28), 1 + random.nextInt(10), 0.3 + random.nextDouble() * 0.6);
    }

    @Test
    void everyFeasibleFleetMeetsTheRules() {
        int planned = 0;
        for (long seed = 0; seed < FLEETS; seed++) {
            Fleet fleet = fleet(seed);
            Placement placement;
            try {
                placement = Planner.plan(fleet, List.of());
            } catch (ImpossibleFleetException e) {
                List<String> names = fleet.services().stream().map(Shortfalls::name).toList();
                assertTrue(!e.shortfalls().isEmpty() && e.shortfalls().stream()
                        .allMatch(line -> names.stream().anyMatch(line::startsWith)), e.shortfalls().toString());
                continue;
            }
            planned++;
            String where = "seed " + seed;
            for (Server server : fleet.servers()) {
                assertTrue(placement.utilisation(server) <= 1 + RELATIVE, where + ": " + server.name() + " over");
                for (Slot slot : placement.on(server)) {
                    assertTrue(server.mayRun(slot.service()), where + ": " + slot);
                    assertTrue(slot.weight() >= 1 && slot.weight() <= 65535, where + ": " + slot);
                    assertEquals(server.portFor(slot.service()), slot.port(), where);
                }
            }
            boolean spares = false;
            for (Service service : fleet.services()) {
                assertEquals(service.volume(), placement.given(service), service.volume() * RELATIVE + 1e-9, where);
                List<Slot> serving = placement.of(service).stream().filter(s -> s.priority() == Slot.SERVES).toList();
                List<Slot> standing = placement.of(service).stream().filter(s -> s.priority() == Slot.SPARE).toList();
                assertTrue(!serving.isEmpty(), where + ": " + service + " served nowhere");
                assertEquals(service.spares(), standing.size(), where + ": " + service);
                spares |= service.spares() > 0;
                double largest = serving.stream().mapToDouble(Slot::load).max().orElse(0);
                double headroom = 0;
                for (Slot spare : standing) {
                    assertTrue(serving.stream().noneMatch(s -> s.server().equals(spare.server())), where);
                    headroom += spare.server().capacity() * (1 - placement.utilisation(spare.server()));
                }
                assertTrue(service.spares() == 0 || headroom >= largest * (1 - RELATIVE),
                        where + ": spares of " + service.name() + " take "
                        + headroom + " of " + largest);
            }
            if (!spares) {
                // Without spares nothing raises the bound: within the tolerance of the least, and a vertex.
                double least = LeastUtilisation.of(new Pairs(fleet));
                double largest = fleet.servers().stream().mapToDouble(placement::utilisation).max().orElse(0);
                assertTrue(largest <= Math.max(least, Math.min(1, least * (1 + Planner.TOLERANCE))) + RELATIVE,
                        where + ": " + largest + " against the least " + least);
                long slots = placement.slots().stream().filter(s -> s.priority() == Slot.SERVES).count();
                assertTrue(slots <= fleet.servers().size() + fleet.services().size(), where + ": " + slots + " slots");
            }
        }
        System.out.printf("%d of %d random fleets planned, the others impossible%n", planned, FLEETS);
        assertTrue(planned >= FLEETS / 2, planned + " planned");
    }

    @Test
    void rePlanningWhatDnsHoldsChangesNothing() throws ImpossibleFleetException {
        int checked = 0;
        int full = 0;
        for (long seed = 0; seed < FLEETS; seed++) {
            Fleet fleet = fleet(seed);
            Placement placement = plannedOrNull(fleet, List.of());
            if (placement == null) {
                continue;
            }
            if (fleet.servers().stream().mapToDouble(placement::utilisation).max().orElse(0) > 1 - FULL) {
                // Loaded to capacity, a fleet has no room for the rounding of weights: loads read back from DNS can
                // be 1/10,000 of a volume above what fits, and a sliver moves.
                full++;
                continue;
            }
            List<Held> now = RandomFleets.held(placement);
            Placement again = Planner.plan(fleet, now);
            assertEquals(now, RandomFleets.held(again), "seed " + seed);
            for (int i = 0; i < now.size(); i++) {
                assertEquals(placement.slots().get(i).load(), again.slots().get(i).load(),
                        placement.slots().get(i).service().volume() / Weights.TOTAL, "seed " + seed);
            }
            checked++;
        }
        System.out.printf("re-planned %d fleets from their own records unchanged; %d loaded to capacity left out%n",
                checked, full);
        assertTrue(checked >= FLEETS / 2, checked + " checked");
    }

    @Test
    void aServerLessMovesFewerRecordsThanAPlanFromScratch() throws ImpossibleFleetException {
        int replans = 0;
        int kept = 0;
        int scratch = 0;
        int worse = 0;
        for (long seed = 0; seed < FLEETS; seed++) {
            Fleet fleet = fleet(seed);
            Placement placement = plannedOrNull(fleet, List.of());
            if (placement == null) {
                continue;
            }
            Fleet smaller = RandomFleets.without(fleet, (int) (seed % fleet.servers().size()));
            List<Held> now = RandomFleets.held(placement);
            Placement again = plannedOrNull(smaller, now);
            Placement fresh = plannedOrNull(smaller, List.of());
            if (again == null || fresh == null) {
                continue;
            }
            int changedAgain = RandomFleets.changed(now, RandomFleets.held(again));
            int changedFresh = RandomFleets.changed(now, RandomFleets.held(fresh));
            replans++;
            kept += changedAgain;
            scratch += changedFresh;
            worse += changedAgain > changedFresh ? 1 : 0;
        }
        System.out.printf("one server removed, %d fleets: %d records changed re-planning from DNS, %d from scratch;"
                + " worse in %d fleets%n", replans, kept, scratch, worse);
        assertTrue(replans >= FLEETS / 3, replans + " re-plans");
        // At most 60% of what a plan from scratch changes, over all fleets: a re-plan rewrites every record whose
        // weight the lost server's load changes, and the fleets whose spares take a large server out of service
        // (2026-12-03: 4,611 against 8,459 over 184 fleets) change more than the others.
        assertTrue(kept * 5 <= scratch * 3, kept + " records changed against " + scratch + " from scratch");
        assertTrue(worse * 20 <= replans, worse + " fleets where the re-plan changed more than a plan from scratch");
    }

    @Test
    void theSameFleetTheSamePlan() throws ImpossibleFleetException {
        for (long seed : IntStream.range(0, 20).asLongStream().toArray()) {
            Placement placement = plannedOrNull(fleet(seed), List.of());
            if (placement != null) {
                assertEquals(placement, Planner.plan(fleet(seed), List.of()), "seed " + seed);
            }
        }
    }

    private static Placement plannedOrNull(Fleet fleet, List<Held> now) {
        try {
            return Planner.plan(fleet, now);
        } catch (ImpossibleFleetException e) {
            return null;
        }
    }
}
