package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

/**
 * {@code allow=} on a real BIND with the real agent: a tuple outside it is refused with a warning (the listener
 * stays parked where nobody reaches it), one inside it is followed.
 */
class AllowIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ZONE = Bind9.zone("""
            _http._tcp  SRV  1 100 58201 host179
            host179     A    127.0.0.179
            """);

    @OnEachJdk
    void aTupleOutsideAllowIsRefusedAndOneInsideIsFollowed(ChildJvm jvm) {
        try (Bind9 dns = Bind9.start(Bind9.FIG1_DOMAIN, ZONE);
                DemoServer server = DemoServer.start(jvm, "domain=example.test,dns=" + dns.hostPort()
                        + ",address=127.0.0.179,poll=300ms,allow=127.0.0.179:58100-58199,allow=10.0.0.0/8",
                        "server-socket", "--port", "8080")) {
            assertTrue(server.awaitListening().startsWith("127.0.0.1:"), "parked: 58201 is outside allow=");
            server.child().awaitStderr("the refusal", lines -> lines.stream().anyMatch(l -> l.contains(
                    "DNS assigns http/tcp 127.0.0.179:58201 (target host179.example.test, domain example.test) "
                            + "refused: outside allow=[127.0.0.179/32:58100-58199, 10.0.0.0/8]")), WAIT);
            dns.update(SrvUpdate.movePort("_http._tcp.example.test.", 1, "host179.example.test.", 58201, 58101));
            await("the allowed tuple is followed").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> server.answers("127.0.0.179:58101"));
            assertEquals(1, server.child().stderr().lines().filter(l -> l.contains("refused: outside allow=")).count(),
                    "warned once, not at every poll");
        }
    }
}
