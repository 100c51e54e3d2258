package io.svccfg.it;

import static io.svccfg.it.LoadStats.percentile;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.it.EndpointClient.Outcome;
import io.svccfg.it.servers.RealServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lossless moves, measured: for each real server (the JDK's HttpServer, Jetty, Netty, Tomcat) and the demo's blocking
 * {@code ServerSocket} on platform and virtual threads, on each JDK, DNS (a real BIND 9, {@code nsupdate}) moves the
 * listener from port 48181 to 48182 on 127.0.0.156, with a record TTL of 4 s, so the old endpoint drains for 4 s
 * ({@code drain=ttl}). Throughout, {@value #OLD_CLIENTS} clients open new connections to the old endpoint again and
 * again (as clients holding the old answer do), one request each; from the move on, {@value #NEW_CLIENTS} more do
 * the same on the new endpoint. Each connection is counted by when it started: before the move, in the window (from
 * the move's log line until the old socket closed, which the first refused connection shows), or after; and by how
 * it ended: answered,
 * refused, reset (or closed without an answer), or answered with a peer address that is not the client's own. The
 * latency of a connection (connect to the whole answer) is compared between the old and the new endpoint during the
 * window. Prints {@code DRAIN ...} lines. On demand, not in CI:
 * {@code mvn -B -o verify -pl integration-tests -Dit.test=DrainBenchmark}. It asserts only that it ran.
 */
class DrainBenchmark {
    private static final String HOST = "127.0.0.156";
    private static final int OLD_PORT = 48181;
    private static final int NEW_PORT = 48182;
    private static final int TTL = 4;
    private static final String ZONE = Bind9.zone("""
            _http._tcp  %1$d  SRV  1 100 48181 host156
            host156     %1$d  A    127.0.0.156
            """.formatted(TTL));
    private static final int OLD_CLIENTS = 3;
    private static final int NEW_CLIENTS = 2;
    private static final Duration BEFORE = Duration.ofSeconds(1);
    private static final Duration AFTER = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** {@code ... moved from 127.0.0.156:48181 to 127.0.0.156:48182 in 0.42 ms, ...}. */
    private static final Pattern MOVED = Pattern.compile(" moved from " + Pattern.quote(HOST + ":" + OLD_PORT)
            + " to \\S+ in ([\\d.]+) ms");
    /** {@code ...: 127.0.0.156:48181 drained for 4012 ms: 5123 connections delivered}. */
    private static final Pattern DRAINED = Pattern.compile(Pattern.quote(HOST + ":" + OLD_PORT)
            + " drained for (\\d+) ms: (\\d+) connections delivered(.*)$", Pattern.MULTILINE);

    @TempDir
    Path workDir;

    @RegisterExtension
    final Bind9PerTest dns = new Bind9PerTest(ZONE);

    static Stream<Arguments> servers() {
        return ItEnvironment.jdks().flatMap(jvm -> ServerCommand.tcpServers(RealServer.values())
                .filter(s -> s.runsOn(jvm) && !s.name().startsWith("nio-"))
                .map(s -> Arguments.of(jvm, s)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("servers")
    void clientsOfTheOldEndpointThroughAMove(ChildJvm jvm, ServerCommand server) throws Exception {
        List<String> args = new ArrayList<>(List.of("-javaagent:" + ItEnvironment.agentJar() + "=domain="
                + Bind9.FIG1_DOMAIN + ",dns=" + dns.hostPort() + ",address=" + HOST
                + ",poll=200ms,flap-damping=10ms,service=http:8080", "-Djava.io.tmpdir=" + workDir));
        args.addAll(server.command());
        ExecutorService threads = Executors.newCachedThreadPool();
        try (ChildProcess child = jvm.start(args, Map.of(), workDir)) {
            EndpointClient old = new EndpointClient(server, HOST, OLD_PORT);
            await("the server on " + HOST + ":" + OLD_PORT).atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> old.once() == Outcome.ANSWERED);
            Phases phases = new Phases();
            Tally oldTally = new Tally();
            Tally freshTally = new Tally();
            for (int i = 0; i < OLD_CLIENTS; i++) {
                threads.execute(() -> phases.loop(old, oldTally));
            }
            // Not a synchronisation: load before the move, by design.
            Thread.sleep(BEFORE.toMillis());
            dns.update(SrvUpdate.movePort("_http._tcp.example.test.", 1, "host156.example.test.", OLD_PORT,
                    NEW_PORT));
            await("the move").atMost(WAIT).pollInterval(Duration.ofMillis(1))
                    .until(() -> MOVED.matcher(child.stderr()).find());
            phases.moved = System.nanoTime();
            EndpointClient fresh = new EndpointClient(server, HOST, NEW_PORT);
            for (int i = 0; i < NEW_CLIENTS; i++) {
                threads.execute(() -> phases.loop(fresh, freshTally));
            }
            await("the end of the window").atMost(WAIT).pollInterval(Duration.ofMillis(1))
                    .until(() -> DRAINED.matcher(child.stderr()).find());
            phases.drained = System.nanoTime();
            Thread.sleep(AFTER.toMillis());
            phases.running = false;
            threads.shutdown();
            assertTrue(threads.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS), "the clients stopped");
            report(jvm, server, child, oldTally, freshTally);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void report(ChildJvm jvm, ServerCommand server, ChildProcess child, Tally old, Tally fresh) {
        Matcher moved = MOVED.matcher(child.stderr());
        Matcher drained = DRAINED.matcher(child.stderr());
        assertTrue(moved.find() && drained.find(), child.stderr());
        String jdk = jvm.toString().contains("17") ? "JDK 17" : "JDK 25";
        System.out.printf("DRAIN %s %s: move %s ms; the old endpoint drained %s ms and delivered %s connections%s%n",
                jdk, server, moved.group(1), drained.group(1), drained.group(2), drained.group(3));
        long closed = old.closed();
        for (Phase phase : Phase.values()) {
            System.out.printf("DRAIN %s %s: old endpoint, %s: %s%n", jdk, server, phase.words,
                    old.line(phase, closed));
        }
        System.out.printf("DRAIN %s %s: new endpoint, in the window: %s%n", jdk, server,
                fresh.line(Phase.WINDOW, closed));
    }

    /** When a connection started: before the move, before the old socket closed, or after. */
    enum Phase {
        BEFORE("before the move"), WINDOW("in the window"), AFTER("after the window");

        final String words;

        Phase(String words) {
            this.words = words;
        }
    }

    private static final class Phases {
        volatile long moved = Long.MAX_VALUE;
        volatile long drained = Long.MAX_VALUE;
        volatile boolean running = true;

        /** Connects again and again until the end, noting when each connection started and how it ended. */
        void loop(EndpointClient client, Tally tally) {
            while (running) {
                long start = System.nanoTime();
                Outcome outcome = client.once();
                tally.add(new Connection(start, outcome, System.nanoTime() - start, this));
            }
        }
    }

    /** One connection: when it started (nanoTime), how it ended, how long it took. */
    private record Connection(long start, Outcome outcome, long nanos, Phases phases) {
        /**
         * The window ends when the old socket closes: at the first refusal of the old endpoint after the move, or
         * when this JVM saw the agent's end-of-window line, whichever came first (the line comes a little later).
         */
        Phase phase(long closed) {
            return start < phases.moved ? Phase.BEFORE : start < Math.min(closed, phases.drained) ? Phase.WINDOW
                    : Phase.AFTER;
        }
    }

    /** The connections of one endpoint's clients. */
    private static final class Tally {
        private final Queue<Connection> connections = new ConcurrentLinkedQueue<>();

        void add(Connection connection) {
            connections.add(connection);
        }

        /** When the first connection after the move was refused (the old socket was closed), or never. */
        long closed() {
            return connections.stream().filter(c -> c.start() >= c.phases().moved && c.outcome() == Outcome.REFUSED)
                    .mapToLong(Connection::start).min().orElse(Long.MAX_VALUE);
        }

        String line(Phase phase, long closed) {
            List<Connection> in = connections.stream().filter(c -> c.phase(closed) == phase).toList();
            Map<Outcome, Long> c = in.stream().collect(Collectors.groupingBy(Connection::outcome,
                    Collectors.counting()));
            List<Double> sorted = in.stream().filter(x -> x.outcome() == Outcome.ANSWERED).map(x -> x.nanos() / 1e6)
                    .sorted().toList();
            return String.format("%d answered, %d refused, %d reset, %d with a wrong address, %d other; latency"
                    + " p50 / p99 %s / %s ms", n(c, Outcome.ANSWERED), n(c, Outcome.REFUSED), n(c, Outcome.RESET),
                    n(c, Outcome.WRONG_ADDRESS), n(c, Outcome.OTHER), ms(sorted, 50), ms(sorted, 99));
        }

        private static long n(Map<Outcome, Long> c, Outcome o) {
            return c.getOrDefault(o, 0L);
        }

        private static String ms(List<Double> sorted, int p) {
            return sorted.isEmpty() ? "-" : String.format("%.2f", percentile(sorted, p));
        }
    }
}
