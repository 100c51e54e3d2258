package io.svccfg.placement;

import io.svccfg.fleet.Fleet;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * Plan time, memory and re-plan stability at 10, 100 and 1,000 servers with 50 services. On demand, not by
 * {@code mvn test}:
 *
 * <pre>
 * mvn -q -pl agent test-compile
 * java -cp agent/target/svccfg.jar:agent/target/test-classes io.svccfg.placement.PlannerBenchmark 10 100 1000
 * </pre>
 *
 * <p>Random fleets (RandomFleets, seed = servers) asking 60% of their capacity, services with 0 to 2 spares. The
 * figures are in README's Performance section.
 */
public final class PlannerBenchmark {
    private static final int SERVICES = 50;
    private static final double LOAD = 0.6;
    private static final int WARM_UPS = 3;
    private static final int RUNS = 7;

    private PlannerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.printf("%8s %8s %12s %14s %14s %10s %14s %14s%n", "servers", "services", "median ms", "allocated MB",
                "heap after MB", "slots", "re-plan chg", "scratch chg");
        for (int servers : args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {10, 100, 1000}) {
            Fleet fleet = RandomFleets.of(servers, servers, SERVICES, LOAD);
            for (int i = 0; i < WARM_UPS; i++) {
                Planner.plan(fleet, List.of());
            }
            long[] nanos = new long[RUNS];
            long allocated = 0;
            Placement placement = null;
            for (int i = 0; i < RUNS; i++) {
                System.gc();
                long bytes = threads.getCurrentThreadAllocatedBytes();
                long start = System.nanoTime();
                placement = Planner.plan(fleet, List.of());
                nanos[i] = System.nanoTime() - start;
                allocated = threads.getCurrentThreadAllocatedBytes() - bytes;
            }
            System.gc();
            long heap = memory.getHeapMemoryUsage().getUsed();
            Arrays.sort(nanos);
            List<Held> before = RandomFleets.held(placement);
            Fleet smaller = RandomFleets.without(fleet, servers / 2);
            int replan = RandomFleets.changed(before, RandomFleets.held(Planner.plan(smaller, before)));
            int scratch = RandomFleets.changed(before, RandomFleets.held(Planner.plan(smaller, List.of())));
            System.out.printf("%8d %8d %12.1f %14.1f %14.1f %10d %14d %14d%n", servers, SERVICES, nanos[RUNS / 2] / 1e6,
                    allocated / 1e6, heap / 1e6, placement.slots().size(), replan, scratch);
        }
    }
}
