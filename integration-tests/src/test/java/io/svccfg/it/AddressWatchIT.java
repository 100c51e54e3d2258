package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;

/**
 * Without {@code address=}, the identity is the host's interface addresses, and listeners follow them: an address
 * added with {@code ip addr add} brings the listener whose tuple names it, removing it parks the listener. The host
 * is a network namespace of the test's own, the DNS a real BIND 9 on this side of the veth pair; with
 * {@code poll=1h} no read can explain a move, only the address watch.
 */
class AddressWatchIT {
    private static final int SRV_PORT = 58141;
    /** The watch looks every 2 s; a child in a namespace on a busy CI machine may be slower to start. */
    private static final Duration NOTICE = Duration.ofSeconds(20);

    @OnEachJdk
    void aListenerFollowsAnAddressAddedToAndRemovedFromTheHost(ChildJvm jvm) throws IOException {
        try (NetworkNamespace host = NetworkNamespace.create()) {
            String service = host.address(5);
            String zone = Bind9.zone("""
                    _http._tcp  SRV  1 100 %d host
                    host        A    %s
                    """).formatted(SRV_PORT, service);
            try (Bind9 dns = Bind9.startListeningAlso("example.test", zone, host.hostAddress());
                    DemoServer server = DemoServer.start(jvm.inside(host), "domain=example.test,dns="
                            + dns.hostPort(host.hostAddress()) + ",poll=1h,idle-poll=1h", "server-socket",
                            "--port", "8080")) {
                String parked = server.awaitListening();
                assertTrue(parked.startsWith("127.0.0.1:"), "no address of the namespace is in DNS yet: " + parked);

                long added = System.nanoTime();
                host.addAddress(service);
                String endpoint = service + ":" + SRV_PORT;
                server.child().awaitStderr("the address watch to notice " + service, lines -> lines.stream()
                        .anyMatch(l -> l.contains("addresses changed: added [" + service + "]")), NOTICE);
                server.child().awaitStderr("the listener to move to " + endpoint, lines -> lines.stream()
                        .anyMatch(l -> l.contains("moved from " + parked + " to " + endpoint)), NOTICE);
                // Through the veth pair, from this side: the application's own loop answers on the new endpoint.
                await().atMost(NOTICE).pollInterval(Duration.ofMillis(20)).until(() -> server.answers(endpoint));
                // A figure, not an assertion: the watch looks every 2 s, so 0 to 2 s plus the move.
                System.out.printf("%s: ip addr add to accepting on %s in %d ms%n", jvm, endpoint,
                        (System.nanoTime() - added) / 1_000_000);
                assertTrue(server.request(endpoint).startsWith("server-socket LISTENER=" + endpoint + " LOCAL="
                        + endpoint + " PEER="), endpoint);

                host.removeAddress(service);
                server.child().awaitStderr("the listener to park when " + service + " goes", lines -> lines.stream()
                        .anyMatch(l -> l.contains("removed [" + service + "]")) && lines.stream()
                        .anyMatch(l -> l.contains("moved from " + endpoint + " to 127.0.0.1:")), NOTICE);
                assertTrue(server.child().isAlive(), "the application lives on");
            }
        }
    }
}
