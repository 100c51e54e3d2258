package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The SIP test tools on their own, without the agent: {@link JainSipServer}, a real JAIN-SIP stack, answers
 * {@link Sipsak}'s OPTIONS over UDP and over TCP at the address and port it was given.
 */
class JainSipServerIT {
    private static final String SERVER_IP = "127.0.5.1";
    private static final int SIP_PORT = 5060;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @OnEachJdk
    void answersOptionsOverUdpAndTcp(ChildJvm jvm) {
        try (ChildProcess server = jvm.start(List.of("-cp", System.getProperty("java.class.path"),
                JainSipServer.class.getName(), SERVER_IP, String.valueOf(SIP_PORT)), Map.of(), null)) {
            await(JainSipServer.READY).atMost(WAIT)
                    .until(() -> server.stdout().contains(JainSipServer.READY) || !server.isAlive());
            assertTrue(server.isAlive(), () -> "JainSipServer ended\n" + server.stdout() + server.stderr());

            for (Sipsak.Transport transport : Sipsak.Transport.values()) {
                Sipsak.Reply reply = Sipsak.options(SERVER_IP, SIP_PORT, transport);
                assertEquals(200, reply.status(), reply::text);
                assertTrue(reply.text().contains("Server: " + JainSipServer.SERVER), reply::text);
                // The server saw it come from the probe's own address, over that transport (it says so just after
                // it answers).
                String from = "OPTIONS from " + Sipsak.CLIENT_IP + ":";
                String over = " over " + transport + ": 200";
                await(from + "..." + over).atMost(WAIT).until(() -> server.stdout().lines()
                        .anyMatch(l -> l.startsWith(from) && l.endsWith(over)));
            }
        }
    }
}
