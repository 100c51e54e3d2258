package io.svccfg.it;

import static io.svccfg.it.LoadStats.percentile;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.svccfg.it.servers.RealServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Prints what a move costs, on each JDK, for a demo server ({@code io.svccfg.demo.SocketServer}, asking 8080: http)
 * under the real agent, with DNS changed by nsupdate on a real BIND 9 (http of host154, 127.0.0.154, moved between
 * ports 48090 and 48091):
 * <ul>
 * <li>the time of one move, warm: the durations the agent logs ({@code moved from A to B in X ms}, from the bind of
 * the new socket to the swap done) over 60 moves at {@code poll=200ms}, the first 10 dropped as warm-up;
 * <li>the time from nsupdate to the new endpoint answering, at {@code poll=1s}: 20 changes, from just before the
 * nsupdate command starts to the first answered connection on the new port (tried every 5 ms).
 * </ul>
 * Not part of {@code mvn verify}: run it with {@code mvn -B -o verify -pl integration-tests -Dit.test=MoveBenchmark}.
 * It asserts only that each run did what it measures.
 */
class MoveBenchmark {
    private static final String HOST = "127.0.0.154";
    private static final int PORT = 48090;
    private static final int OTHER_PORT = 48091;
    private static final String ZONE = Bind9.zone("""
            _http._tcp  SRV  1 100 48090 host154
            host154     A    127.0.0.154
            """);
    private static final int WARM_MOVES = 60;
    private static final int WARM_UP = 10;
    private static final int CHANGES = 20;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern MOVED = Pattern.compile("^svccfg \\S+ \\w+ +http/tcp moved from .* in ([\\d.]+) ms");

    @TempDir
    Path workDir;

    @RegisterExtension
    final Bind9PerTest dns = new Bind9PerTest(ZONE);

    static Stream<Arguments> jdksAndKinds() {
        return ItEnvironment.jdks().flatMap(jvm -> Stream.of("server-socket", "nio-selector")
                .map(kind -> Arguments.of(jvm, kind)));
    }

    /** The warm move, with each drain mode: the default (the old socket retained to drain) and off. */
    static Stream<Arguments> jdksKindsAndDrains() {
        return jdksAndKinds().flatMap(a -> Stream.of("ttl", "off").map(drain -> Arguments.of(a.get()[0], a.get()[1],
                drain)));
    }

    private DemoServer start(ChildJvm jvm, String kind, String poll) {
        return start(jvm, kind, poll, "ttl");
    }

    private DemoServer start(ChildJvm jvm, String kind, String poll, String drain) {
        DemoServer server = DemoServer.start(jvm, "domain=" + Bind9.FIG1_DOMAIN + ",dns=" + dns.hostPort() + ",address="
                + HOST + ",flap-damping=10ms,poll=" + poll + ",drain=" + drain, kind, "--port", "8080");
        assertEquals(HOST + ":" + PORT, server.awaitListening());
        return server;
    }

    /** Replaces host154's http SRV record on {@code from} by one on {@code to}. */
    private void move(int from, int to) {
        dns.update(SrvUpdate.movePort("_http._tcp.example.test.", 1, "host154.example.test.", from, to));
    }

    private static List<Double> loggedMoveMillis(ChildProcess child) {
        List<Double> millis = new ArrayList<>();
        for (String line : child.stderr().lines().toList()) {
            Matcher m = MOVED.matcher(line);
            if (m.find()) {
                millis.add(Double.parseDouble(m.group(1)));
            }
        }
        return millis;
    }

    private static void awaitMoves(ChildProcess child, int n) {
        child.awaitStderr(n + " moves logged", lines -> lines.stream().filter(l -> MOVED.matcher(l).find())
                .count() >= n, WAIT);
    }

    /** Whether HOST:PORT answers a request with the line of a listener that is there. */
    private static boolean answersAt(DemoServer server, int port) {
        try {
            String line = server.request(HOST + ":" + port);
            return line != null && line.contains("LISTENER=" + HOST + ":" + port);
        } catch (IOException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "{1} drain={2} on {0}")
    @MethodSource("jdksKindsAndDrains")
    void timeOfOneWarmMove(ChildJvm jvm, String kind, String drain) {
        try (DemoServer server = start(jvm, kind, "200ms", drain)) {
            int port = PORT;
            for (int i = 1; i <= WARM_MOVES; i++) {
                int next = port == PORT ? OTHER_PORT : PORT;
                move(port, next);
                port = next;
                awaitMoves(server.child(), i);
            }
            int last = port;
            await("answers at " + last).atMost(WAIT).until(() -> answersAt(server, last));
            assertFalse(server.child().stdout().contains("ERROR"), server.child().stdout());

            printWarmMoves(jvm, kind + " drain=" + drain, server.child());
        }
    }

    /**
     * The warm move of Netty's server channel on its NIO transport and on its epoll transport, whose swap runs on
     * the channel's event loop (draining, the default).
     */
    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("jdksAndNettyTransports")
    void timeOfOneWarmMoveOfNetty(ChildJvm jvm, RealServer netty) {
        List<String> args = new ArrayList<>(List.of("-javaagent:" + ItEnvironment.agentJar() + "=domain="
                + Bind9.FIG1_DOMAIN + ",dns=" + dns.hostPort() + ",address=" + HOST + ",flap-damping=10ms,poll=200ms"));
        args.addAll(ServerCommand.real(netty).command());
        try (ChildProcess child = jvm.start(args, Map.of(), workDir)) {
            child.awaitStderr("the listener at " + HOST + ":" + PORT, lines -> lines.stream()
                    .anyMatch(l -> l.contains("active at " + HOST + ":" + PORT)), WAIT);
            int port = PORT;
            for (int i = 1; i <= WARM_MOVES; i++) {
                int next = port == PORT ? OTHER_PORT : PORT;
                move(port, next);
                port = next;
                awaitMoves(child, i);
            }
            printWarmMoves(jvm, netty + " drain=ttl", child);
        }
    }

    static Stream<Arguments> jdksAndNettyTransports() {
        return ItEnvironment.jdks().flatMap(jvm -> Stream.of(RealServer.NETTY, RealServer.NETTY_EPOLL)
                .map(server -> Arguments.of(jvm, server)));
    }

    private static void printWarmMoves(ChildJvm jvm, String what, ChildProcess child) {
        List<Double> all = loggedMoveMillis(child);
        assertEquals(WARM_MOVES, all.size(), child.stderr());
        List<Double> warm = all.subList(WARM_UP, all.size()).stream().sorted().toList();
        System.out.printf("BENCHMARK %s %s: time of one move (logged by the agent), %d warm moves at"
                + " poll=200ms: p50 %.2f ms, p99 %.2f ms, max %.2f ms (first move %.2f ms, warm-up max %.2f ms)%n",
                jvm, what, warm.size(), percentile(warm, 50), percentile(warm, 99), percentile(warm, 100),
                all.get(0), all.subList(0, WARM_UP).stream().max(Double::compare).orElseThrow());
    }

    /**
     * What dominates is the poll interval: the agent reads DNS every {@code poll} (1 s here, plus up to 10 % jitter,
     * plus the read itself), and a change waits for the next read. Each change is made after a random pause of 0 to
     * 1 s, so that it lands at a random point of the agent's poll cycle (changes made right after the previous move
     * was seen would all wait a whole interval): the wait is then uniform over the cycle, about 0.5 s on average and
     * up to about 1.1 s. The nsupdate command itself (a process, a signed update, BIND's answer) adds tens of ms, and
     * the move itself well under a millisecond. DNS NOTIFY, once there, removes the poll wait.
     */
    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("jdksAndKinds")
    void timeFromNsupdateToTheNewEndpointAnswering(ChildJvm jvm, String kind) throws Exception {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try (DemoServer server = start(jvm, kind, "1s")) {
            List<Double> toAnswer = new ArrayList<>();
            List<Double> nsupdate = new ArrayList<>();
            int port = PORT;
            for (int i = 1; i <= CHANGES; i++) {
                // The pause that puts the change at a random point of the agent's poll cycle.
                pacer.schedule(() -> { }, ThreadLocalRandom.current().nextLong(1000), TimeUnit.MILLISECONDS).get();
                int next = port == PORT ? OTHER_PORT : PORT;
                long start = System.nanoTime();
                move(port, next);
                long updated = System.nanoTime();
                port = next;
                AtomicLong answered = new AtomicLong();
                await("answers at " + next).atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                        .until(() -> {
                            if (!answersAt(server, next)) {
                                return false;
                            }
                            answered.set(System.nanoTime());
                            return true;
                        });
                toAnswer.add((answered.get() - start) / 1e6);
                nsupdate.add((updated - start) / 1e6);
                awaitMoves(server.child(), i);
            }
            assertFalse(server.child().stdout().contains("ERROR"), server.child().stdout());
            double mean = toAnswer.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            List<Double> sorted = toAnswer.stream().sorted().toList();
            System.out.printf("BENCHMARK %s %s: nsupdate to the new endpoint answering, %d changes at poll=1s:"
                    + " p50 %.0f ms, p99 %.0f ms, mean %.0f ms, min %.0f ms (of which the nsupdate command, median:"
                    + " %.0f ms)%n", jvm, kind, sorted.size(), percentile(sorted, 50), percentile(sorted, 99), mean,
                    sorted.get(0), percentile(nsupdate.stream().sorted().toList(), 50));
        } finally {
            pacer.shutdownNow();
        }
    }
}
