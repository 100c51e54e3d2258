package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Prints what the agent costs an application, on each JDK, measured side by side with and without the agent:
 * <ul>
 * <li>launch of the JVM to its first managed bind (a {@code ServerSocket} on 8080), median of 11 runs;
 * <li>accept throughput of one blocking server: short connections from one client on loopback, rounds of each
 * in turn, median.
 * </ul>
 * Not part of {@code mvn verify}: run it with {@code mvn verify -pl integration-tests -Dit.test=BindBenchmark}
 * (after {@code mvn -DskipTests install}). It asserts only that each run did what it measures.
 */
class BindBenchmark {
    private static final int STARTS = 11;
    private static final int ROUNDS = 5;
    private static final int CONNECTIONS = 4000;

    private static Bind9 dns;

    @BeforeAll
    static void startDns() {
        dns = Bind9.startFig1();
    }

    @AfterAll
    static void stopDns() {
        dns.close();
    }

    private static String agent() {
        return "-javaagent:" + ItEnvironment.agentJar() + "=domain=example.test,dns=127.0.0.1:" + dns.port()
                + ",address=127.0.0.123";
    }

    @OnEachJdk
    void startToFirstManagedBind(ChildJvm jvm) {
        List<FirstBind> without = new ArrayList<>();
        List<FirstBind> with = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            without.add(firstBind(jvm, List.of(), 8080));
            with.add(firstBind(jvm, List.of(agent()), 18081));
        }
        System.out.printf("BENCHMARK %s: launch to first managed bind, median of %d: without agent %d ms, with "
                + "agent %d ms (min %d / %d ms); CPU time of the process by then %d / %d ms; classes loaded by then"
                + " %d / %d%n", jvm, STARTS, median(without, FirstBind::millis), median(with, FirstBind::millis),
                min(without, FirstBind::millis), min(with, FirstBind::millis), median(without, FirstBind::cpuMillis),
                median(with, FirstBind::cpuMillis), median(without, FirstBind::classes),
                median(with, FirstBind::classes));
    }

    /** What {@link FirstBindApp} printed. */
    private record FirstBind(long millis, long cpuMillis, long classes) {
    }

    private static long median(List<FirstBind> runs, ToLongFunction<FirstBind> value) {
        return median(runs.stream().map(value::applyAsLong).toList());
    }

    private static long min(List<FirstBind> runs, ToLongFunction<FirstBind> value) {
        return runs.stream().mapToLong(value).min().orElseThrow();
    }

    private static FirstBind firstBind(ChildJvm jvm, List<String> agent, int expectedPort) {
        List<String> args = new ArrayList<>(agent);
        args.addAll(List.of("-cp", ItEnvironment.testClasses(), FirstBindApp.class.getName(),
                String.valueOf(System.currentTimeMillis())));
        ChildProcess.Result r = jvm.run(args, Map.of(), null);
        assertEquals(0, r.exitCode(), r.describe());
        String[] words = r.stdout().lines().filter(l -> l.startsWith("FIRST_BIND_MS ")).findFirst()
                .orElseThrow(() -> new AssertionError(r.describe())).split(" ");
        assertEquals(String.valueOf(expectedPort), words[2], "bound where expected: " + r.describe());
        return new FirstBind(Long.parseLong(words[1]), Long.parseLong(words[3]), Long.parseLong(words[4]));
    }

    @OnEachJdk
    void acceptThroughput(ChildJvm jvm) throws IOException {
        try (ChildProcess plain = acceptLoop(jvm, List.of()); ChildProcess managed = acceptLoop(jvm, List.of(agent()))) {
            InetSocketAddress plainAt = new InetSocketAddress("127.0.0.1", 8080);
            InetSocketAddress managedAt = new InetSocketAddress("127.0.0.123", 18081);
            awaitListening(plain, "LISTENING 0.0.0.0:8080");
            awaitListening(managed, "LISTENING 127.0.0.123:18081");
            List<Double> without = new ArrayList<>();
            List<Double> with = new ArrayList<>();
            connect(plainAt, CONNECTIONS); // warm-up, both
            connect(managedAt, CONNECTIONS);
            for (int round = 0; round < ROUNDS; round++) {
                without.add(connect(plainAt, CONNECTIONS));
                with.add(connect(managedAt, CONNECTIONS));
            }
            System.out.printf("BENCHMARK %s: accept throughput, %d rounds of %d connections, median: without agent"
                    + " %.0f conn/s, with agent %.0f conn/s%n", jvm, ROUNDS, CONNECTIONS, medianOf(without),
                    medianOf(with));
        }
    }

    private static ChildProcess acceptLoop(ChildJvm jvm, List<String> agent) {
        List<String> args = new ArrayList<>(agent);
        args.addAll(List.of("-cp", ItEnvironment.testClasses(), AcceptLoopApp.class.getName()));
        return jvm.start(args, Map.of(), null);
    }

    private static void awaitListening(ChildProcess child, String line) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> child.stdout().contains(line) || !child.isAlive());
        assertTrue(child.stdout().contains(line), child.stdout() + child.stderr());
    }

    /** Connections per second over {@code n} sequential connect, read, close. */
    private static double connect(InetSocketAddress at, int n) throws IOException {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (Socket s = new Socket()) {
                s.connect(at, 2000);
                InputStream in = s.getInputStream();
                assertEquals('o', in.read());
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
