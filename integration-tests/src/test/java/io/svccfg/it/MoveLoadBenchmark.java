package io.svccfg.it;

import static io.svccfg.it.LoadStats.percentile;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.it.servers.LoadJettyServer;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moves under load, on each JDK: a real Jetty 12 with two connectors (asking 8080 and 8081) under the real agent,
 * with {@code service=http:8080,service=alt:8081} and {@code poll=200ms}, so that DNS places the two listeners as two
 * services: http on 127.0.0.153:48080, which stays, and alt, which the test moves between 48081 and 48082 every second
 * with nsupdate on a real BIND 9. For ~20 s, clients in this JVM run at full speed:
 * <ul>
 * <li>keep-alive HTTP/1.1 connections making requests in a loop on http (goal: no failed request);</li>
 * <li>keep-alive connections making requests in a loop on alt, each opened before the moves and kept through all of
 * them (goal: none broken: an accepted connection belongs to the application, not to the listener);</li>
 * <li>short new connections to alt, each aimed at alt's current port, which this JVM learns from the agent's
 * {@code alt/tcp moved from A to B} line (measured, not a goal of zero: see {@link NewConnections}).</li>
 * </ul>
 * Prints {@code LOAD ...} lines. Not part of {@code mvn verify}: run it with
 * {@code mvn -B -o verify -pl integration-tests -Dit.test=MoveLoadBenchmark}. It asserts only that it ran.
 */
class MoveLoadBenchmark {
    private static final String HOST = "127.0.0.153";
    private static final int HTTP_PORT = 48080;
    private static final int ALT_PORT = 48081;
    private static final int ALT_OTHER_PORT = 48082;
    private static final String ZONE = Bind9.zone("""
            _http._tcp  SRV  1 100 48080 host153
            _alt._tcp   SRV  1 100 48081 host153
            host153     A    127.0.0.153
            """);

    private static final Duration LOAD = Duration.ofSeconds(20);
    /** {@code -Dload.drain=off} measures moves that close the old socket at once. */
    private static final String DRAIN = System.getProperty("load.drain", "ttl");
    /** One move a second from t = 1 s: the last one at 18 s, leaving the load two seconds after it. */
    private static final int MOVES = 18;
    private static final int HTTP_KEEP_ALIVE = 3;
    private static final int ALT_KEEP_ALIVE = 3;
    private static final int ALT_NEW = 2;
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** {@code svccfg 21:16:00.765 INFO  alt/tcp moved from 127.0.0.153:48081 to 127.0.0.153:48082 in 0.42 ms: ...}. */
    private static final Pattern MOVED = Pattern.compile("^svccfg (\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) \\w+ +(\\w+)/tcp"
            + " moved from \\S+ to [\\d.]+:(\\d+) in ([\\d.]+) ms");

    @TempDir
    Path workDir;

    @RegisterExtension
    final Bind9PerTest dns = new Bind9PerTest(ZONE);

    @OnEachJdk
    void keepAliveAndNewConnectionsThroughMoves(ChildJvm jvm) throws Exception {
        String agent = "-javaagent:" + ItEnvironment.agentJar() + "=domain=" + Bind9.FIG1_DOMAIN + ",dns="
                + dns.hostPort() + ",address=" + HOST + ",poll=200ms,service=http:8080,service=alt:8081,drain=" + DRAIN;
        List<String> args = List.of(agent, "-Djava.io.tmpdir=" + workDir, "-cp", System.getProperty("java.class.path"),
                LoadJettyServer.class.getName(), "8080", "8081");
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        ExecutorService clients = Executors.newCachedThreadPool();
        try (ChildProcess server = jvm.start(args, Map.of(), workDir)) {
            awaitAnswer(server, HTTP_PORT);
            awaitAnswer(server, ALT_PORT);

            MoveWatcher moves = new MoveWatcher(server);
            timers.scheduleWithFixedDelay(moves::scan, 0, 1, TimeUnit.MILLISECONDS);
            Load load = new Load(moves);
            for (int i = 0; i < HTTP_KEEP_ALIVE; i++) {
                clients.execute(() -> load.keepAlive(load.http, () -> HTTP_PORT));
            }
            for (int i = 0; i < ALT_KEEP_ALIVE; i++) {
                clients.execute(() -> load.keepAlive(load.alt, moves.altPort::get));
            }
            for (int i = 0; i < ALT_NEW; i++) {
                clients.execute(load::newConnections);
            }

            // The moves: every second, alt's SRV record goes to the other port.
            AtomicInteger updates = new AtomicInteger();
            AtomicReference<Throwable> updateFailure = new AtomicReference<>();
            timers.scheduleAtFixedRate(() -> {
                int done = updates.get();
                if (done >= MOVES || updateFailure.get() != null) {
                    return;
                }
                int from = done % 2 == 0 ? ALT_PORT : ALT_OTHER_PORT;
                int to = done % 2 == 0 ? ALT_OTHER_PORT : ALT_PORT;
                try {
                    dns.update(SrvUpdate.movePort("_alt._tcp.example.test.", 1, "host153.example.test.", from, to));
                    updates.incrementAndGet();
                } catch (Throwable e) {
                    updateFailure.set(e);
                }
            }, 1, 1, TimeUnit.SECONDS);
            timers.schedule(() -> load.running = false, LOAD.toMillis(), TimeUnit.MILLISECONDS);

            await("the end of the load").atMost(LOAD.plus(WAIT)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !load.running || updateFailure.get() != null || !server.isAlive());
            load.running = false;
            clients.shutdown();
            assertTrue(clients.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS), "the clients stopped");
            if (updateFailure.get() != null) {
                throw new AssertionError("nsupdate failed", updateFailure.get());
            }
            await("every move logged").atMost(WAIT).until(() -> moves.count("alt") >= updates.get());

            report(jvm, load, moves, updates.get(), server);
            assertTrue(load.http.requests.sum() > 0 && load.alt.requests.sum() > 0, "the clients made requests");
            assertEquals(MOVES, updates.get(), "the test moved alt " + MOVES + " times");
        } finally {
            timers.shutdownNow();
            clients.shutdownNow();
        }
    }

    private static void report(ChildJvm jvm, Load load, MoveWatcher moves, int updates, ChildProcess server) {
        List<Move> alt = moves.moves().stream().filter(m -> m.service().equals("alt")).toList();
        List<Double> moveMs = alt.stream().map(Move::millis).sorted().toList();
        List<Long> lag = alt.stream().map(m -> m.logged().until(m.seen(), ChronoUnit.MILLIS)).sorted().toList();
        System.out.printf("LOAD %s: %d s of load, %d nsupdates, %d moves of alt between %d and %d logged by the agent"
                + " (each %.2f ms median, %.2f ms max), %d moves of http (expected 0)%n", jvm, LOAD.toSeconds(),
                updates, alt.size(), ALT_PORT, ALT_OTHER_PORT, percentile(moveMs, 50), percentile(moveMs, 100),
                moves.count("http"));
        System.out.printf("LOAD %s: http, the endpoint that stays, %d keep-alive threads: %d requests, %d failed"
                + " (goal 0), %d established connections broken (goal 0)%n", jvm, HTTP_KEEP_ALIVE,
                load.http.requests.sum(), load.http.failed.sum(), load.http.broken.sum());
        System.out.printf("LOAD %s: alt keep-alive, %d threads: %d requests, %d established connections broken"
                + " (goal 0), %d connections opened in all; the longest-lived went through %d moves%n", jvm,
                ALT_KEEP_ALIVE, load.alt.requests.sum(), load.alt.broken.sum(), load.alt.opened.sum(),
                load.alt.mostMovesSurvived.get());
        NewConnections fresh = load.fresh;
        List<Long> distance = fresh.failedAt.stream().map(t -> nearest(t, alt)).sorted().toList();
        System.out.printf("LOAD %s: alt new connections, %d threads: %d answered, %d refused, %d reset or closed after"
                + " connect (accept-queue window), %d other failures; every failure within %s ms of a move; this JVM"
                + " learned of each move %d ms (median, max %d) after the agent logged it%n", jvm, ALT_NEW,
                fresh.answered.sum(), fresh.refused.sum(), fresh.reset.sum(), fresh.other.sum(),
                distance.isEmpty() ? "-" : distance.get(distance.size() - 1), percentile(lag, 50),
                percentile(lag, 100));
        if (!fresh.reasons.isEmpty() || !load.alt.reasons.isEmpty() || !load.http.reasons.isEmpty()) {
            System.out.printf("LOAD %s: failure kinds: new %s; alt keep-alive %s; http %s%n", jvm, fresh.reasons,
                    load.alt.reasons, load.http.reasons);
        }
        List<String> unusual = server.stderr().lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")
                || l.contains("Exception")).toList();
        System.out.printf("LOAD %s: the server is %s; %d agent warnings or exceptions on its stderr%s%n", jvm,
                server.isAlive() ? "alive" : "DEAD", unusual.size(), unusual.isEmpty() ? ""
                        : ":\n" + unusual.stream().limit(20).collect(Collectors.joining("\n")));
    }

    /** Milliseconds from {@code t} to the nearest move the agent logged. */
    private static long nearest(LocalTime t, List<Move> moves) {
        return moves.stream().mapToLong(m -> Math.abs(m.logged().until(t, ChronoUnit.MILLIS))).min()
                .orElse(Long.MAX_VALUE);
    }

    /** Waits until GET / on HOST:PORT answers (the agent has bound that listener where DNS says). */
    private static void awaitAnswer(ChildProcess server, int port) {
        AtomicReference<String> last = new AtomicReference<>("none");
        try {
            await("an answer on " + HOST + ":" + port).atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!server.isAlive()) {
                    throw new IllegalStateException("the server exited");
                }
                try (LoadHttpConnection c = LoadHttpConnection.open(HOST, port)) {
                    c.get();
                    return true;
                } catch (IOException e) {
                    last.set(e.toString());
                    return false;
                }
            });
        } catch (RuntimeException e) {
            throw new AssertionError("no answer on " + HOST + ":" + port + " (last: " + last.get() + ")"
                    + "\n--- stdout ---\n" + server.stdout() + "\n--- stderr ---\n" + server.stderr(), e);
        }
    }

    /** One move the agent logged, and when this JVM saw the line. */
    record Move(String service, LocalTime logged, LocalTime seen, int toPort, double millis) {
    }

    /**
     * Reads the agent's move lines from the server's stderr as they come (every millisecond), and keeps alt's current
     * port for the clients.
     */
    static final class MoveWatcher {
        final AtomicInteger altPort = new AtomicInteger(ALT_PORT);
        private final ChildProcess server;
        private final List<Move> moves = new CopyOnWriteArrayList<>();
        private int scanned;

        MoveWatcher(ChildProcess server) {
            this.server = server;
        }

        /** Only ever run by one thread at a time (a fixed-delay task). */
        void scan() {
            String text = server.stderr();
            int end = text.lastIndexOf('\n') + 1;
            if (end <= scanned) {
                return;
            }
            LocalTime seen = LocalTime.now();
            for (String line : text.substring(scanned, end).split("\n")) {
                Matcher m = MOVED.matcher(line);
                if (m.find()) {
                    Move move = new Move(m.group(2), LocalTime.parse(m.group(1)), seen, Integer.parseInt(m.group(3)),
                            Double.parseDouble(m.group(4)));
                    moves.add(move);
                    if (move.service().equals("alt")) {
                        altPort.set(move.toPort());
                    }
                }
            }
            scanned = end;
        }

        List<Move> moves() {
            return moves;
        }

        long count(String service) {
            return moves.stream().filter(m -> m.service().equals(service)).count();
        }
    }

    /** What happened to one endpoint's keep-alive clients. */
    static final class KeepAliveTally {
        final LongAdder requests = new LongAdder();
        /** Requests that got no right answer, on any connection. */
        final LongAdder failed = new LongAdder();
        /** Connections that had answered at least one request, then failed. */
        final LongAdder broken = new LongAdder();
        final LongAdder opened = new LongAdder();
        final AtomicInteger mostMovesSurvived = new AtomicInteger();
        final Map<String, Integer> reasons = new ConcurrentHashMap<>();
    }

    /**
     * New connections to the moving endpoint. Two ways to lose one around a move, both measured:
     * <ul>
     * <li>refused: the client aimed at the old port after the old socket went, before it learned of the move (here:
     * until it sees the agent's log line; a real client: until it reads DNS again). Nothing listens there any more.
     * <li>reset or closed after connect: the kernel completed the handshake on the old socket, the connection waited in
     * its accept queue, and the old socket went before the application accepted it. The kernel resets every
     * connection still in the queue of a closed listener, and no mechanism hands them to the new socket: this is the
     * accept-queue window of a move. It is small because the swap takes well under a millisecond and Jetty accepts
     * as fast as connections arrive.
     * </ul>
     */
    static final class NewConnections {
        final LongAdder answered = new LongAdder();
        final LongAdder refused = new LongAdder();
        final LongAdder reset = new LongAdder();
        final LongAdder other = new LongAdder();
        final List<LocalTime> failedAt = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Integer> reasons = new ConcurrentHashMap<>();
    }

    /** The client threads' loops. */
    static final class Load {
        volatile boolean running = true;
        final KeepAliveTally http = new KeepAliveTally();
        final KeepAliveTally alt = new KeepAliveTally();
        final NewConnections fresh = new NewConnections();
        private final MoveWatcher moves;

        Load(MoveWatcher moves) {
            this.moves = moves;
        }

        /**
         * Requests in a loop on one keep-alive connection, opened to the endpoint's current port and kept as long as
         * it works; a failed connection is counted and replaced by a new one to the current port.
         */
        void keepAlive(KeepAliveTally tally, IntSupplier port) {
            LoadHttpConnection connection = null;
            long movesAtOpen = 0;
            while (running) {
                try {
                    if (connection == null) {
                        connection = LoadHttpConnection.open(HOST, port.getAsInt());
                        movesAtOpen = moves.count("alt");
                        tally.opened.increment();
                    }
                    connection.get();
                    tally.requests.increment();
                    tally.mostMovesSurvived.accumulateAndGet((int) (moves.count("alt") - movesAtOpen), Math::max);
                } catch (IOException e) {
                    tally.failed.increment();
                    tally.reasons.merge(e.toString(), 1, Integer::sum);
                    if (connection != null) {
                        if (connection.requests() > 0) {
                            tally.broken.increment();
                        }
                        closeQuietly(connection);
                        connection = null;
                    }
                }
            }
            if (connection != null) {
                closeQuietly(connection);
            }
        }

        /** Short connections, one request each, to alt's current port. */
        void newConnections() {
            while (running) {
                LoadHttpConnection connection;
                try {
                    connection = LoadHttpConnection.open(HOST, moves.altPort.get());
                } catch (ConnectException e) {
                    fresh.refused.increment();
                    fresh.failedAt.add(LocalTime.now());
                    continue;
                } catch (IOException e) {
                    fresh.other.increment();
                    fresh.failedAt.add(LocalTime.now());
                    fresh.reasons.merge("connect: " + e, 1, Integer::sum);
                    continue;
                }
                try {
                    connection.getAndClose();
                    fresh.answered.increment();
                } catch (IOException e) {
                    fresh.reset.increment();
                    fresh.failedAt.add(LocalTime.now());
                    fresh.reasons.merge("after connect: " + e, 1, Integer::sum);
                }
            }
        }

        private static void closeQuietly(LoadHttpConnection connection) {
            try {
                connection.close();
            } catch (IOException e) {
                // Nothing to do: it is gone either way.
            }
        }
    }
}
