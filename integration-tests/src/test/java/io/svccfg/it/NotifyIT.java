package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

/**
 * Change detection on a real BIND 9: a signed DNS NOTIFY moves a listener while polling is off ({@code poll=1h}),
 * a forged one triggers nothing, an idle poll asks one question per domain (the SOA serial), and a host that no
 * tuple names polls at {@code idle-poll}.
 */
class NotifyIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ZONE = Bind9.zone("""
            _http._tcp  SRV  1 100 58101 host173
            host173     A    127.0.0.173
            """);

    private static String agent(Bind9 dns, String more) {
        return "domain=example.test,dns=" + dns.hostPort() + ",address=127.0.0.173," + more;
    }

    private static void movePort(Bind9 dns, int from, int to) {
        dns.update(move(from, to));
    }

    private static String move(int from, int to) {
        return SrvUpdate.movePort("_http._tcp.example.test.", 1, "host173.example.test.", from, to);
    }

    @OnEachJdk
    void aSignedNotifyFromBindMovesTheListenerWithoutPolling(ChildJvm jvm) {
        int notifyPort = FreePorts.udpAndTcp();
        try (Bind9 dns = Bind9.startNotifying(Bind9.FIG1_DOMAIN, ZONE, notifyPort);
                DemoServer server = DemoServer.start(jvm, agent(dns, "poll=1h,notify=127.0.0.1:" + notifyPort
                        + ",tsig=" + dns.tsig()), "server-socket", "--port", "8080")) {
            assertEquals("127.0.0.173:58101", server.awaitListening());
            movePort(dns, 58101, 58102);
            // With poll=1h only the NOTIFY can explain the move.
            await("moved by NOTIFY").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> server.answers("127.0.0.173:58102"));
            assertTrue(server.answers("127.0.0.173:58101"), "the old endpoint drains for its record's TTL");
            Map<String, Object> status = AgentStatus.of(jvm, server.child().pid());
            assertTrue(AgentStatus.number(status, "notifies") >= 1, status.toString());
        }
    }

    /** Knot sends NOTIFY over TCP only, and wants a signed answer. */
    @OnEachJdk
    void aSignedNotifyFromKnotOverTcpMovesTheListenerWithoutPolling(ChildJvm jvm) {
        int notifyPort = FreePorts.udpAndTcp();
        try (Knot dns = Knot.startNotifying(Bind9.FIG1_DOMAIN, ZONE, notifyPort);
                DemoServer server = DemoServer.start(jvm, "domain=example.test,dns=" + dns.hostPort()
                        + ",address=127.0.0.173,poll=1h,notify=127.0.0.1:" + notifyPort + ",tsig=" + dns.tsig(),
                        "server-socket", "--port", "8080")) {
            assertEquals("127.0.0.173:58101", server.awaitListening());
            dns.update("example.test", move(58101, 58102));
            await("moved by Knot's NOTIFY").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> server.answers("127.0.0.173:58102"));
            await("Knot took the signed answer").atMost(WAIT)
                    .until(() -> dns.log().contains("notify, outgoing, remote 127.0.0.1@" + notifyPort + ", serial 2"));
            assertTrue(!dns.log().contains("notify, outgoing, remote 127.0.0.1@" + notifyPort + ", serial 2, failed"),
                    dns.log());
        }
    }

    @OnEachJdk
    void aForgedUnsignedNotifyIsRefusedAndTriggersNoRead(ChildJvm jvm) throws IOException {
        int notifyPort = FreePorts.udpAndTcp();
        try (Bind9 dns = Bind9.start(Bind9.FIG1_DOMAIN, ZONE);
                DemoServer server = DemoServer.start(jvm, agent(dns, "poll=1h,notify=127.0.0.1:" + notifyPort
                        + ",tsig=" + dns.tsig()), "server-socket", "--port", "8080")) {
            server.awaitListening();
            long polls = AgentStatus.number(AgentStatus.of(jvm, server.child().pid()), "polls");
            movePort(dns, 58101, 58102);

            byte[] answer = forgedNotify(new InetSocketAddress("127.0.0.1", notifyPort));
            assertEquals(9, answer[3] & 0x0f, "answered NOTAUTH");
            assertEquals(0x20, answer[2] & 0x78, "a NOTIFY response (opcode 4)");
            await("no read for a forged NOTIFY").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> !server.answers("127.0.0.173:58102"));
            Map<String, Object> status = AgentStatus.of(jvm, server.child().pid());
            assertEquals(polls, AgentStatus.number(status, "polls"), status.toString());
            assertEquals(0, AgentStatus.number(status, "notifies"), status.toString());
        }
    }

    @OnEachJdk
    void anIdlePollAsksOneQuestionPerDomain(ChildJvm jvm) {
        try (Bind9 dns = Bind9.start(Bind9.FIG1_DOMAIN, ZONE);
                DemoServer server = DemoServer.start(jvm, agent(dns, "poll=300ms"), "server-socket", "--port",
                        "8080")) {
            server.awaitListening();
            AgentStatus.assertOneQuestionPerPoll(jvm, server.child().pid());
        }
    }

    /**
     * A host that no tuple names polls every {@code idle-poll}; once a tuple names it (found by such a poll), it
     * polls every {@code poll} (here 1h: no more polls at all).
     */
    @OnEachJdk
    void idlePollAppliesOnlyWhileNoTupleIsForThisHost(ChildJvm jvm) {
        try (Bind9 dns = Bind9.start(Bind9.FIG1_DOMAIN, ZONE);
                DemoServer server = DemoServer.start(jvm, "domain=example.test,dns=" + dns.hostPort()
                        + ",address=127.0.0.174,poll=1h,idle-poll=300ms", "server-socket", "--port", "8080")) {
            assertTrue(server.awaitListening().startsWith("127.0.0.1:"), "parked: nothing for .174 yet");
            long pid = server.child().pid();
            await("idle polls").atMost(WAIT).until(() -> AgentStatus.number(AgentStatus.of(jvm, pid), "polls") >= 4);

            dns.update("update add host174.example.test. 60 A 127.0.0.174\n"
                    + "update add _http._tcp.example.test. 60 SRV 1 100 58101 host174.example.test.");
            await("an idle poll finds the new tuple").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> server.answers("127.0.0.174:58101"));
            long polls = AgentStatus.number(AgentStatus.of(jvm, pid), "polls");
            await("no poll for an hour now").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> AgentStatus.number(AgentStatus.of(jvm, pid), "polls") == polls);
        }
    }

    /** An unsigned NOTIFY for example.test, as anyone on the network could send; returns the answer. */
    private static byte[] forgedNotify(InetSocketAddress to) throws IOException {
        byte[] query = HostilePeer.unsignedNotify("example.test");
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(5000);
            socket.send(new DatagramPacket(query, query.length, to));
            DatagramPacket answer = new DatagramPacket(new byte[512], 512);
            socket.receive(answer);
            assertEquals(0x12, answer.getData()[0]);
            return java.util.Arrays.copyOf(answer.getData(), answer.getLength());
        }
    }

}
