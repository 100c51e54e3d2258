package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.svccfg.it.servers.GrpcServer;
import io.svccfg.it.servers.NettyEpollUdpServer;
import io.svccfg.it.servers.NettyIoUringServer;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Servers on Netty's native transports under the real agent, with a real BIND 9: a gRPC server on
 * {@code grpc-netty-shaded} (a relocated Netty on epoll) moved, parked and brought back while a client keeps
 * calling it; Netty's {@code EpollDatagramChannel} moved; Netty's io_uring transport bound where DNS says and left
 * in place, with the reason logged, when DNS moves it. Netty on {@code EpollServerSocketChannel} and Vert.x with its
 * native transport run through every case of {@link RealServerMovesIT}.
 *
 * <p>Other integration tests run on this machine at the same time: this class uses only its own zone, ports
 * 28181-28189 and the addresses 127.0.0.183-127.0.0.184.
 */
class NativeTransportsIT {
    private static final String HOST = "127.0.0.183";
    private static final String TARGET = "host183." + Bind9.FIG1_DOMAIN + ".";
    private static final int GRPC_PORT = 28181;
    private static final int GRPC_OTHER_PORT = 28182;
    private static final int UDP_PORT = 28183;
    private static final int UDP_OTHER_PORT = 28184;
    private static final int HTTP_PORT = 28185;
    private static final int HTTP_OTHER_PORT = 28186;
    private static final String GRPC_SRV = "_grpc._tcp." + Bind9.FIG1_DOMAIN + ".";
    private static final String SIP_SRV = "_sip._udp." + Bind9.FIG1_DOMAIN + ".";
    private static final String HTTP_SRV = "_http._tcp." + Bind9.FIG1_DOMAIN + ".";
    private static final String ZONE = Bind9.zone("""
            _grpc._tcp  2  SRV  1 100 28181 host183
            _sip._udp   2  SRV  1 100 28183 host183
            _http._tcp  2  SRV  1 100 28185 host183
            host183     2  A    127.0.0.183
            """);
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration MOVE = Duration.ofSeconds(20);

    @TempDir
    Path workDir;

    @RegisterExtension
    final Bind9PerTest dns = new Bind9PerTest(ZONE);

    /**
     * gRPC's own Netty copy on epoll: bound where DNS says, then moved to another port, parked and brought back,
     * while one client keeps calling on the connection it opened first (which no move may touch) and new clients
     * reach each new endpoint.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.svccfg.it.ItEnvironment#jdks")
    void aGrpcServerOnShadedEpollFollowsDnsWhileAClientKeepsCalling(ChildJvm jvm) throws Exception {
        try (ChildProcess child = startUnderAgent(jvm, GrpcServer.class, 50051, "service=grpc:50051");
                KeepCalling caller = new KeepCalling(HOST, GRPC_PORT)) {
            awaitHealthy(child, HOST, GRPC_PORT, START);
            assertSocketType(jvm, child, "io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel");
            caller.start();

            dns.update(SrvUpdate.movePort(GRPC_SRV, 1, TARGET, GRPC_PORT, GRPC_OTHER_PORT));
            child.awaitAgentLine(" moved from " + HOST + ":" + GRPC_PORT + " to " + HOST + ":" + GRPC_OTHER_PORT, MOVE);
            awaitHealthy(child, HOST, GRPC_OTHER_PORT, MOVE);
            child.awaitAgentLine(HOST + ":" + GRPC_PORT + " drained for ", MOVE);

            dns.update("update delete " + GRPC_SRV + " SRV 1 100 " + GRPC_OTHER_PORT + " " + TARGET);
            child.awaitStderr("the agent's line: moved to 127.0.0.1:PORT", lines -> lines.stream()
                    .anyMatch(l -> l.contains(" moved from " + HOST + ":" + GRPC_OTHER_PORT + " to 127.0.0.1:")), MOVE);
            Matcher parked = Pattern.compile(" to 127\\.0\\.0\\.1:(\\d+) in ").matcher(child.stderr());
            int parkedPort = 0;
            while (parked.find()) {
                parkedPort = Integer.parseInt(parked.group(1));
            }
            awaitHealthy(child, "127.0.0.1", parkedPort, MOVE);

            dns.update("update add " + GRPC_SRV + " 2 SRV 1 100 " + GRPC_PORT + " " + TARGET);
            awaitHealthy(child, HOST, GRPC_PORT, MOVE);

            caller.stop();
            assertTrue(caller.calls() > 10, () -> describe(child, "the client made only " + caller.calls() + " calls"));
            assertEquals(0, caller.failures(), () -> describe(child, "failed calls of the client that kept calling: "
                    + caller.lastFailure()));
            assertNoFailure(child);
        }
    }

    /** Netty's EpollDatagramChannel: answers where DNS says, then at the port DNS moves it to, from there. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.svccfg.it.ItEnvironment#jdks")
    void anEpollDatagramChannelMovesWhereDnsSays(ChildJvm jvm) {
        try (ChildProcess child = startUnderAgent(jvm, NettyEpollUdpServer.class, 5060, "service=sip:5060")) {
            awaitEcho(child, UDP_PORT, START);
            dns.update(SrvUpdate.movePort(SIP_SRV, 1, TARGET, UDP_PORT, UDP_OTHER_PORT));
            child.awaitAgentLine(" moved from " + HOST + ":" + UDP_PORT + " to " + HOST + ":" + UDP_OTHER_PORT, MOVE);
            awaitEcho(child, UDP_OTHER_PORT, MOVE);
            assertNoFailure(child);
        }
    }

    /**
     * Netty's io_uring transport: bound where DNS says; when DNS moves it, it stays where it is, and the agent says
     * why. Skipped, with the kernel's reason, only where the kernel refuses io_uring.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.svccfg.it.ItEnvironment#jdks")
    void theIoUringTransportIsBoundWhereDnsSaysAndStaysWithAReason(ChildJvm jvm) throws Exception {
        try (ChildProcess child = startUnderAgent(jvm, NettyIoUringServer.class, 8080, "service=http:8080")) {
            awaitIoUringStarted(child);
            assertEquals("netty-io_uring served at " + HOST + ":" + HTTP_PORT, httpBody(HOST, HTTP_PORT),
                    () -> describe(child, "the answer where DNS assigns the listener"));

            dns.update(SrvUpdate.movePort(HTTP_SRV, 1, TARGET, HTTP_PORT, HTTP_OTHER_PORT));
            child.awaitAgentLine("Netty's io_uring transport keeps its accept or receive in flight", MOVE);
            assertEquals("netty-io_uring served at " + HOST + ":" + HTTP_PORT, httpBody(HOST, HTTP_PORT),
                    () -> describe(child, "the answer where the listener stays"));
            assertNoFailure(child);
        }
    }

    /** Netty's io_uring transport, with no tuple for its service: parked on loopback at its bind. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.svccfg.it.ItEnvironment#jdks")
    void theIoUringTransportIsParkedAtItsBindWhenDnsAssignsNothing(ChildJvm jvm) throws Exception {
        try (ChildProcess child = startUnderAgent(jvm, NettyIoUringServer.class, 8443, "service=https:8443")) {
            awaitIoUringStarted(child);
            Pattern line = Pattern.compile("https/tcp asked 0\\.0\\.0\\.0:8443, parked at 127\\.0\\.0\\.1:(\\d+)");
            child.awaitStderr("the agent's line: parked at 127.0.0.1:PORT",
                    lines -> lines.stream().anyMatch(l -> line.matcher(l).find()), START);
            Matcher parked = line.matcher(child.stderr());
            assertTrue(parked.find());
            int port = Integer.parseInt(parked.group(1));
            assertEquals("netty-io_uring served at 127.0.0.1:" + port, httpBody("127.0.0.1", port),
                    () -> describe(child, "the answer on the parking spot"));
            assertNoFailure(child);
        }
    }

    /**
     * Waits until the io_uring server listens; skips the test, with the kernel's reason in the report, when the
     * kernel refuses io_uring (the server then says so and exits).
     */
    private static void awaitIoUringStarted(ChildProcess child) {
        await().atMost(START).until(() -> !child.isAlive() || child.stdout().contains("listening")
                || child.stdout().contains(NettyIoUringServer.UNAVAILABLE));
        String unavailable = child.stdout().lines().filter(l -> l.startsWith(NettyIoUringServer.UNAVAILABLE))
                .findFirst().orElse(null);
        Assumptions.assumeTrue(unavailable == null, () -> "this kernel refuses io_uring: " + unavailable);
        assertTrue(child.isAlive(), () -> describe(child, "the io_uring server did not start"));
    }

    // --- helpers ---

    private ChildProcess startUnderAgent(ChildJvm jvm, Class<?> server, int askedPort, String service) {
        String agent = "-javaagent:" + ItEnvironment.agentJar() + "=domain=" + Bind9.FIG1_DOMAIN + ",dns="
                + dns.hostPort() + ",address=" + HOST + ",poll=1s," + service;
        return jvm.start(List.of(agent, "-Djava.io.tmpdir=" + workDir, "-cp", System.getProperty("java.class.path"),
                server.getName(), String.valueOf(askedPort)), Map.of(), workDir);
    }

    /** The standard gRPC health check at {@code host:port}, on a new connection, answers SERVING. */
    private static void awaitHealthy(ChildProcess child, String host, int port, Duration timeout) {
        AtomicReference<String> last = new AtomicReference<>("none");
        try {
            await("gRPC health at " + host + ":" + port).atMost(timeout).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        ManagedChannel channel = NettyChannelBuilder.forAddress(new InetSocketAddress(host, port))
                                .usePlaintext().build();
                        try {
                            return check(channel) == HealthCheckResponse.ServingStatus.SERVING;
                        } catch (RuntimeException e) {
                            last.set(e.toString());
                            return false;
                        } finally {
                            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                        }
                    });
        } catch (RuntimeException e) {
            throw new AssertionError(describe(child, "gRPC health at " + host + ":" + port + ": " + e.getMessage()
                    + "; last error: " + last.get()), e);
        }
    }

    private static HealthCheckResponse.ServingStatus check(ManagedChannel channel) {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance()).getStatus();
    }

    /** A client that calls the health service every 20 ms on the one connection it opened first. */
    private static final class KeepCalling implements AutoCloseable {
        private final ManagedChannel channel;
        private final AtomicLong calls = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private final AtomicReference<String> lastFailure = new AtomicReference<>("none");
        private volatile boolean running = true;
        private Thread thread;

        KeepCalling(String host, int port) {
            channel = NettyChannelBuilder.forAddress(new InetSocketAddress(host, port)).usePlaintext().build();
        }

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    try {
                        check(channel);
                        calls.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        lastFailure.set(e.toString());
                    }
                    try {
                        Thread.sleep(20); // the pace of the client's calls, not a synchronisation
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "keep-calling");
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long calls() {
            return calls.get();
        }

        long failures() {
            return failures.get();
        }

        String lastFailure() {
            return lastFailure.get();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join();
            }
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** A datagram to HOST:{@code port} is answered with the body that names HOST:{@code port}. */
    private static void awaitEcho(ChildProcess child, int port, Duration timeout) {
        String expected = "netty-epoll-udp served at " + HOST + ":" + port;
        AtomicReference<String> last = new AtomicReference<>("none");
        try {
            await("an answer from " + HOST + ":" + port).atMost(timeout).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        try (DatagramSocket socket = new DatagramSocket()) {
                            socket.setSoTimeout(500);
                            byte[] ask = "hello".getBytes(StandardCharsets.US_ASCII);
                            socket.send(new DatagramPacket(ask, ask.length, new InetSocketAddress(HOST, port)));
                            DatagramPacket answer = new DatagramPacket(new byte[512], 512);
                            socket.receive(answer);
                            last.set(new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8));
                            return expected.equals(last.get());
                        } catch (SocketTimeoutException | java.net.PortUnreachableException e) {
                            last.set(e.toString());
                            return false;
                        }
                    });
        } catch (RuntimeException e) {
            throw new AssertionError(describe(child, "UDP at " + HOST + ":" + port + ": " + e.getMessage()
                    + "; last answer: " + last.get()), e);
        }
    }

    private static String httpBody(String host, int port) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** {@code status --json} names the class of the application's listener. */
    @SuppressWarnings("unchecked")
    private static void assertSocketType(ChildJvm jvm, ChildProcess child, String type) {
        Map<String, Object> status = AgentStatus.of(jvm, child.pid());
        List<Map<String, Object>> listeners = (List<Map<String, Object>>) status.get("listeners");
        assertTrue(listeners.stream().anyMatch(l -> type.equals(l.get("socketType"))),
                () -> describe(child, "no listener of type " + type + " in " + status));
    }

    private void assertNoFailure(ChildProcess child) {
        assertTrue(child.isAlive(), () -> describe(child, "the server should still run"));
        List<String> bad = child.stderr().lines().filter(l -> l.contains("Exception") || l.contains("START FAILED")
                || (l.startsWith("svccfg ") && l.contains(" ERROR "))).toList();
        assertEquals(List.of(), bad, () -> describe(child, "lines that say something failed"));
    }

    private static String describe(ChildProcess child, String what) {
        return what + "\n--- child stdout ---\n" + child.stdout() + "\n--- child stderr ---\n"
                + child.stderr().lines().collect(Collectors.joining("\n"));
    }
}
