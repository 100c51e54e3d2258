package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

/** Several domains and several DNS servers, against real BIND 9 servers. */
class DnsServersIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static String zone(String domain, String address) {
        return """
                $ORIGIN %1$s.
                $TTL 60
                @           SOA  ns1 hostmaster 1 3600 600 86400 60
                @           NS   ns1
                ns1         A    127.0.0.1
                _http._tcp  SRV  1 100 58131 host
                host        A    %2$s
                """.formatted(domain, address);
    }

    /** The same service in two domains, each on its own DNS server: the listener serves both sets of endpoints. */
    @OnEachJdk
    void aServiceInTwoDomainsServesBothEndpoints(ChildJvm jvm) {
        try (Bind9 first = Bind9.start("example.test", zone("example.test", "127.0.0.193"));
                Bind9 second = Bind9.start("other.test", zone("other.test", "127.0.0.194"));
                DemoServer server = DemoServer.start(jvm, "domain=example.test,domain=other.test,dns="
                        + first.hostPort() + ",dns=" + second.hostPort() + ",address=127.0.0.193,address=127.0.0.194",
                        "server-socket", "--port", "8080")) {
            assertTrue(server.awaitListening().endsWith(":58131"));
            await().atMost(WAIT).until(() -> server.answers("127.0.0.193:58131") && server.answers("127.0.0.194:58131"));
        }
    }

    /**
     * A first DNS server that never answers costs one timeout, not one per question: after the first read, an idle
     * poll asks one question (the SOA serial), of the server that answered.
     */
    @OnEachJdk
    void aSilentFirstServerDoesNotSlowEveryPoll(ChildJvm jvm) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket silentUdp = new DatagramSocket(new InetSocketAddress(loopback, 0));
                ServerSocket silentTcp = new ServerSocket(silentUdp.getLocalPort(), 50, loopback);
                Bind9 dns = Bind9.start("example.test", zone("example.test", "127.0.0.193"));
                DemoServer server = DemoServer.start(jvm, "domain=example.test,dns=127.0.0.1:"
                        + silentUdp.getLocalPort() + ",dns=" + dns.hostPort() + ",address=127.0.0.193,poll=300ms",
                        "server-socket", "--port", "8080")) {
            assertEquals("127.0.0.193:58131", server.awaitListening());
            AgentStatus.assertOneQuestionPerPoll(jvm, server.child().pid());
            assertEquals(0, AgentStatus.number(AgentStatus.of(jvm, server.child().pid()), "readFailures"));
        }
    }

}
