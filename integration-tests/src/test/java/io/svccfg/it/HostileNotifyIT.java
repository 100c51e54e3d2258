package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The NOTIFY port under attack, with the real agent in a child JVM: junk and forged NOTIFYs over UDP, TCP
 * connections that say nothing, a byte, or announce 64 KiB; then a real server's signed NOTIFY (BIND over UDP, Knot
 * over TCP) must still move the listener at once, with polling off ({@code poll=1h}). The flood triggers no read,
 * is counted in {@code status}, puts nothing of svccfg's on stderr but its own log lines, and starts no thread.
 */
class HostileNotifyIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ZONE = Bind9.zone("""
            _http._tcp  SRV  1 100 58111 host177
            host177     A    127.0.0.177
            """);
    /** More TCP connections than the receiver serves at once (64), each held open for the whole test. */
    private static final int HELD_CONNECTIONS = 150;
    private static final int DATAGRAMS = 20_000;

    private static String agent(String dns, int notifyPort, String tsig) {
        return "domain=example.test,dns=" + dns + ",address=127.0.0.177,poll=1h,notify=127.0.0.1:" + notifyPort
                + ",tsig=" + tsig;
    }

    private static String move(int from, int to) {
        return SrvUpdate.movePort("_http._tcp.example.test.", 1, "host177.example.test.", from, to);
    }

    @OnEachJdk
    void bindsSignedNotifyOverUdpMovesTheListenerAfterAFloodAndWhileTcpPeersHoldOn(ChildJvm jvm) throws IOException {
        int notifyPort = FreePorts.udpAndTcp();
        try (Bind9 dns = Bind9.startNotifying(Bind9.FIG1_DOMAIN, ZONE, notifyPort);
                DemoServer server = DemoServer.start(jvm, agent(dns.hostPort(), notifyPort, dns.tsig()),
                        "server-socket", "--port", "8080");
                HostilePeer peer = new HostilePeer(notifyPort)) {
            assertEquals("127.0.0.177:58111", server.awaitListening());
            long pid = server.child().pid();
            Map<String, Object> before = AgentStatus.of(jvm, pid);

            peer.holdTcp(HELD_CONNECTIONS);
            byte[] unsigned = HostilePeer.unsignedNotify("example.test");
            peer.floodUdp(DATAGRAMS, unsigned);
            // What the receiver's buffer cannot hold while it is off the CPU is dropped by the kernel, not refused:
            // on a busy machine more of the same follows until a thousand were refused and counted.
            await("refusals counted").atMost(WAIT).until(() -> {
                boolean counted = AgentStatus.number(AgentStatus.of(jvm, pid), "refusedNotifies") >= 1000;
                if (!counted) {
                    peer.floodUdp(1_000, unsigned);
                }
                return counted;
            });
            Map<String, Object> flooded = AgentStatus.of(jvm, pid);
            // BIND's own NOTIFY of its start may arrive late and read once; the refused ones read nothing.
            long reads = AgentStatus.number(flooded, "polls") - AgentStatus.number(before, "polls");
            long accepted = AgentStatus.number(flooded, "notifies") - AgentStatus.number(before, "notifies");
            assertTrue(reads <= accepted, reads + " reads for " + accepted + " accepted NOTIFYs: " + flooded);

            dns.update(move(58111, 58112));
            await("moved by BIND's NOTIFY").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> server.answers("127.0.0.177:58112"));
            assertApplicationUntouched(server);
        }
    }

    /** Knot sends NOTIFY over TCP only: held connections used to delay it 5 s each. */
    @OnEachJdk
    void knotsSignedNotifyOverTcpMovesTheListenerWhileTcpPeersHoldOn(ChildJvm jvm) throws IOException {
        int notifyPort = FreePorts.udpAndTcp();
        try (Knot dns = Knot.startNotifying(Bind9.FIG1_DOMAIN, ZONE, notifyPort);
                DemoServer server = DemoServer.start(jvm, agent(dns.hostPort(), notifyPort, dns.tsig()),
                        "server-socket", "--port", "8080");
                HostilePeer peer = new HostilePeer(notifyPort)) {
            assertEquals("127.0.0.177:58111", server.awaitListening());
            peer.holdTcp(HELD_CONNECTIONS);
            dns.update("example.test", move(58111, 58112));
            await("moved by Knot's NOTIFY over TCP").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> server.answers("127.0.0.177:58112"));
            assertFalse(dns.log().contains("notify, outgoing, remote 127.0.0.1@" + notifyPort + ", serial 2, failed"),
                    dns.log());
            assertApplicationUntouched(server);
        }
    }

    /**
     * Nothing of svccfg's reached the JVM's default handler (no stack trace on stderr), and svccfg runs no more than
     * its fixed threads: the reconciler and the two NOTIFY receivers (Linux shows 15 characters of a name), and the
     * drain of the endpoint a move left. Checked until it holds for a moment: a thread the reconciler has just
     * started (the drain) carries the reconciler's name in {@code /proc} until it names itself.
     */
    private static void assertApplicationUntouched(DemoServer server) {
        String stderr = server.child().stderr();
        assertFalse(stderr.contains("Exception in thread"), stderr);
        assertTrue(stderr.lines().noneMatch(l -> l.startsWith("\tat ")), stderr);
        await("svccfg's fixed threads only").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    List<String> threads = server.child().threadNames().stream()
                            .filter(name -> name.startsWith("svccfg-")).toList();
                    // And at most one that drains the endpoint the move left, for its record's TTL.
                    assertEquals(List.of("svccfg-notify-t", "svccfg-notify-u", "svccfg-reconcil"),
                            threads.stream().filter(name -> !name.equals("svccfg-drain")).toList());
                    assertTrue(threads.stream().filter(name -> name.equals("svccfg-drain")).count() <= 1,
                            threads.toString());
                });
    }
}
