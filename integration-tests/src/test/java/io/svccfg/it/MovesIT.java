package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hot reopen: a real child JVM under the real agent ({@code poll=1s}) keeps serving through its unchanged loop while
 * DNS, changed with {@code nsupdate} on a real BIND 9, moves, parks and reopens its listener, and the old endpoint
 * refuses at once: TCP listeners with {@code drain=off} ({@link DrainIT} tests the default), UDP listeners with the
 * default, which never drains them.
 */
class MovesIT {
    private static final Duration MOVE = Duration.ofSeconds(20);
    private static final Pattern PARKED = Pattern.compile("parked at (127\\.0\\.0\\.1:\\d+)|to (127\\.0\\.0\\.1:\\d+) in");

    @RegisterExtension
    final Bind9PerTest dns = new Bind9PerTest(ListenerKindsIT.ZONE);

    record Kind(List<String> args, boolean virtualThreads) {
        boolean udp() {
            return args.get(0).startsWith("datagram") || args.get(0).startsWith("multicast");
        }

        String[] command() {
            return Stream.concat(args.stream(), Stream.of("--port", udp() ? "5060" : "8080")).toArray(String[]::new);
        }

        String srv() {
            return udp() ? "_sip._udp.example.test." : "_http._tcp.example.test.";
        }

        int port() {
            return udp() ? 15060 : 18081;
        }

        int priority() {
            return udp() ? 1 : 2;
        }

        @Override
        public String toString() {
            return String.join(" ", args);
        }
    }

    static final List<Kind> MOVABLE = List.of(
            new Kind(List.of("server-socket"), false),
            new Kind(List.of("server-socket", "--virtual"), true),
            new Kind(List.of("nio-selector"), false),
            new Kind(List.of("nio-blocking"), false),
            new Kind(List.of("datagram-socket"), false),
            new Kind(List.of("datagram-socket", "--virtual"), true),
            new Kind(List.of("datagram-channel"), false),
            new Kind(List.of("multicast-socket"), false));

    static Stream<Arguments> movable() {
        return ItEnvironment.jdks().flatMap(jvm -> MOVABLE.stream()
                .filter(k -> !k.virtualThreads() || !jvm.toString().contains("17"))
                .map(k -> Arguments.of(jvm, k)));
    }

    private DemoServer start(ChildJvm jvm, Kind kind) {
        return start(jvm, kind, "1s");
    }

    private DemoServer start(ChildJvm jvm, Kind kind, String poll) {
        return DemoServer.start(jvm, "domain=example.test,dns=" + dns.hostPort()
                + ",address=127.0.0.123,address=127.0.0.126,flap-damping=10ms,poll=" + poll
                // TCP with drain=off; UDP with the default, which does not drain datagram listeners.
                + (kind.udp() ? "" : ",drain=off"), kind.command());
    }

    /** Replaces .123's SRV record of the kind's service by one on {@code newPort}. */
    private void movePort(Kind kind, int oldPort, int newPort) {
        dns.update(SrvUpdate.movePort(kind.srv(), kind.priority(), "host123.example.test.", oldPort, newPort));
    }

    private static void awaitServing(DemoServer server, String at) {
        await("serving at " + at).atMost(MOVE).pollInterval(Duration.ofMillis(100)).until(() -> {
            try {
                String answer = server.request(at);
                return answer != null && answer.contains("LISTENER=" + at);
            } catch (IOException e) {
                return false;
            }
        });
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("movable")
    void aPortMoveIsServedByTheUnchangedLoopAndTheOldPortRefuses(ChildJvm jvm, Kind kind) {
        try (DemoServer server = start(jvm, kind)) {
            String before = "127.0.0.123:" + kind.port();
            assertEquals(before, server.awaitListening());
            movePort(kind, kind.port(), kind.port() + 1);
            String after = "127.0.0.123:" + (kind.port() + 1);
            awaitServing(server, after);
            assertFalse(server.answers(before), "the old endpoint refuses");
            assertFalse(server.child().stdout().contains("ERROR"), "no exception reached the application: "
                    + server.child().stdout());
            assertEquals(1, server.child().stdout().lines().filter(l -> l.startsWith("LISTENING")).count(),
                    "the application did not reopen anything");
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("movable")
    void anAddressMoveFollowsTheTargetsARecord(ChildJvm jvm, Kind kind) {
        try (DemoServer server = start(jvm, kind)) {
            server.awaitListening();
            dns.update("update delete host123.example.test. A\nupdate add host123.example.test. 60 A 127.0.0.126");
            awaitServing(server, "127.0.0.126:" + kind.port());
            assertFalse(server.answers("127.0.0.123:" + kind.port()));
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("movable")
    void aRemovedTupleParksAndItsReturnReopens(ChildJvm jvm, Kind kind) {
        try (DemoServer server = start(jvm, kind)) {
            String assigned = "127.0.0.123:" + kind.port();
            server.awaitListening();
            dns.update("update delete " + kind.srv() + " SRV " + kind.priority() + " 100 " + kind.port()
                    + " host123.example.test.");
            server.child().awaitStderr("parked", lines -> lines.stream().anyMatch(l -> l.contains("moved from "
                    + assigned + " to 127.0.0.1:")), MOVE);
            String parked = parkedAt(server.child().stderr());
            awaitServing(server, parked);
            assertFalse(server.answers(assigned));
            dns.update("update add " + kind.srv() + " 60 SRV " + kind.priority() + " 100 " + kind.port()
                    + " host123.example.test.");
            awaitServing(server, assigned);
        }
    }

    /** The assigned endpoint is taken when the application binds: it parks, and moves there once it is free. */
    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("movable")
    void anAssignedEndpointInUseParksUntilItIsFree(ChildJvm jvm, Kind kind) throws IOException {
        InetSocketAddress assigned = new InetSocketAddress("127.0.0.123", kind.port());
        try (Closeable blocker = kind.udp() ? new DatagramSocket(assigned) : new ServerSocket(kind.port(), 1,
                assigned.getAddress())) {
            try (DemoServer server = start(jvm, kind)) {
                String parked = server.awaitListening();
                assertTrue(parked.startsWith("127.0.0.1:"), parked);
                server.child().awaitStderr("why it parked", lines -> lines.stream().anyMatch(l -> l.contains(
                        "cannot bind 127.0.0.123:" + kind.port())), MOVE);
                blocker.close();
                awaitServing(server, "127.0.0.123:" + kind.port());
                assertFalse(server.child().stdout().contains("ERROR"), server.child().stdout());
            }
        }
    }

    /** Changes faster than flap damping allows: the listener moves at most once per interval, and ends where DNS says. */
    @OnEachJdk
    void flapDampingCoalescesMovesAndTheLastAssignmentWins(ChildJvm jvm) {
        Kind kind = MOVABLE.get(0);
        try (DemoServer server = DemoServer.start(jvm, "domain=example.test,dns=" + dns.hostPort()
                + ",address=127.0.0.123,poll=200ms,flap-damping=3s,drain=off", kind.command())) {
            server.awaitListening();
            movePort(kind, 18081, 18082);
            awaitServing(server, "127.0.0.123:18082");
            movePort(kind, 18082, 18083);
            movePort(kind, 18083, 18084);
            awaitServing(server, "127.0.0.123:18084");
            assertEquals(2, server.child().stderr().lines().filter(l -> l.contains(" moved from ")).count(),
                    server.child().stderr());
        }
    }

    private static String parkedAt(String stderr) {
        String last = null;
        Matcher m = PARKED.matcher(stderr);
        while (m.find()) {
            last = m.group(1) != null ? m.group(1) : m.group(2);
        }
        assertTrue(last != null, stderr);
        return last;
    }

    /** The kinds whose leak test runs: one of each family of JDK code paths, to keep the suite short. */
    static Stream<Arguments> leakKinds() {
        return movable().filter(a -> List.of("server-socket", "nio-selector", "datagram-channel")
                .contains(a.get()[1].toString()));
    }

    /** 100 moves back and forth: the process stays healthy, with as many descriptors and threads as before. */
    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("leakKinds")
    void hundredMovesLeakNothing(ChildJvm jvm, Kind kind) throws IOException {
        try (DemoServer server = start(jvm, kind, "200ms")) {
            server.awaitListening();
            awaitServing(server, "127.0.0.123:" + kind.port());
            server.child().awaitAgentStarted(MOVE);
            long pid = server.child().pid();
            long fds = count(Path.of("/proc/" + pid + "/fd"));
            long threads = count(Path.of("/proc/" + pid + "/task"));
            int port = kind.port();
            for (int i = 1; i <= 100; i++) {
                int next = i % 2 == 1 ? kind.port() + 1 : kind.port();
                movePort(kind, port, next);
                port = next;
                int moves = i;
                server.child().awaitStderr("move " + i, lines -> lines.stream()
                        .filter(l -> l.contains(" moved from ")).count() >= moves, MOVE);
            }
            awaitServing(server, "127.0.0.123:" + port);
            assertEquals(100, server.child().stderr().lines().filter(l -> l.contains(" moved from ")).count());
            assertFalse(server.child().stdout().contains("ERROR"), server.child().stdout());
            await("descriptors back to " + fds).atMost(MOVE).until(() -> count(Path.of("/proc/" + pid + "/fd")) <= fds);
            assertTrue(count(Path.of("/proc/" + pid + "/task")) <= threads + 2, "threads: " + threads + " before");
        }
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.count();
        }
    }
}
