package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * The real agent in a child JVM against a DNS server that turns hostile: every malformed, misdirected, truncated or
 * out-of-range answer is a failed read, counted in {@code status}; the listener stays where the last good read put
 * it, and follows DNS again as soon as the answers are good.
 */
class HostileDnsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @OnEachJdk
    void hostileAnswersAreFailedReadsAndTheListenerStaysWhereTheLastGoodReadPutIt(ChildJvm jvm) throws IOException {
        try (HostileDns dns = new HostileDns("127.0.0.178", 58121);
                DemoServer server = DemoServer.start(jvm, "domain=example.test,dns=" + dns.hostPort()
                        + ",address=127.0.0.178,poll=200ms,idle-poll=200ms", "server-socket", "--port", "8080")) {
            assertEquals("127.0.0.178:58121", server.awaitListening(), () -> server.child().stderr());
            long pid = server.child().pid();
            for (HostileDns.Mode mode : HostileDns.Mode.values()) {
                if (mode == HostileDns.Mode.HONEST) {
                    continue;
                }
                long failures = AgentStatus.number(AgentStatus.of(jvm, pid), "readFailures");
                dns.mode(mode);
                await(mode + " makes reads fail").atMost(WAIT)
                        .until(() -> AgentStatus.number(AgentStatus.of(jvm, pid), "readFailures") >= failures + 2);
                Map<String, Object> status = AgentStatus.of(jvm, pid);
                assertNotNull(status.get("lastError"), status.toString());
                assertTrue(server.answers("127.0.0.178:58121"), mode + ": the listener stays. " + status);
            }
            dns.honest(58122);
            await("good answers move it again").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> server.answers("127.0.0.178:58122"));
            String stderr = server.child().stderr();
            assertTrue(stderr.contains("DNS read failed, keeping the last good tuples"), stderr);
            assertFalse(stderr.contains("Exception in thread"), stderr);
        }
    }
}
