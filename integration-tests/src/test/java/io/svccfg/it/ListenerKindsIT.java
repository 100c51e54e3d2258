package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a JVM application opens a listener, as a real child JVM under the real agent, against a real BIND 9:
 * the listener opens only where DNS assigns it, and the application sees where that is.
 */
class ListenerKindsIT {
    /** FIG. 1, plus SIP over UDP on .123 (15060) and on .121 and .122 (15070). */
    static final String ZONE = Bind9.fig1Zone() + """
            _sip._udp   SRV  1 100 15060 host123
            _sip._udp   SRV  1 100 15070 host121
            _sip._udp   SRV  1 100 15070 host122
            """;

    private static Bind9 dns;

    @BeforeAll
    static void startDns() {
        dns = Bind9.start(Bind9.FIG1_DOMAIN, ZONE);
    }

    @AfterAll
    static void stopDns() {
        if (dns != null) {
            dns.close();
        }
    }

    static String agent(String more) {
        return "domain=example.test,dns=" + dns.hostPort() + "," + more;
    }

    /** A kind with its options, the port it asks for (8080 is http, 5060 sip) and where .123 gets it. */
    record Kind(List<String> args, boolean virtualThreads) {
        boolean udp() {
            return args.get(0).startsWith("datagram") || args.get(0).startsWith("multicast");
        }

        String[] withPort(String... more) {
            List<String> all = new ArrayList<>(args);
            all.addAll(List.of("--port", udp() ? "5060" : "8080"));
            all.addAll(List.of(more));
            return all.toArray(String[]::new);
        }

        String assignedTo123() {
            return udp() ? "127.0.0.123:15060" : "127.0.0.123:18081";
        }

        @Override
        public String toString() {
            return String.join(" ", args);
        }
    }

    static final List<Kind> KINDS = List.of(
            new Kind(List.of("server-socket"), false),
            new Kind(List.of("server-socket", "--late-bind"), false),
            new Kind(List.of("server-socket", "--virtual"), true),
            new Kind(List.of("nio-selector"), false),
            new Kind(List.of("nio-blocking"), false),
            new Kind(List.of("nio-blocking", "--late-bind"), false),
            new Kind(List.of("async"), false),
            new Kind(List.of("datagram-socket"), false),
            new Kind(List.of("datagram-socket", "--late-bind"), false),
            new Kind(List.of("datagram-socket", "--virtual"), true),
            new Kind(List.of("datagram-channel"), false),
            new Kind(List.of("multicast-socket"), false));

    static Stream<Arguments> kinds() {
        return ItEnvironment.jdks().flatMap(jvm -> KINDS.stream()
                .filter(k -> !k.virtualThreads() || !jvm.toString().contains("17"))
                .map(k -> Arguments.of(jvm, k)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("kinds")
    void assignedListenersBindWhereDnsSaysAndTheApplicationSeesIt(ChildJvm jvm, Kind kind) throws IOException {
        try (DemoServer server = DemoServer.start(jvm, agent("address=127.0.0.123"), kind.withPort())) {
            assertEquals(kind.assignedTo123(), server.awaitListening(), "the application's getLocalAddress()");
            String answer = server.request(kind.assignedTo123());
            assertTrue(answer.contains("LISTENER=" + kind.assignedTo123()), answer);
            assertFalse(server.answers("127.0.0.123:" + (kind.udp() ? 5060 : 8080)), "nothing on the asked port");
            server.child().awaitStderr("the bind logged", lines -> lines.stream().anyMatch(l -> l.contains(
                    "asked 0.0.0.0:" + (kind.udp() ? 5060 : 8080) + ", active at " + kind.assignedTo123())),
                    DemoServer.WAIT);
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("kinds")
    void unassignedListenersParkOnLoopbackAndTheApplicationRuns(ChildJvm jvm, Kind kind) throws IOException {
        try (DemoServer server = DemoServer.start(jvm, agent("address=127.0.0.125"), kind.withPort())) {
            String parked = server.awaitListening();
            assertTrue(parked.startsWith("127.0.0.1:"), parked);
            assertTrue(server.request(parked).contains("LISTENER=" + parked));
        }
    }

    /** The rest of the contract, on the two most common kinds. */
    static Stream<Arguments> blockingKinds() {
        return ItEnvironment.jdks().flatMap(jvm -> Stream.of(KINDS.get(0), KINDS.get(7)).map(k -> Arguments.of(jvm, k)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("blockingKinds")
    void unassignedFailThrowsABindExceptionNamingServiceAndIdentity(ChildJvm jvm, Kind kind) {
        try (DemoServer server = DemoServer.start(jvm, agent("address=127.0.0.125,unassigned=fail"),
                kind.withPort())) {
            ChildProcess.Result r = server.awaitExit();
            assertEquals(3, r.exitCode(), r.describe());
            String service = kind.udp() ? "sip/udp" : "http/tcp";
            assertTrue(r.stdout().contains("BIND FAILED BindException: svccfg: no tuple") && r.stdout().contains(
                    service) && r.stdout().contains("127.0.0.125") && r.stdout().contains("example.test"),
                    r.describe());
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("blockingKinds")
    void unassignedPassthroughBindsAsAsked(ChildJvm jvm, Kind kind) throws IOException {
        try (DemoServer server = DemoServer.start(jvm, agent("address=127.0.0.125,unassigned=passthrough"),
                kind.withPort("--address", "127.0.0.125"))) {
            String asked = "127.0.0.125:" + (kind.udp() ? 5060 : 8080);
            assertEquals(asked, server.awaitListening());
            assertTrue(server.answers(asked));
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("blockingKinds")
    void anUnmanagedPortIsUntouched(ChildJvm jvm, Kind kind) {
        try (DemoServer server = DemoServer.start(jvm, agent("address=127.0.0.123"), kind.withPort("--port",
                "18999", "--address", "127.0.0.123"))) {
            assertEquals("127.0.0.123:18999", server.awaitListening());
            assertTrue(server.answers("127.0.0.123:18999"));
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("blockingKinds")
    void twoAssignedAddressesOnOnePortAreBothServed(ChildJvm jvm, Kind kind) {
        String port = kind.udp() ? "15070" : "18080";
        try (DemoServer server = DemoServer.start(jvm, agent("address=127.0.0.121,address=127.0.0.122"),
                kind.withPort())) {
            String listening = server.awaitListening();
            assertTrue(listening.endsWith(":" + port), listening);
            await().atMost(DemoServer.WAIT).until(() -> server.answers("127.0.0.121:" + port)
                    && server.answers("127.0.0.122:" + port));
        }
    }

    @OnEachJdk
    void withoutDnsWithinTheWaitTheListenerParks(ChildJvm jvm) {
        String dead = "127.0.0.1:" + FreePorts.udpAndTcp();
        try (DemoServer server = DemoServer.start(jvm, "domain=example.test,dns=" + dead
                + ",address=127.0.0.123,first-read-wait=500ms", "server-socket", "--port", "8080")) {
            assertTrue(server.awaitListening().startsWith("127.0.0.1:"));
            server.child().awaitStderr("why it parked", lines -> lines.stream().anyMatch(l -> l.contains(
                    "DNS not read within 500 ms")), Duration.ofSeconds(30));
        }
    }
}
