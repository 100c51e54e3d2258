package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The application closes and reopens its listener as fast as it can ({@code reopen} on the demo server's stdin) while
 * the agent moves that listener back and forth between two ports ({@code nsupdate} swapping the SRV record's port in
 * a loop, {@code poll=50ms}). The swap happens under the channel's own locks, so a close racing a move must end in
 * neither a hang, nor a descriptor number reused for another file, nor a leaked socket or thread.
 */
class CloseReopenStressIT {
    private static final String HOST = "127.0.0.141";
    private static final int PORT_A = 38081;
    private static final int PORT_B = 38082;
    private static final Duration STRESS = Duration.ofSeconds(12);
    private static final Duration REOPEN = Duration.ofSeconds(10);
    private static final Duration SETTLE = Duration.ofSeconds(20);
    /**
     * Descriptors the process may hold at the end beyond those at the start: the start count is taken after one
     * reopen and one move, so the agent's and the JDK's lazily opened files are already counted; 4 more allow for a
     * jar or JDK module file opened later by a code path the warm-up did not take, never for a socket per reopen or
     * move (there are hundreds of those).
     */
    private static final int FD_SLACK = 4;
    /** The JVM may start a few GC or compiler threads late; again never one per reopen or move. */
    private static final int THREAD_SLACK = 4;

    private static final String ZONE = Bind9.zone("""
            _http._tcp  SRV  1 100 %1$d host141
            _sip._udp   SRV  1 100 %1$d host141
            host141     A    %2$s
            """).formatted(PORT_A, HOST);

    @RegisterExtension
    final Bind9PerTest dns = new Bind9PerTest(ZONE);

    static Stream<Arguments> kinds() {
        return ItEnvironment.jdks().flatMap(jvm -> Stream.of("server-socket", "nio-selector", "nio-blocking",
                "datagram-channel", "datagram-socket").map(kind -> Arguments.of(jvm, kind)));
    }

    private static boolean udp(String kind) {
        return kind.startsWith("datagram");
    }

    private static String srv(String kind) {
        return udp(kind) ? "_sip._udp.example.test." : "_http._tcp.example.test.";
    }

    /** Replaces the SRV record of the kind's service on {@code from} by one on {@code to}. */
    private void swapPort(String kind, int from, int to) {
        dns.update(SrvUpdate.movePort(srv(kind), 1, "host141.example.test.", from, to));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("kinds")
    void reopensRacingMovesNeitherHangNorMisdirectNorLeak(ChildJvm jvm, String kind) throws Exception {
        try (DemoServer server = DemoServer.start(jvm, "domain=example.test,dns=" + dns.hostPort() + ",address=" + HOST
                + ",poll=50ms,flap-damping=10ms", kind, "--port", udp(kind) ? "5060" : "8080", "--reopen-on-stdin")) {
            ChildProcess child = server.child();
            assertEquals(HOST + ":" + PORT_A, server.awaitListening());

            // Warm-up: one move and one reopen, so that the counts below include what the agent and the JDK open
            // once and keep (reflection, lazily loaded classes from jars, the mover's set-up).
            swapPort(kind, PORT_A, PORT_B);
            awaitServing(server, HOST + ":" + PORT_B);
            child.send("reopen");
            assertEquals(HOST + ":" + PORT_B, server.awaitListening(2));
            awaitServing(server, HOST + ":" + PORT_B);
            long pid = child.pid();
            long fdsAtStart = count(Path.of("/proc/" + pid + "/fd"));
            long threadsAtStart = count(Path.of("/proc/" + pid + "/task"));
            long movesAtStart = lines(child.stderr(), " moved from ");

            // DNS swaps the port back and forth as fast as nsupdate goes, on a thread of its own.
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger swaps = new AtomicInteger();
            AtomicReference<Throwable> swapFailure = new AtomicReference<>();
            AtomicInteger assignedPort = new AtomicInteger(PORT_B);
            Thread swapper = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        int from = assignedPort.get();
                        int to = from == PORT_A ? PORT_B : PORT_A;
                        swapPort(kind, from, to);
                        assignedPort.set(to);
                        swaps.incrementAndGet();
                    }
                } catch (Throwable t) {
                    swapFailure.set(t);
                }
            }, "nsupdate-swapper");
            swapper.start();

            // The application reopens as soon as each reopen is done.
            int reopens = 0;
            long end = System.nanoTime() + STRESS.toNanos();
            try {
                while (System.nanoTime() < end) {
                    int listening = 2 + reopens;
                    child.send("reopen");
                    awaitListening(server, listening + 1);
                    reopens++;
                }
            } finally {
                stop.set(true);
                swapper.join(Duration.ofSeconds(30).toMillis());
            }
            assertTrue(swapFailure.get() == null, "nsupdate failed: " + swapFailure.get());

            // DNS settles on the last port: the listener ends there, answering from it.
            String finalEndpoint = HOST + ":" + assignedPort.get();
            awaitServing(server, finalEndpoint);
            assertTrue(child.isAlive(), "the server is alive");
            String answer = server.request(finalEndpoint);
            assertTrue(answer.startsWith(kind + " LISTENER=" + finalEndpoint + " "), "answer: " + answer);

            long moves = lines(child.stderr(), " moved from ") - movesAtStart;
            long cannotMove = lines(child.stderr(), "cannot move");
            List<String> errors = child.stdout().lines().filter(l -> l.contains("ERROR") || l.contains("FAILED"))
                    .toList();
            List<String> warnings = child.stderr().lines().filter(l -> l.contains(" WARN ")).distinct().toList();
            System.out.printf("%s on %s: %d reopens, %d DNS swaps, %d moves, %d cannot-move lines%n"
                            + "  warnings: %s%n  app errors: %s%n",
                    kind, jvm, reopens, swaps.get(), moves, cannotMove, warnings, errors);
            assertTrue(errors.isEmpty(), "errors in the application's output:\n" + describe(child));

            await("descriptors back to at most " + fdsAtStart + " + " + FD_SLACK).atMost(SETTLE)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> count(Path.of("/proc/" + pid + "/fd")) <= fdsAtStart + FD_SLACK);
            await("threads back to at most " + threadsAtStart + " + " + THREAD_SLACK).atMost(SETTLE)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> count(Path.of("/proc/" + pid + "/task")) <= threadsAtStart + THREAD_SLACK);
            System.out.printf("  fds %d at start, %d at end; threads %d at start, %d at end%n", fdsAtStart,
                    count(Path.of("/proc/" + pid + "/fd")), threadsAtStart, count(Path.of("/proc/" + pid + "/task")));
            assertTrue(reopens > 0 && moves > 0, "the race was exercised: " + reopens + " reopens, " + moves
                    + " moves");
        }
    }

    /** Waits (at most 10 s) for the {@code n}th LISTENING line; a hang or an exit fails with the whole output. */
    private static void awaitListening(DemoServer server, int n) {
        ChildProcess child = server.child();
        try {
            await("LISTENING #" + n).atMost(REOPEN).pollInterval(Duration.ofMillis(5))
                    .until(() -> lines(child.stdout(), "LISTENING ") >= n || !child.isAlive());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no LISTENING #" + n + " within " + REOPEN + " (hang?)\n" + describe(child), e);
        }
        assertTrue(child.isAlive(), "the server exited during reopen #" + (n - 1) + "\n" + describe(child));
    }

    /** Waits for an answer from {@code at}; one that does not come fails with the server's whole output. */
    private static void awaitServing(DemoServer server, String at) {
        try {
            await("serving at " + at).atMost(SETTLE).pollInterval(Duration.ofMillis(100)).until(() -> {
                try {
                    String answer = server.request(at);
                    return answer != null && answer.contains("LISTENER=" + at + " ");
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not serving at " + at + " within " + SETTLE + "\n" + describe(server.child()), e);
        }
    }

    private static long lines(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).count();
    }

    private static String describe(ChildProcess child) {
        return "--- stdout ---\n" + child.stdout() + "\n--- stderr ---\n" + child.stderr();
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.count();
        }
    }
}
