package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@code listening-point=SIP-URI} against a real BIND with NAPTR, SRV and A records: {@code resolve} gives each path
 * of RFC 3263 in its order, and the real agent opens a SIP listener where the URI resolves and follows it when a
 * NAPTR or an SRV record changes, and keeps its last good tuples when a NAPTR is refused.
 */
class ListeningPointIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ZONE = Bind9.zone("""
            sip             NAPTR 20 10 "s" "SIP+D2U" "" _sip._udp.sip
            sip             NAPTR 10 10 "s" "SIP+D2T" "" _sip._tcp.sip
            sip             NAPTR 5 10 "s" "SIP+D2S" "" _sip._sctp.sip
            _sip._udp.sip   SRV  2 100 25060 host186
            _sip._udp.sip   SRV  1 100 25060 host185
            _sip._tcp.sip   SRV  1 100 25061 host185
            _sip._tcp.srv   SRV  1 100 25062 host186
            plain           A    127.0.0.187
            regexp          NAPTR 10 10 "s" "SIP+D2U" "!^.*$!sip:info@example.test!" .
            host185         A    127.0.0.185
            host186         A    127.0.0.186
            stack           NAPTR 10 10 "s" "SIP+D2U" "" _sip._udp.stack
            stack           NAPTR 20 10 "s" "SIP+D2T" "" _sip._tcp.stack
            _sip._udp.stack SRV  1 100 25160 host188
            _sip._tcp.stack SRV  1 100 25160 host188
            host188         A    127.0.0.188
            """);

    /** Shared by the tests that only read. */
    private static Bind9 readOnly;

    @BeforeAll
    static void startDns() {
        readOnly = Bind9.start(Bind9.FIG1_DOMAIN, ZONE);
    }

    @AfterAll
    static void stopDns() {
        if (readOnly != null) {
            readOnly.close();
        }
    }

    @OnEachJdk
    void resolveGivesEachPathOfRfc3263InItsOrder(ChildJvm jvm) {
        List<Map<String, Object>> naptr = resolveJson(jvm, "sip:sip.example.test");
        assertEquals(List.of("tcp 127.0.0.185:25061", "udp 127.0.0.185:25060", "udp 127.0.0.186:25060"),
                endpoints(naptr), "NAPTR order 10 (TCP) before 20 (UDP); SCTP not read; SRV priority 1 before 2");
        assertTrue(((String) naptr.get(0).get("via")).contains("SIP+D2T"), naptr.get(0).toString());
        assertEquals("sip.example.test", naptr.get(0).get("domain"));

        assertEquals(List.of("tcp 127.0.0.186:25062"), endpoints(resolveJson(jvm, "sip:srv.example.test")),
                "no NAPTR: the SRV records of the host");
        List<Map<String, Object>> plain = resolveJson(jvm, "sip:plain.example.test");
        assertEquals(List.of("udp 127.0.0.187:5060", "tcp 127.0.0.187:5060"), endpoints(plain),
                "no NAPTR, no SRV: the host's address on 5060, UDP first");
        assertEquals("A/AAAA plain.example.test port 5060", plain.get(0).get("via"));
        assertEquals(List.of("udp 127.0.0.187:25099", "tcp 127.0.0.187:25099"),
                endpoints(resolveJson(jvm, "sip:plain.example.test:25099")), "a port skips NAPTR and SRV");
        assertEquals(List.of("udp 127.0.0.185:25060", "udp 127.0.0.186:25060"),
                endpoints(resolveJson(jvm, "sip:sip.example.test;transport=udp")), "transport= skips NAPTR");

        ChildProcess.Result text = jvm.svccfg("resolve", "sip:sip.example.test", "--dns", readOnly.hostPort());
        assertEquals(0, text.exitCode(), text::describe);
        List<String> lines = text.stdout().lines().toList();
        assertTrue(lines.get(0).startsWith("SERVICE"), text.stdout());
        assertTrue(lines.get(1).startsWith("from sip.example.test.") && lines.get(1).contains("NAPTR"),
                text.stdout());
    }

    @OnEachJdk
    void aBadUriOrANaptrWithARegexpIsOneLine(ChildJvm jvm) {
        ChildProcess.Result user = jvm.svccfg("resolve", "sip:alice@example.test", "--dns", readOnly.hostPort());
        assertEquals(2, user.exitCode(), user::describe);
        assertTrue(user.stderr().startsWith("svccfg: bad SIP URI 'sip:alice@example.test': expected a SIP URI like"),
                user::describe);
        ChildProcess.Result regexp = jvm.svccfg("resolve", "sip:regexp.example.test", "--dns", readOnly.hostPort());
        assertEquals(2, regexp.exitCode(), regexp::describe);
        assertEquals(1, regexp.stderr().lines().count(), regexp::describe);
        assertTrue(regexp.stderr().contains("has a regexp; RFC 3263 uses the replacement only"), regexp::describe);
    }

    @OnEachJdk
    void aSipListenerOpensWhereTheUriResolvesAndFollowsNaptrAndSrvChanges(ChildJvm jvm) {
        try (Bind9 dns = Bind9.start(Bind9.FIG1_DOMAIN, ZONE);
                DemoServer server = DemoServer.start(jvm, "listening-point=sip:sip.example.test,dns="
                        + dns.hostPort() + ",address=127.0.0.185,poll=300ms", "datagram-socket", "--port", "5060")) {
            assertEquals("127.0.0.185:25060", server.awaitListening(), "sip/udp from the SIP+D2U NAPTR's SRV");
            assertTrue(server.answers("127.0.0.185:25060"));

            dns.update("""
                    update delete sip.example.test. NAPTR 20 10 "s" "SIP+D2U" "" _sip._udp.sip.example.test.
                    update add sip.example.test. 60 NAPTR 20 10 "s" "SIP+D2U" "" _sip._udp.moved.example.test.
                    update add _sip._udp.moved.example.test. 60 SRV 1 100 25070 host185.example.test.
                    """);
            await("the listener follows the NAPTR's new replacement").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> server.answers("127.0.0.185:25070"));

            dns.update(SrvUpdate.movePort("_sip._udp.moved.example.test.", 1, "host185.example.test.", 25070, 25080));
            await("the listener follows the SRV record").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> server.answers("127.0.0.185:25080"));

            dns.update("""
                    update add sip.example.test. 60 NAPTR 5 10 "s" "SIP+D2U" "!^.*$!sip:x@example.test!" .
                    """);
            server.child().awaitStderr("the refused NAPTR", lines -> lines.stream().anyMatch(l -> l.contains(
                    "has a regexp; RFC 3263 uses the replacement only")), WAIT);
            assertTrue(server.answers("127.0.0.185:25080"), "a refused read keeps the last good tuples");

            Map<String, Object> status = AgentStatus.of(jvm, server.child().pid());
            assertTrue(String.valueOf(status.get("lastError")).contains("has a regexp"), status.toString());
            List<?> points = assertInstanceOf(List.class, status.get("listeningPoints"));
            Map<?, ?> point = assertInstanceOf(Map.class, points.get(0));
            assertEquals("sip:sip.example.test", point.get("uri"));
            assertTrue(point.get("resolved") != null, status.toString());
            assertTrue(point.get("steps").toString().contains("sip/udp from sip.example.test.")
                    && point.get("steps").toString().contains("127.0.0.185:25080"), status.toString());
        }
    }

    /**
     * A real SIP stack (JAIN-SIP RI) that asks for 0.0.0.0:5060 over UDP and TCP is put where the URI resolves, is
     * reached there by a real SIP client (sipsak), and still answers it after an SRV update moves both listeners;
     * polling hourly, it learns of the update by BIND's NOTIFY for the zone that holds the URI's host.
     */
    @OnEachJdk
    void aJainSipStackAnswersSipsakWhereTheUriResolvesAndAfterAMove(ChildJvm jvm) {
        int notifyPort = FreePorts.udpAndTcp();
        String agent = "-javaagent:" + ItEnvironment.agentJar() + "=listening-point=sip:stack.example.test,dns=";
        try (Bind9 dns = Bind9.startNotifying(Bind9.FIG1_DOMAIN, ZONE, notifyPort);
                ChildProcess server = jvm.start(List.of(agent + dns.hostPort() + ",address=127.0.0.188,poll=1h"
                        + ",notify=127.0.0.1:" + notifyPort + ",tsig=" + dns.tsig(),
                        "-cp", System.getProperty("java.class.path"), JainSipServer.class.getName(), "0.0.0.0", "5060"),
                        Map.of(), null)) {
            await(JainSipServer.READY).atMost(WAIT)
                    .until(() -> server.stdout().contains(JainSipServer.READY) || !server.isAlive());
            assertTrue(server.isAlive(), () -> "JainSipServer ended\n" + server.stdout() + server.stderr());
            for (Sipsak.Transport transport : Sipsak.Transport.values()) {
                Sipsak.Reply reply = Sipsak.options("127.0.0.188", 25160, transport);
                assertEquals(200, reply.status(), () -> reply.text() + "\n" + server.stderr());
            }

            dns.update(SrvUpdate.movePort("_sip._udp.stack.example.test.", 1, "host188.example.test.", 25160, 25170)
                    + "\n" + SrvUpdate.movePort("_sip._tcp.stack.example.test.", 1, "host188.example.test.", 25160,
                    25170));
            for (Sipsak.Transport transport : Sipsak.Transport.values()) {
                await("OPTIONS over " + transport + " answered at the new endpoint").atMost(WAIT)
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> Sipsak.options("127.0.0.188", 25170, transport).status() == 200);
            }
            assertTrue(server.stderr().contains("sip/udp moved from 127.0.0.188:25160 to 127.0.0.188:25170")
                    && server.stderr().contains("sip/tcp moved from 127.0.0.188:25160 to 127.0.0.188:25170"),
                    server::stderr);
        }
    }

    private static List<Map<String, Object>> resolveJson(ChildJvm jvm, String uri) {
        ChildProcess.Result r = jvm.svccfg("resolve", uri, "--dns", readOnly.hostPort(), "--json");
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals("", r.stderr(), r::describe);
        List<Map<String, Object>> tuples = new ArrayList<>();
        for (Object element : assertInstanceOf(List.class, Json.parse(r.stdout()), r::describe)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> tuple = assertInstanceOf(Map.class, element, r::describe);
            tuples.add(tuple);
        }
        return tuples;
    }

    private static List<String> endpoints(List<Map<String, Object>> tuples) {
        return tuples.stream().map(t -> t.get("transport") + " " + t.get("address") + ":" + t.get("port")).toList();
    }
}
