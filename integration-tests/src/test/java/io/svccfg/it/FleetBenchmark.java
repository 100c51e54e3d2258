package io.svccfg.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How fast a fleet follows one DNS change through a two-tier hierarchy: a BIND primary, two BIND secondaries (signed
 * transfers, NOTIFY from the primary), each notifying half of the hosts; N simulated hosts ({@link SimulatedHosts},
 * svccfg's own classes for options, reads, NOTIFY and reconciling) over a few JVMs, and 5 real agent JVMs with a
 * listener. Per N: the time from the update to every host following it (p50, p99, max over hosts and changes), the
 * questions each DNS server answered per change and per idle poll interval, then the same with one secondary stopped.
 *
 * <p>Not part of {@code mvn verify}: {@code mvn verify -pl integration-tests -Dit.test=FleetBenchmark} (after {@code
 * mvn -DskipTests install}); {@code -Dfleet.hosts=100,1000} (simulated hosts), {@code -Dfleet.notifyRate=1000}
 * (the secondaries' and the primary's {@code notify-rate}), {@code -Dfleet.jitter=100ms} ({@code notify-jitter=}),
 * {@code -Dfleet.jvms=2} (the JVMs that carry the simulated hosts; by default one per 500), {@code -Dfleet.warmUp=3}
 * (changes before those measured).
 */
class FleetBenchmark {
    private static final int REAL = 5;
    private static final int CHANGES = 5;
    /** Changes made and awaited before those measured (see {@link #warmUp}). */
    private static final int WARM_UP = Integer.getInteger("fleet.warmUp", 3);
    private static final Duration POLL = Duration.ofSeconds(10);
    private static final Duration FOLLOW = Duration.ofSeconds(60);

    @Test
    void aFleetFollowsOneChangeThroughTwoTiers() throws InterruptedException {
        ChildJvm jvm = ItEnvironment.jdks().findFirst().orElseThrow();
        int notifyRate = Integer.getInteger("fleet.notifyRate", 1000);
        String jitter = System.getProperty("fleet.jitter", "100ms");
        for (String n : System.getProperty("fleet.hosts", "100,1000").split(",")) {
            int hosts = Integer.parseInt(n.trim());
            // Few fleet JVMs: each compiles the same code and runs its own selector and watch on the shared CPUs.
            int jvms = Integer.getInteger("fleet.jvms", Math.max(2, hosts / 500));
            try (FleetRun fleet = FleetRun.start(jvm, hosts, jvms, REAL, 2, notifyRate,
                    "domain=example.test,poll=" + POLL.toSeconds() + "s,idle-poll=" + POLL.toSeconds()
                            + "s,notify-jitter=" + jitter)) {
                measure(fleet, hosts, notifyRate, jitter);
            }
        }
    }

    private static void measure(FleetRun fleet, int hosts, int notifyRate, String jitter)
            throws InterruptedException {
        String what = String.format("%d simulated + %d real hosts, notify-rate %d, notify-jitter %s", hosts, REAL,
                notifyRate, jitter);
        // Idle: one poll interval with no change (a measurement window, not a wait for anything).
        long[] idleBefore = fleet.dns().questions();
        Thread.sleep(POLL.toMillis());
        long[] idle = minus(fleet.dns().questions(), idleBefore);
        System.out.printf("BENCHMARK %s: idle, questions per %d s poll interval: %s (%.2f per host)%n", what,
                POLL.toSeconds(), List.of(idle[0], idle[1], idle[2]), sum(idle) / (double) fleet.hosts());

        warmUp(fleet, what);
        List<Duration> all = new ArrayList<>();
        List<Duration> notified = new ArrayList<>();
        List<Duration> readAfterNotify = new ArrayList<>();
        long[] asked = new long[3];
        long simulatedAsked = 0;
        for (int i = 0; i < CHANGES; i++) {
            long[] before = fleet.dns().questions();
            long simulatedBefore = fleet.simulated().questions()[0];
            long since = fleet.change();
            Map<String, Duration> followed = fleet.awaitFollowed(since, FOLLOW);
            all.addAll(followed.values());
            FleetRun.Split split = fleet.split(since, followed);
            notified.addAll(split.notified());
            readAfterNotify.addAll(split.read());
            long[] delta = minus(fleet.dns().questions(), before);
            for (int s = 0; s < 3; s++) {
                asked[s] += delta[s];
            }
            simulatedAsked += fleet.simulated().questions()[0] - simulatedBefore;
        }
        System.out.printf("BENCHMARK %s: %d changes, update to every host following: %s; questions per change"
                        + " (primary, secondary 1, secondary 2): %s, %.2f per host (simulated hosts: %.2f)%n", what,
                CHANGES, spread(all), List.of(asked[0] / CHANGES, asked[1] / CHANGES, asked[2] / CHANGES),
                sum(asked) / (double) CHANGES / fleet.hosts(),
                simulatedAsked / (double) CHANGES / fleet.simulated().addresses().size());

        System.out.printf("BENCHMARK %s: simulated hosts, update to NOTIFY received: %s; NOTIFY received to read"
                + " ended: %s%n", what, spread(notified), spread(readAfterNotify));

        fleet.dns().secondary(1).stop();
        long primary = fleet.dns().primary().questions();
        long secondary = fleet.dns().secondary(0).questions();
        Map<String, Duration> followed = fleet.awaitFollowed(fleet.change(), FOLLOW);
        System.out.printf("BENCHMARK %s: secondary 2 stopped, update to every host following: %s; questions"
                        + " (primary, secondary 1): %s%n", what, spread(new ArrayList<>(followed.values())),
                List.of(fleet.dns().primary().questions() - primary, fleet.dns().secondary(0).questions() - secondary));
    }

    /**
     * A fleet runs for days: its hosts' JVMs have compiled the code of a change long before the one that counts.
     * Here the simulated hosts share 2 CPUs, so the JIT compiling that code in each fleet JVM at the first changes
     * (a second of C2 per JVM) would be charged to the hosts' time to follow. The warm-up changes' figures are
     * printed too: a fleet just started sees them.
     */
    private static void warmUp(FleetRun fleet, String what) {
        List<Duration> followed = new ArrayList<>();
        for (int i = 0; i < WARM_UP; i++) {
            followed.addAll(fleet.awaitFollowed(fleet.change(), FOLLOW).values());
        }
        if (WARM_UP > 0) {
            System.out.printf("BENCHMARK %s: %d warm-up changes (JVMs just started), update to every host"
                    + " following: %s%n", what, WARM_UP, spread(followed));
        }
    }

    private static String spread(List<Duration> followed) {
        List<Long> millis = followed.stream().map(Duration::toMillis).sorted().toList();
        return String.format("p50 %d ms, p99 %d ms, max %d ms over %d", LoadStats.percentile(millis, 50),
                LoadStats.percentile(millis, 99), LoadStats.percentile(millis, 100), millis.size());
    }

    private static long[] minus(long[] a, long[] b) {
        long[] d = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static long sum(long[] values) {
        long sum = 0;
        for (long v : values) {
            sum += v;
        }
        return sum;
    }
}
