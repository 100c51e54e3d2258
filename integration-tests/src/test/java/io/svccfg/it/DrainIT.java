package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.it.servers.RealServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retain and drain, with the real agent on a real BIND 9: while DNS moves or removes a TCP listener, clients that
 * keep aiming at its old endpoint (as a client holding the old answer does) are all served by the application's own
 * unchanged accept loop, seeing the old endpoint as their connection's local address and their own address as its
 * peer, for the TTL of the record that had assigned it (4 s here); after that window the old endpoint refuses, and
 * the process holds as many descriptors and threads as before. The JDK's accept paths (the demo's selector,
 * blocking channel, and {@code ServerSocket} on platform and virtual threads) and two real servers (Jetty, Netty).
 */
class DrainIT {
    private static final String HOST = "127.0.0.123";
    private static final int PORT = 18081;
    private static final String OLD = HOST + ":" + PORT;
    private static final String NEW = HOST + ":" + (PORT + 1);
    /** The TTL of the SRV and A records: the drain window. */
    private static final int TTL = 4;
    private static final String ZONE = Bind9.zone("""
            _http._tcp  %1$d  SRV  2 100 18081 host123
            host123     %1$d  A    127.0.0.123
            """.formatted(TTL));
    private static final int CLIENTS = 3;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final Bind9PerTest dns = new Bind9PerTest(ZONE);

    /** The child's working directory and java.io.tmpdir. */
    @TempDir
    Path workDir;

    static Stream<Arguments> servers() {
        return ItEnvironment.jdks().flatMap(jvm -> ServerCommand.tcpServers(RealServer.JETTY, RealServer.NETTY)
                .filter(server -> server.runsOn(jvm))
                .flatMap(server -> Stream.of("move", "removal").map(change -> Arguments.of(jvm, server, change))));
    }

    @ParameterizedTest(name = "{1} {2} on {0}")
    @MethodSource("servers")
    void everyConnectionToTheOldEndpointIsServedDuringTheWindow(ChildJvm jvm, ServerCommand server, String change)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("-javaagent:" + ItEnvironment.agentJar() + "=" + options(),
                "-Djava.io.tmpdir=" + workDir));
        args.addAll(server.command());
        try (ChildProcess child = jvm.start(args, Map.of(), workDir)) {
            EndpointClient old = new EndpointClient(server, HOST, PORT);
            await("served at " + OLD).atMost(WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> old.once() == EndpointClient.Outcome.ANSWERED);
            // The descriptors and threads of a server that has answered, and of the agent at work.
            child.awaitAgentStarted(WAIT);
            long pid = child.pid();
            List<String> fdsBefore = descriptors(pid);
            List<String> threads = child.threadNamesBesidesJvmWorkers();

            Clients clients = new Clients(old);
            if (change.equals("move")) {
                dns.update(SrvUpdate.movePort("_http._tcp.example.test.", 2, "host123.example.test.", PORT, PORT + 1));
            } else {
                dns.update("update delete _http._tcp.example.test. SRV 2 100 " + PORT + " host123.example.test.");
            }
            child.awaitStderr("the move, draining", lines -> lines.stream().anyMatch(l ->
                    l.contains("moved from " + OLD) && l.contains(OLD + " drains for " + TTL + " s")), WAIT);
            long windowSeen = System.nanoTime();
            long beforeTheWindow = clients.served.sum();
            if (change.equals("move")) {
                EndpointClient moved = new EndpointClient(server, HOST, PORT + 1);
                await("served at " + NEW).atMost(WAIT).pollInterval(Duration.ofMillis(50))
                        .until(() -> moved.once() == EndpointClient.Outcome.ANSWERED);
            }
            // Until half the window, counted from the move's line: every connection so far must have been served.
            clients.runUntil(windowSeen + Duration.ofSeconds(TTL).toNanos() / 2);
            clients.assertAllServed(child);
            assertTrue(clients.served.sum() > beforeTheWindow, "connections served in the window");

            child.awaitStderr("the end of the window", lines -> lines.stream().anyMatch(l ->
                    l.contains(OLD + " drained for")), WAIT);
            assertEquals(EndpointClient.Outcome.REFUSED, old.once(), "after the window the old endpoint refuses");
            assertFalse(child.stdout().contains("ERROR") || child.stderr().contains("Exception"), child.stderr());
            // Sockets, not every descriptor: what svccfg holds while it drains are sockets (the old one, connections,
            // doorbells); the JDK may open descriptors of its own under load (a virtual-thread poller's epoll).
            awaitSocketsBackTo(pid, fdsBefore);
            await("no svccfg-drain thread").atMost(WAIT).until(() -> !child.threadNames().contains("svccfg-drain"));
            if (!server.http() && !server.command().contains("--virtual")) {
                // The real servers' pools and the virtual threads' carriers may keep threads the load started.
                // The JIT and GC threads the load started are the JVM's to retire: counted are the others.
                try {
                    await("threads back to " + threads.size()).atMost(WAIT)
                            .until(() -> child.threadNamesBesidesJvmWorkers().size() <= threads.size());
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError("threads before " + threads + ", now "
                            + child.threadNamesBesidesJvmWorkers(), e);
                }
            }
        }
    }

    /**
     * A move during a window (A to B, then B to C) drains A and B, each for its own window: both keep answering
     * through the application, each as itself, and status lists both.
     */
    @OnEachJdk
    void aMoveDuringAWindowDrainsBothEndpointsLeft(ChildJvm jvm) {
        String third = HOST + ":" + (PORT + 2);
        try (DemoServer server = DemoServer.start(jvm, options() + ",drain=30s", "nio-selector", "--port", "8080")) {
            assertEquals(OLD, server.awaitListening());
            await("served at " + OLD).atMost(WAIT).until(() -> server.answers(OLD));
            dns.update(SrvUpdate.movePort("_http._tcp.example.test.", 2, "host123.example.test.", PORT, PORT + 1));
            server.child().awaitStderr("the first move", lines -> lines.stream().anyMatch(l ->
                    l.contains("moved from " + OLD + " to " + NEW)), WAIT);
            dns.update(SrvUpdate.movePort("_http._tcp.example.test.", 2, "host123.example.test.", PORT + 1,
                    PORT + 2));
            server.child().awaitStderr("the second move", lines -> lines.stream().anyMatch(l ->
                    l.contains("moved from " + NEW + " to " + third) && l.contains(NEW + " drains for 30 s")), WAIT);
            for (String endpoint : List.of(OLD, NEW, third)) {
                EndpointClient client = new EndpointClient(ServerCommand.demo("nio-selector"), HOST,
                        Integer.parseInt(endpoint.substring(endpoint.indexOf(':') + 1)));
                assertEquals(EndpointClient.Outcome.ANSWERED, client.once(), endpoint);
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> draining = (List<Map<String, Object>>) AgentStatus.of(jvm,
                    server.child().pid()).get("draining");
            assertEquals(List.of(OLD, NEW), draining.stream().map(d -> d.get("endpoint")).sorted().toList());
        }
    }

    /** The application closes (and reopens) its listener during the window: the window ends, nothing is left. */
    @OnEachJdk
    void aListenerClosedDuringTheWindowEndsItAndLeavesNoDescriptor(ChildJvm jvm) throws Exception {
        try (DemoServer server = DemoServer.start(jvm, options() + ",drain=30s", "nio-selector", "--reopen-on-stdin",
                "--port", "8080")) {
            assertEquals(OLD, server.awaitListening());
            await("served at " + OLD).atMost(WAIT).until(() -> server.answers(OLD));
            long pid = server.child().pid();
            // status starts the JMX connector in the child once, which keeps its descriptors: count after it.
            AgentStatus.of(jvm, pid);
            server.child().awaitAgentStarted(WAIT);
            long fds = count(Path.of("/proc/" + pid + "/fd"));
            dns.update(SrvUpdate.movePort("_http._tcp.example.test.", 2, "host123.example.test.", PORT, PORT + 1));
            server.child().awaitStderr("the move", lines -> lines.stream().anyMatch(l ->
                    l.contains("moved from " + OLD) && l.contains(OLD + " drains for 30 s")), WAIT);
            assertTrue(server.answers(OLD), "the old endpoint drains");
            // status shows the window: where, how long still, what it delivered.
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> draining = (List<Map<String, Object>>) AgentStatus.of(jvm, pid).get("draining");
            assertEquals(1, draining.size(), draining::toString);
            assertEquals(Map.of("listener", "http/tcp", "endpoint", OLD), Map.of("listener",
                    draining.get(0).get("listener"), "endpoint", draining.get(0).get("endpoint")));
            long left = AgentStatus.number(draining.get(0), "millisLeft");
            assertTrue(left > 0 && left <= 30_000, "millisLeft " + left);
            assertTrue(AgentStatus.number(draining.get(0), "delivered") >= 1, draining::toString);
            ChildProcess.Result text = jvm.run("-jar", ItEnvironment.agentJar().toString(), "status",
                    String.valueOf(pid));
            assertTrue(text.stdout().lines().anyMatch(l -> l.matches("\\s+http/tcp\\s+draining " + Pattern.quote(OLD)
                    + " for \\d+\\.\\d s more, \\d+ connections delivered")), text.describe());
            server.child().send("reopen");
            server.awaitListening(2);
            server.child().awaitStderr("the window's end", lines -> lines.stream().anyMatch(l ->
                    l.contains(OLD + " drained for") && l.contains("closed its listener")), WAIT);
            assertFalse(server.answers(OLD), "the old endpoint closed with the listener");
            await("descriptors back to " + fds).atMost(WAIT).until(() -> count(Path.of("/proc/" + pid + "/fd")) <= fds);
        }
    }

    private String options() {
        return "domain=example.test,dns=" + dns.hostPort() + ",address=" + HOST + ",flap-damping=10ms,poll=200ms";
    }

    /** Waits until the process holds no more sockets than {@code before} lists. */
    private static void awaitSocketsBackTo(long pid, List<String> before) throws IOException {
        long sockets = before.stream().filter(d -> d.startsWith("socket:")).count();
        try {
            await("sockets back to " + sockets).atMost(WAIT).until(() -> descriptors(pid).stream()
                    .filter(d -> d.startsWith("socket:")).count() <= sockets);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("descriptors before " + before + ", now " + descriptors(pid), e);
        }
    }

    /** What the process's descriptors refer to ({@code socket:[123]}, {@code anon_inode:[eventpoll]}, files). */
    private static List<String> descriptors(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException closed) {
                    return "closed";
                }
            }).filter(target -> !target.equals("closed")).sorted().toList();
        }
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.count();
        }
    }

    /** Clients connecting again and again to one endpoint, each checking what the application saw. */
    private static final class Clients {
        private final ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        private final LongAdder served = new LongAdder();
        private final Map<EndpointClient.Outcome, LongAdder> failures = new ConcurrentHashMap<>();
        private volatile boolean running = true;

        Clients(EndpointClient client) {
            for (int i = 0; i < CLIENTS; i++) {
                threads.execute(() -> {
                    while (running) {
                        EndpointClient.Outcome outcome = client.once();
                        if (outcome == EndpointClient.Outcome.ANSWERED) {
                            served.increment();
                        } else {
                            failures.computeIfAbsent(outcome, o -> new LongAdder()).increment();
                        }
                    }
                });
            }
        }

        void runUntil(long nanoTime) throws InterruptedException {
            threads.shutdown();
            // Not a synchronisation: the clients run for a while of the window by design.
            if (threads.awaitTermination(Math.max(0, nanoTime - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new AssertionError("the clients stopped early: " + failures);
            }
            running = false;
            assertTrue(threads.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS), "the clients stopped");
        }

        void assertAllServed(ChildProcess child) {
            assertTrue(served.sum() > 0, "connections served");
            assertTrue(failures.isEmpty(), served.sum() + " served, failures " + failures + "\n" + child.stderr());
        }
    }
}
