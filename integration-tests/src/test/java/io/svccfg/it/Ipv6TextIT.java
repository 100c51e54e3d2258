package io.svccfg.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

/**
 * Addresses as people write them (RFC 5952), with the real agent and a real BIND: an IPv6 tuple and the listener it
 * places print as {@code ::1} and {@code [::1]:58301} in {@code status}, its JSON and {@code resolve}, never as
 * {@code 0:0:0:0:0:0:0:1}.
 */
class Ipv6TextIT {
    private static final String ZONE = Bind9.zone("""
            _http._tcp  SRV  1 100 58301 host6
            host6       AAAA ::1
            """);

    @OnEachJdk
    void ipv6PrintsInItsShortFormWithBracketsBeforeAPort(ChildJvm jvm) {
        try (Bind9 dns = Bind9.start(Bind9.FIG1_DOMAIN, ZONE);
                DemoServer server = DemoServer.start(jvm, "domain=example.test,dns=" + dns.hostPort()
                        + ",address=::1,poll=1h", "server-socket", "--port", "8080")) {
            server.awaitListening();
            long pid = server.child().pid();
            Map<String, Object> status = AgentStatus.of(jvm, pid);
            assertEquals(List.of("::1"), status.get("identity"), status.toString());
            @SuppressWarnings("unchecked")
            Map<String, Object> listener = ((List<Map<String, Object>>) status.get("listeners")).get(0);
            assertEquals("[::1]:58301", listener.get("bound"), status.toString());

            ChildProcess.Result text = jvm.run("-jar", ItEnvironment.agentJar().toString(), "status",
                    String.valueOf(pid));
            assertTrue(text.stdout().contains("at [::1]:58301") && text.stdout().contains("identity:  ::1")
                    && text.stdout().contains("http/tcp [::1]:58301 priority 1"), text::describe);
            ChildProcess.Result resolve = jvm.run("-jar", ItEnvironment.agentJar().toString(), "resolve",
                    "example.test", "http", "--dns", dns.hostPort(), "--json");
            assertEquals(0, resolve.exitCode(), resolve::describe);
            assertEquals("::1", ((Map<?, ?>) ((List<?>) Json.parse(resolve.stdout())).get(0)).get("address"),
                    resolve::describe);
            assertTrue(!server.child().stderr().contains("0:0:0:0:0:0:0:1"), server.child().stderr());
        }
    }
}
