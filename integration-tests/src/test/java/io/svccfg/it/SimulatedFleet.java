package io.svccfg.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The simulated hosts of a fleet ({@link SimulatedHosts}), spread over a few child JVMs that run svccfg's classes
 * from the agent jar under test.
 */
final class SimulatedFleet implements AutoCloseable {
    private final List<ChildProcess> jvms;
    private final List<String> addresses;

    private SimulatedFleet(List<ChildProcess> jvms, List<String> addresses) {
        this.jvms = jvms;
        this.addresses = addresses;
    }

    /**
     * Starts the hosts of {@code addressesByOptions}, each group (hosts with the same options) over {@code
     * jvmsPerGroup} JVMs, each host with its options, its own address and NOTIFY receiver on {@code notifyPort}, and
     * a (simulated) listener of {@code service} ({@code http/tcp}); returns once every host has read the DNS.
     */
    static SimulatedFleet start(ChildJvm jvm, Map<String, List<String>> addressesByOptions, String service,
            int notifyPort, int jvmsPerGroup, Duration ready) {
        List<ChildProcess> jvms = new ArrayList<>();
        List<String> all = addressesByOptions.values().stream().flatMap(List::stream).toList();
        SimulatedFleet fleet = new SimulatedFleet(jvms, all);
        try {
            for (Map.Entry<String, List<String>> group : addressesByOptions.entrySet()) {
                List<String> addresses = group.getValue();
                int per = Math.max(1, (addresses.size() + jvmsPerGroup - 1) / jvmsPerGroup);
                for (int from = 0; from < addresses.size(); from += per) {
                    List<String> args = new ArrayList<>(List.of("-Xss256k",
                            "-Dsimulated.log=" + System.getProperty("simulated.log", "warn"), "-cp",
                            ItEnvironment.agentJar() + ":" + ItEnvironment.testClasses(),
                            SimulatedHosts.class.getName(), group.getKey(), service, String.valueOf(notifyPort)));
                    args.addAll(addresses.subList(from, Math.min(addresses.size(), from + per)));
                    jvms.add(jvm.start(args, Map.of(), null));
                }
            }
            await("every simulated host has read the DNS").atMost(ready).pollInterval(Duration.ofMillis(100))
                    .until(() -> fleet.jvms.stream().allMatch(c -> c.stdout().contains("READY ") || !c.isAlive()));
            fleet.assertAlive();
            return fleet;
        } catch (RuntimeException | Error e) {
            fleet.close();
            throw e;
        }
    }

    List<String> addresses() {
        return addresses;
    }

    /**
     * Per host, when (in {@link System#nanoTime()}'s time) it first read the zone at {@code serial}; waits at most
     * {@code max} for every host, then fails naming those that did not.
     */
    Map<String, Long> awaitSerial(long serial, Duration max) {
        Map<String, Long> when = new HashMap<>();
        try {
            // The times come from the hosts' own lines, so a slow look loses no precision; each look decodes
            // every line so far, which at 50 ms took the CPUs that the hosts and the DNS servers share.
            await("every simulated host reads serial " + serial).atMost(max).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        when.putAll(readAt(serial));
                        return when.size() == addresses.size();
                    });
        } catch (ConditionTimeoutException e) {
            List<String> missing = addresses.stream().filter(a -> !when.containsKey(a)).toList();
            throw new AssertionError(missing.size() + " of " + addresses.size() + " hosts did not read serial "
                    + serial + " within " + max + ": " + missing.subList(0, Math.min(10, missing.size())), e);
        }
        return when;
    }

    /** When each host first accepted a NOTIFY that carried {@code serial} or a later one (System.nanoTime). */
    Map<String, Long> notifiedAt(long serial) {
        Map<String, Long> when = new HashMap<>();
        for (ChildProcess c : jvms) {
            // NOTIFY address serial nanoTime
            c.stdout().lines().filter(l -> l.startsWith("NOTIFY ")).map(l -> l.split(" "))
                    .filter(w -> Long.parseLong(w[2]) >= serial)
                    .forEach(w -> when.putIfAbsent(w[1], Long.parseLong(w[3])));
        }
        return when;
    }

    /** What each host serves after its last read: its endpoints, {@code -} for none. */
    Map<String, String> serving() {
        Map<String, String> serving = new HashMap<>();
        for (ChildProcess c : jvms) {
            c.stdout().lines().filter(l -> l.startsWith("READ ")).map(l -> l.split(" "))
                    .forEach(w -> serving.put(w[1], w[3]));
        }
        return serving;
    }

    private Map<String, Long> readAt(long serial) {
        Map<String, Long> when = new HashMap<>();
        for (ChildProcess c : jvms) {
            // READ address serial endpoints nanoTime
            c.stdout().lines().filter(l -> l.startsWith("READ ")).map(l -> l.split(" "))
                    .filter(w -> !w[2].equals("null") && Long.parseLong(w[2]) >= serial)
                    .forEach(w -> when.putIfAbsent(w[1], Long.parseLong(w[4])));
        }
        return when;
    }

    /** The DNS questions all the hosts sent so far, and the most one host sent. */
    long[] questions() {
        long total = 0;
        long max = 0;
        for (ChildProcess c : jvms) {
            int before = (int) c.stdout().lines().filter(l -> l.startsWith("QUESTIONS ")).count();
            c.send("questions");
            await("QUESTIONS").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .until(() -> c.stdout().lines().filter(l -> l.startsWith("QUESTIONS ")).count() > before);
            String[] last = c.stdout().lines().filter(l -> l.startsWith("QUESTIONS ")).reduce((a, b) -> b)
                    .orElseThrow().split(" ");
            total += Long.parseLong(last[1]);
            max = Math.max(max, Long.parseLong(last[2]));
        }
        return new long[] {total, max};
    }

    private void assertAlive() {
        for (ChildProcess c : jvms) {
            if (!c.isAlive()) {
                throw new AssertionError("a simulated fleet JVM exited:\n" + c.stdout() + "\n" + c.stderr());
            }
        }
    }

    @Override
    public void close() {
        for (ChildProcess c : jvms) {
            c.close();
        }
    }
}
