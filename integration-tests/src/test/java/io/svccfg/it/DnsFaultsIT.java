package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A DNS server that goes away, or stops answering, never costs the application its listener: a failed read keeps the
 * last good tuples (a warning per poll, no move), and the first good read after the fault applies the DNS as it is
 * then. A TCP (server-socket) and a UDP (datagram-socket) demo server run side by side under the real agent with
 * {@code poll=1s}, assigned 127.0.0.143:38081, through (a) BIND killed, (b) a DNS server that receives and never
 * answers, on BIND's port, UDP and TCP, and (c) answers again, from a new BIND whose zone moved the services.
 *
 * <p>(c) cannot start a new BIND on the old port ({@link Bind9} picks its own port), so the silent stand-in on the
 * old port becomes a relay to the new BIND: to the agent, its DNS server at the same address answers again.
 */
class DnsFaultsIT {
    private static final String ENDPOINT = "127.0.0.143:38081";
    private static final String MOVED = "127.0.0.143:38083";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int POLLS = 5;

    /** The zone with its SRV records on {@code port}; the serial is the port, so that each version has its own. */
    private static String zone(int port) {
        return """
                $ORIGIN example.test.
                $TTL 60
                @           SOA  ns1 hostmaster %1$d 3600 600 86400 60
                @           NS   ns1
                ns1         A    127.0.0.1
                _http._tcp  SRV  1 100 %1$d host143
                _sip._udp   SRV  1 100 %1$d host143
                host143     A    127.0.0.143
                """.formatted(port);
    }

    static Stream<ChildJvm> jdks() {
        return ItEnvironment.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aDnsServerThatIsGoneOrSilentKeepsTheListenersAndItsReturnMovesThem(ChildJvm jvm) throws IOException {
        Bind9 first = Bind9.start(Bind9.FIG1_DOMAIN, zone(38081));
        int dnsPort = first.port();
        String agent = "domain=example.test,dns=" + first.hostPort()
                + ",address=127.0.0.143,poll=1s,log=debug,drain=off";
        try (first;
                DemoServer tcp = DemoServer.start(jvm, agent, "server-socket", "--port", "8080");
                DemoServer udp = DemoServer.start(jvm, agent, "datagram-socket", "--port", "5060")) {
            List<DemoServer> servers = List.of(tcp, udp);
            for (DemoServer server : servers) {
                assertEquals(ENDPOINT, server.awaitListening());
                awaitServing(server, ENDPOINT);
            }

            // (a) BIND is killed: every read fails fast (ICMP port unreachable), the listeners stay and answer.
            first.stop();
            keepServingThrough(servers, "refused the query (nothing listens there)");

            // (b) Something on BIND's port receives every query, UDP and TCP, and never answers: reads time out.
            try (DnsStandIn standIn = new DnsStandIn(dnsPort)) {
                keepServingThrough(servers, "timed out after");

                // (c) DNS answers again, with the services moved to 38083: the listeners follow.
                try (Bind9 second = Bind9.start(Bind9.FIG1_DOMAIN, zone(38083))) {
                    standIn.relayTo(second.port());
                    for (DemoServer server : servers) {
                        awaitServing(server, MOVED);
                        assertFalse(server.answers(ENDPOINT), "the old endpoint refuses");
                        ChildProcess child = server.child();
                        // The new endpoint may answer a moment before the agent has logged its move.
                        String moved = " moved from " + ENDPOINT + " to " + MOVED;
                        child.awaitStderr("the move logged", l -> lines(String.join("\n", l), moved) >= 1, WAIT);
                        assertEquals(1, lines(child.stderr(), moved), child.stderr());
                        assertFalse(child.stdout().contains("ERROR"), child.stdout());
                        assertEquals(1, lines(child.stdout(), "LISTENING "), "the application reopened nothing");
                    }
                }
            }
            for (DemoServer server : servers) {
                System.out.println("--- stderr of " + server.child().pid() + " ---\n" + server.child().stderr());
            }
        }
    }

    /**
     * Waits for {@value #POLLS} more failed reads whose warning contains {@code failure} in each server's agent,
     * asking every server all along: each answers from {@link #ENDPOINT}, and no agent moves anything.
     */
    private static void keepServingThrough(List<DemoServer> servers, String failure) {
        List<Long> before = servers.stream().map(s -> failedReads(s, failure)).toList();
        List<String> problems = new CopyOnWriteArrayList<>();
        await(POLLS + " failed reads (" + failure + ")").atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            boolean enough = true;
            for (int i = 0; i < servers.size(); i++) {
                DemoServer server = servers.get(i);
                String answer = requestQuietly(server, ENDPOINT);
                if (answer == null || !answer.contains("LISTENER=" + ENDPOINT + " ")) {
                    problems.add(server.child().pid() + " answered " + answer);
                }
                enough &= failedReads(server, failure) >= before.get(i) + POLLS;
            }
            return enough || !problems.isEmpty();
        });
        for (DemoServer server : servers) {
            ChildProcess child = server.child();
            String report = "\n--- stdout ---\n" + child.stdout() + "\n--- stderr ---\n" + child.stderr();
            assertTrue(problems.isEmpty(), "while DNS " + failure + ": " + problems + report);
            assertEquals(0, lines(child.stderr(), " moved from "), "no move while DNS fails" + report);
            assertTrue(child.isAlive(), report);
        }
    }

    /** Failed reads: warned once a minute, each one at debug level (hence log=debug). */
    private static long failedReads(DemoServer server, String failure) {
        return server.child().stderr().lines()
                .filter(l -> l.contains("DNS read failed") && l.contains(failure)).count();
    }

    private static String requestQuietly(DemoServer server, String at) {
        try {
            return server.request(at);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void awaitServing(DemoServer server, String at) {
        await("serving at " + at).atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> requestQuietly(server, at).contains("LISTENER=" + at + " "));
    }

    private static long lines(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).count();
    }

    /**
     * A DNS server on 127.0.0.1:port, UDP and TCP, that receives every query and answers none, until
     * {@link #relayTo} makes it pass queries to another DNS server and its answers back.
     */
    private static final class DnsStandIn implements AutoCloseable {
        private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

        private final DatagramSocket udp;
        private final ServerSocket tcp;
        /** Accepted TCP connections, kept open (and unanswered) until close. */
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private volatile int upstream;

        DnsStandIn(int port) throws IOException {
            udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, port));
            tcp = new ServerSocket();
            tcp.setReuseAddress(true);
            tcp.bind(new InetSocketAddress(LOOPBACK, port));
            daemon("dns-stand-in-udp", this::receive);
            daemon("dns-stand-in-tcp", this::accept);
        }

        void relayTo(int port) {
            upstream = port;
        }

        private void receive() {
            try {
                while (true) {
                    DatagramPacket query = new DatagramPacket(new byte[4096], 4096);
                    udp.receive(query);
                    if (upstream != 0) {
                        daemon("dns-relay-udp", () -> relay(query));
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }

        private void relay(DatagramPacket query) {
            try (DatagramSocket out = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
                out.setSoTimeout(3000);
                out.send(new DatagramPacket(query.getData(), query.getLength(), LOOPBACK, upstream));
                DatagramPacket answer = new DatagramPacket(new byte[65535], 65535);
                out.receive(answer);
                udp.send(new DatagramPacket(answer.getData(), answer.getLength(), query.getSocketAddress()));
            } catch (IOException e) {
                // the client asks again
            }
        }

        private void accept() {
            try {
                while (true) {
                    Socket client = tcp.accept();
                    accepted.add(client);
                    if (upstream != 0) {
                        daemon("dns-relay-tcp", () -> relay(client));
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }

        private void relay(Socket client) {
            try (client; Socket server = new Socket(LOOPBACK, upstream)) {
                daemon("dns-relay-tcp-back", () -> pipe(server, client));
                pipe(client, server);
            } catch (IOException e) {
                // the client asks again
            }
        }

        private static void pipe(Socket from, Socket to) {
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                in.transferTo(out);
                to.shutdownOutput();
            } catch (IOException e) {
                // either side closed
            }
        }

        private static void daemon(String name, Runnable task) {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws SocketException {
            udp.close();
            try {
                tcp.close();
            } catch (IOException e) {
                throw new SocketException(e.toString());
            }
            for (Socket socket : accepted) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }
}
