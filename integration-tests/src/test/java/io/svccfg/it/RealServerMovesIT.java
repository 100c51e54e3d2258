package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.svccfg.it.servers.RealServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hot reopen of real, unmodified servers (the JDK's HttpServer, Jetty, Netty, Tomcat; see {@link RealServer}): each
 * runs as a child JVM under the real agent ({@code poll=1s}) asking for the wildcard address and port 8080, while
 * {@code nsupdate} on a real BIND 9 moves its listener to another port, parks it, brings it back and moves it to
 * another address. The servers' own accept loops must follow without noticing.
 *
 * <p>Other integration tests run on this machine at the same time: this class uses only its own zone, ports
 * 28080-28099 and the addresses 127.0.0.131-127.0.0.136.
 */
class RealServerMovesIT {
    /** What every server asks for: a well-known http port, so the agent manages it and rewrites it. */
    private static final int ASKED_PORT = 8080;
    private static final String HOST = "127.0.0.133";
    /** The address host133's A record moves to; it is in the identity, so the listener follows it. */
    private static final String OTHER_HOST = "127.0.0.134";
    private static final int PORT = 28081;
    private static final int OTHER_PORT = 28082;
    private static final String SRV = "_http._tcp." + Bind9.FIG1_DOMAIN + ".";
    private static final String TARGET = "host133." + Bind9.FIG1_DOMAIN + ".";
    /** The TTL of the records: how long an endpoint left drains. */
    private static final int TTL = 3;
    private static final String ZONE = Bind9.zone("""
            _http._tcp  %1$d  SRV  1 100 28081 host133
            host133     %1$d  A    127.0.0.133
            """.formatted(TTL));

    /** A child JVM starts and the agent reads DNS in a few seconds; this leaves room for a slow, busy machine. */
    private static final Duration START = Duration.ofSeconds(30);
    /** poll=1s: a DNS change should be applied within a few polls (a parked listener polls every idle-poll, 5 s). */
    private static final Duration MOVE = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int READ_TIMEOUT_MS = 5_000;
    private static final Pattern PARKED = Pattern.compile(
            " moved from " + Pattern.quote(HOST + ":" + PORT) + " to 127\\.0\\.0\\.1:(\\d+) in ");

    /** The child's working directory and java.io.tmpdir: crash reports and Tomcat's base directory land here. */
    @TempDir
    Path workDir;

    @RegisterExtension
    final Bind9PerTest dns = new Bind9PerTest(ZONE);

    static Stream<Arguments> jdksAndServers() {
        return ItEnvironment.jdks().flatMap(jvm -> Arrays.stream(RealServer.values()).map(s -> Arguments.of(jvm, s)));
    }

    /**
     * Case 1: the SRV record's port changes; the listener moves there, the old port drains through the server for
     * the record's TTL, then refuses.
     */
    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("jdksAndServers")
    void aPortMoveIsServedAtTheNewPortAndTheOldOneDrainsThenRefuses(ChildJvm jvm, RealServer server) {
        try (ChildProcess child = startUnderAgent(jvm, server)) {
            awaitStarted(child, server);
            replaceSrvPort(PORT, OTHER_PORT);
            child.awaitAgentLine(" moved from " + HOST + ":" + PORT + " to " + HOST + ":" + OTHER_PORT + " in ", MOVE);
            assertDrains(child, server, HOST, PORT);
            awaitServed(child, server, HOST, OTHER_PORT);
            assertRefusedAfterTheWindow(child, HOST, PORT);
            assertNoFailure(child);
        }
    }

    /**
     * Case 2: a keep-alive connection accepted before a move is the application's own socket, not the listener's;
     * the move must leave it alone. Its local end stays the old endpoint, so the second answer still names it.
     */
    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("jdksAndServers")
    void aConnectionAcceptedBeforeAMoveKeepsWorking(ChildJvm jvm, RealServer server) throws IOException {
        try (ChildProcess child = startUnderAgent(jvm, server)) {
            awaitStarted(child, server);
            try (HttpConnection connection = HttpConnection.open(HOST, PORT)) {
                assertAnswer(child, server.answerAt(HOST, PORT), connection.get(), "first GET on the kept connection");
                replaceSrvPort(PORT, OTHER_PORT);
                child.awaitAgentLine(" moved from " + HOST + ":" + PORT + " to " + HOST + ":" + OTHER_PORT + " in ",
                        MOVE);
                HttpConnection.Answer second;
                try {
                    second = connection.get();
                } catch (IOException e) {
                    throw new AssertionError(describe(child, "second GET on the connection kept across the move: "
                            + e), e);
                }
                assertAnswer(child, server.answerAt(HOST, PORT), second, "second GET on the kept connection");
            }
            assertNoFailure(child);
        }
    }

    /** Case 3: the tuple goes away (the listener parks on loopback) and comes back (it returns to its endpoint). */
    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("jdksAndServers")
    void aRemovedTupleParksAndItsReturnReopens(ChildJvm jvm, RealServer server) {
        try (ChildProcess child = startUnderAgent(jvm, server)) {
            awaitStarted(child, server);
            dns.update("update delete " + SRV + " SRV 1 100 " + PORT + " " + TARGET);
            child.awaitStderr("the agent's line: moved from " + HOST + ":" + PORT + " to 127.0.0.1:PORT in",
                    lines -> lines.stream().anyMatch(l -> PARKED.matcher(l).find()), MOVE);
            int parkedPort = parkedPort(child.stderr());
            assertDrains(child, server, HOST, PORT);
            awaitServed(child, server, "127.0.0.1", parkedPort);
            assertRefusedAfterTheWindow(child, HOST, PORT);
            dns.update("update add " + SRV + " 60 SRV 1 100 " + PORT + " " + TARGET);
            awaitServed(child, server, HOST, PORT);
            assertNoFailure(child);
        }
    }

    /** Case 4: the SRV target's A record moves to another address of this host; the listener follows it. */
    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("jdksAndServers")
    void anAddressMoveFollowsTheTargetsARecord(ChildJvm jvm, RealServer server) {
        try (ChildProcess child = startUnderAgent(jvm, server)) {
            awaitStarted(child, server);
            dns.update("update delete " + TARGET + " A\nupdate add " + TARGET + " 60 A " + OTHER_HOST);
            child.awaitAgentLine(" moved from " + HOST + ":" + PORT + " to " + OTHER_HOST + ":" + PORT + " in ", MOVE);
            assertDrains(child, server, HOST, PORT);
            awaitServed(child, server, OTHER_HOST, PORT);
            assertRefusedAfterTheWindow(child, HOST, PORT);
            assertNoFailure(child);
        }
    }

    // --- helpers ---

    /**
     * Starts {@code server} asking for port 8080 under the agent, host133's address and the one its A record moves to
     * as the identity. Closing the child (try-with-resources) waits until it has exited, so that the next test finds
     * the fixed ports free.
     */
    private ChildProcess startUnderAgent(ChildJvm jvm, RealServer server) {
        String agent = "-javaagent:" + ItEnvironment.agentJar() + "=domain=" + Bind9.FIG1_DOMAIN + ",dns="
                + dns.hostPort() + ",address=" + HOST + ",address=" + OTHER_HOST + ",poll=1s";
        // The class path of this JVM holds the servers of io.svccfg.it.servers and their libraries (test scope).
        List<String> args = List.of(agent, "-Djava.io.tmpdir=" + workDir, "-cp", System.getProperty("java.class.path"),
                server.mainClass(), String.valueOf(ASKED_PORT));
        return jvm.start(args, Map.of(), workDir);
    }

    /** Replaces host133's SRV record by one on {@code newPort}, in one update, so no read sees none. */
    private void replaceSrvPort(int oldPort, int newPort) {
        dns.update(SrvUpdate.movePort(SRV, 1, TARGET, oldPort, newPort));
    }

    /**
     * Waits until GET http://HOST:PORT/ on a new connection answers 200 with the body that names HOST:PORT as the
     * local address. Only "no answer yet" (refused, reset, timed out) is worth waiting on: any HTTP answer decides.
     */
    private static void awaitServed(ChildProcess child, RealServer server, String host, int port) {
        awaitServed(child, server, host, port, MOVE);
    }

    /** The server started and serves where the zone first assigns it. */
    private static void awaitStarted(ChildProcess child, RealServer server) {
        awaitServed(child, server, HOST, PORT, START);
    }

    private static void awaitServed(ChildProcess child, RealServer server, String host, int port, Duration timeout) {
        AtomicReference<HttpConnection.Answer> answer = new AtomicReference<>();
        AtomicReference<String> lastError = new AtomicReference<>("none");
        String what = "GET http://" + host + ":" + port + "/";
        try {
            await("an answer to " + what).atMost(timeout).pollInterval(POLL).until(() -> {
                if (!child.isAlive()) {
                    throw new IllegalStateException("the server exited");
                }
                try (HttpConnection connection = HttpConnection.open(host, port)) {
                    answer.set(connection.get());
                    return true;
                } catch (IOException e) {
                    lastError.set(e.toString());
                    return false;
                }
            });
        } catch (ConditionTimeoutException | IllegalStateException e) {
            throw new AssertionError(describe(child, what + " got no answer: " + e.getMessage() + "; last error: "
                    + lastError.get()), e);
        }
        assertAnswer(child, server.answerAt(host, port), answer.get(), what);
    }

    private static void assertAnswer(ChildProcess child, String expectedBody, HttpConnection.Answer answer,
            String what) {
        assertEquals(200, answer.status(), () -> describe(child, "status of " + what + ": " + answer));
        assertEquals(expectedBody, answer.body(), () -> describe(child, "body of " + what));
    }

    /**
     * The endpoint the listener just left drains: a new connection there is still answered by the server, which sees
     * the old endpoint as its local address (the answer names it), and the agent said for how long.
     */
    private static void assertDrains(ChildProcess child, RealServer server, String host, int port) {
        child.awaitAgentLine(host + ":" + port + " drains for " + TTL + " s", MOVE);
        try (HttpConnection connection = HttpConnection.open(host, port)) {
            assertAnswer(child, server.answerAt(host, port), connection.get(), "GET on the draining endpoint");
        } catch (IOException e) {
            throw new AssertionError(describe(child, host + ":" + port + " should drain: " + e), e);
        }
    }

    /** Once the agent has closed the endpoint at the end of its window, it refuses. */
    private static void assertRefusedAfterTheWindow(ChildProcess child, String host, int port) {
        child.awaitAgentLine(host + ":" + port + " drained for ", MOVE);
        assertRefused(child, host, port);
    }

    /** Nothing listens on HOST:PORT: a connection is refused. */
    private static void assertRefused(ChildProcess child, String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            fail(describe(child, "something listens on " + host + ":" + port + ", nothing should"));
        } catch (ConnectException e) {
            // Refused: nothing there, as expected.
        } catch (IOException e) {
            fail(describe(child, "connecting to " + host + ":" + port + " should be refused, got " + e), e);
        }
    }

    /** The server ran normally under the agent: alive, no exception, no agent error, no JVM crash report. */
    private void assertNoFailure(ChildProcess child) {
        assertTrue(child.isAlive(), () -> describe(child, "the server should still run"));
        List<String> bad = child.stderr().lines().filter(l -> l.contains("Exception") || l.contains("START FAILED")
                || (l.startsWith("svccfg ") && l.contains(" ERROR "))).toList();
        assertEquals(List.of(), bad, () -> describe(child, "lines that say something failed"));
        try (Stream<Path> files = Files.list(workDir)) {
            List<Path> crashReports = files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList();
            assertEquals(List.of(), crashReports, () -> describe(child, "JVM crash reports"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The port of the agent's last "moved from HOST:PORT to 127.0.0.1:P in" line. */
    private static int parkedPort(String stderr) {
        Integer last = null;
        for (Matcher m = PARKED.matcher(stderr); m.find(); ) {
            last = Integer.parseInt(m.group(1));
        }
        assertTrue(last != null, stderr);
        return last;
    }

    /** A failure message with everything the child wrote so far. */
    private static String describe(ChildProcess child, String what) {
        return what + "\n--- child stdout ---\n" + child.stdout() + "\n--- child stderr ---\n"
                + child.stderr().lines().collect(Collectors.joining("\n"));
    }

    /**
     * One HTTP/1.1 connection driven by hand. java.net.http.HttpClient pools connections: a pooled connection to an
     * old endpoint would answer after a move and hide whether a new connection reaches the endpoint, and it would not
     * say whether two requests really shared one connection.
     */
    private static final class HttpConnection implements AutoCloseable {
        record Answer(int status, String body) {
        }

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        private HttpConnection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        static HttpConnection open(String host, int port) throws IOException {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
                socket.setSoTimeout(READ_TIMEOUT_MS);
                return new HttpConnection(socket);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        /** GET / and its whole answer, read by Content-Length so that the connection stays usable for the next. */
        Answer get() throws IOException {
            out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = readLine();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP status line: " + statusLine);
            }
            int length = -1;
            StringBuilder headers = new StringBuilder();
            for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                headers.append(line).append('\n');
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            if (length < 0) {
                throw new IOException("no Content-Length in the answer: " + statusLine + "\n" + headers);
            }
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                throw new EOFException("the body ended after " + body.length + " of " + length + " bytes");
            }
            return new Answer(Integer.parseInt(parts[1]), new String(body, StandardCharsets.UTF_8));
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("the server closed the connection");
                }
                line.write(b);
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
