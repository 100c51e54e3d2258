package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.svccfg.it.servers.RealServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real, unmodified servers (the JDK's HttpServer, Jetty, Netty, Tomcat; see {@link RealServer}) under the real agent
 * jar, each asking for the wildcard address and port 8080 (http), against BIND serving the patent's FIG. 1. A real
 * HTTP client checks where each one really serves: the body names the local address of the connection.
 */
class RealServersIT {
    /** What every server asks for: a well-known http port, so the agent manages it. */
    private static final int ASKED_PORT = 8080;
    /** A child JVM starts and the agent reads DNS in a few seconds; this leaves room for a slow, busy machine. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** The agent's line for a parked listener: {@code ... http/tcp asked 0.0.0.0:8080, parked at 127.0.0.1:PORT...}. */
    private static final Pattern PARKED = Pattern.compile("http/tcp asked .*parked at 127\\.0\\.0\\.1:(\\d+)");

    private static Bind9 fig1;
    /** HTTP/1.1: the default HTTP/2 would add an h2c upgrade to every request, which is not what is tested here. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT).proxy(HttpClient.Builder.NO_PROXY).build();

    /** The child's working directory and java.io.tmpdir: crash reports and Tomcat's base directory land here. */
    @TempDir
    Path workDir;

    @BeforeAll
    static void startDns() {
        fig1 = Bind9.startFig1();
    }

    @AfterAll
    static void stopDns() {
        if (fig1 != null) {
            fig1.close();
        }
    }

    static Stream<Arguments> jdksAndServers() {
        return ItEnvironment.jdks().flatMap(jvm -> Arrays.stream(RealServer.values()).map(s -> Arguments.of(jvm, s)));
    }

    /** FIG. 1: host123 serves http at priority 2 on 18081; the server asked for 8080 and gets 18081 instead. */
    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("jdksAndServers")
    void anAssignedServerServesWhereItsTupleSays(ChildJvm jvm, RealServer server) {
        try (ChildProcess child = startUnderAgent(jvm, server, "address=127.0.0.123")) {
            awaitServed(child, server, "127.0.0.123", 18081);
            child.awaitStderr("the agent's line: http/tcp asked ..., active at 127.0.0.123:18081",
                    lines -> hasAgentLine(lines, "http/tcp asked", "active at 127.0.0.123:18081"), WAIT);
            assertRefused(child, "127.0.0.123", ASKED_PORT);
            assertNoFailure(child);
        }
    }

    /**
     * FIG. 1: host121 and host122 both serve http on 18080. A host that is both gets one socket on the wildcard
     * address, port 18080, which serves both endpoints.
     */
    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("jdksAndServers")
    void aServerWithTwoEndpointsOnOnePortServesBoth(ChildJvm jvm, RealServer server) {
        try (ChildProcess child = startUnderAgent(jvm, server, "address=127.0.0.121,address=127.0.0.122")) {
            awaitServed(child, server, "127.0.0.121", 18080);
            awaitServed(child, server, "127.0.0.122", 18080);
            assertRefused(child, "127.0.0.121", ASKED_PORT);
            assertNoFailure(child);
        }
    }

    /** FIG. 1: host125 is assigned nothing. The server still runs, but only on loopback, on a port of the kernel's. */
    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("jdksAndServers")
    void anUnassignedServerIsParkedOnLoopback(ChildJvm jvm, RealServer server) {
        try (ChildProcess child = startUnderAgent(jvm, server, "address=127.0.0.125")) {
            child.awaitStderr("the agent's line: http/tcp asked ..., parked at 127.0.0.1:PORT",
                    lines -> parkedPort(lines).isPresent(), WAIT);
            int parkedPort = parkedPort(child.stderr().lines().toList()).orElseThrow();
            awaitServed(child, server, "127.0.0.1", parkedPort);
            // Parked means bound to 127.0.0.1 itself, not the wildcard: the host's own address does not reach it.
            assertRefused(child, "127.0.0.125", parkedPort);
            assertRefused(child, "127.0.0.125", 18080);
            assertRefused(child, "127.0.0.125", 18081);
            assertRefused(child, "127.0.0.125", ASKED_PORT);
            assertNoFailure(child);
        }
    }

    /** With {@code unassigned=passthrough}, an unassigned server binds as it asked: the wildcard address, 8080. */
    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("jdksAndServers")
    void anUnassignedServerWithPassthroughBindsAsItAsked(ChildJvm jvm, RealServer server) {
        try (ChildProcess child = startUnderAgent(jvm, server, "address=127.0.0.125,unassigned=passthrough")) {
            awaitServed(child, server, "127.0.0.1", ASKED_PORT);
            // The wildcard, as asked, so every local address reaches it.
            awaitServed(child, server, "127.0.0.125", ASKED_PORT);
            assertNoFailure(child);
        }
    }

    // --- helpers ---

    /**
     * Starts {@code server} asking for port 8080, under the agent with FIG. 1's DNS and {@code agentOptions}. Closing
     * the child (try-with-resources) waits until it has exited, so that the next test finds the fixed ports free.
     */
    private ChildProcess startUnderAgent(ChildJvm jvm, RealServer server, String agentOptions) {
        String agent = "-javaagent:" + ItEnvironment.agentJar() + "=domain=" + Bind9.FIG1_DOMAIN + ",dns="
                + fig1.hostPort() + "," + agentOptions;
        List<String> args = List.of(agent, "-Djava.io.tmpdir=" + workDir, "-cp", serverClasspath(),
                server.mainClass(), String.valueOf(ASKED_PORT));
        return jvm.start(args, Map.of(), workDir);
    }

    /** This JVM's class path: the servers of io.svccfg.it.servers and their libraries (test scope). */
    private static String serverClasspath() {
        return System.getProperty("java.class.path");
    }

    /**
     * Waits until GET http://HOST:PORT/ answers 200 with the body that names HOST:PORT as the local address. Only
     * "no answer yet" (refused, timed out) is worth waiting on: any HTTP answer decides at once.
     */
    private static void awaitServed(ChildProcess child, RealServer server, String host, int port) {
        String expected = server.answerAt(host, port);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
        AtomicReference<String> lastError = new AtomicReference<>("none");
        try {
            await("an answer from " + request.uri()).atMost(WAIT).pollInterval(POLL).until(() -> {
                if (!child.isAlive()) {
                    throw new IllegalStateException("the server exited");
                }
                try {
                    answer.set(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
                    return true;
                } catch (IOException e) {
                    lastError.set(e.toString());
                    return false;
                }
            });
        } catch (ConditionTimeoutException | IllegalStateException e) {
            throw new AssertionError(describe(child, "GET " + request.uri() + " got no answer: " + e.getMessage()
                    + "; last error: " + lastError.get()), e);
        }
        HttpResponse<String> response = answer.get();
        assertEquals(200, response.statusCode(), () -> describe(child, "status of GET " + request.uri()));
        assertEquals(expected, response.body(), () -> describe(child, "body of GET " + request.uri()));
    }

    /** Nothing listens on HOST:PORT: a connection is refused (checked once the server is up, so its binds are done). */
    private static void assertRefused(ChildProcess child, String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
            fail(describe(child, "something listens on " + host + ":" + port + ", nothing should"));
        } catch (ConnectException e) {
            // Refused: nothing there, as expected.
        } catch (IOException e) {
            fail(describe(child, "connecting to " + host + ":" + port + " should be refused, got " + e), e);
        }
    }

    /** The server ran normally under the agent: no exception, no agent error, no JVM crash report. */
    private void assertNoFailure(ChildProcess child) {
        assertTrue(child.isAlive(), () -> describe(child, "the server should still run"));
        String stderr = child.stderr();
        List<String> bad = stderr.lines().filter(l -> l.contains("Exception") || l.contains("START FAILED")
                || (l.startsWith("svccfg ") && l.contains(" ERROR "))).toList();
        assertEquals(List.of(), bad, () -> describe(child, "lines that say something failed"));
        try (Stream<Path> files = Files.list(workDir)) {
            List<Path> crashReports = files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList();
            assertEquals(List.of(), crashReports, () -> describe(child, "JVM crash reports"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The port of the agent's "parked at 127.0.0.1:PORT" line for http/tcp, if it has logged one. */
    private static Optional<Integer> parkedPort(List<String> stderrLines) {
        return stderrLines.stream().filter(l -> l.startsWith("svccfg ")).map(PARKED::matcher).filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1))).findFirst();
    }

    /** A line of the agent's log ({@code svccfg HH:mm:ss.SSS LEVEL ...}) that mentions all of {@code words}. */
    private static boolean hasAgentLine(List<String> lines, String... words) {
        return lines.stream().anyMatch(l -> l.startsWith("svccfg ") && Stream.of(words).allMatch(l::contains));
    }

    /** A failure message with everything the child wrote so far. */
    private static String describe(ChildProcess child, String what) {
        return what + "\n--- child stdout ---\n" + child.stdout() + "\n--- child stderr ---\n"
                + child.stderr().lines().collect(Collectors.joining("\n"));
    }
}
