package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A read asks what is in use, against a real BIND 9 and the real agent in a child JVM: the SRV records of the
 * services of the application's listeners (with the built-in service table) or of {@code service=}, and no address
 * of a target whose addresses BIND sends in the SRV answer's additional section; a listener of a service that no read
 * has covered yet still binds where DNS says, at once (with polling off), through a read of its own.
 *
 * <p>Other integration tests run on this machine at the same time: this class uses only its own zone, the address
 * 127.0.0.210 and SRV ports 58210-58212.
 */
class ReadsAskWhatIsInUseIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HOST = "127.0.0.210";
    private static final String HTTP = HOST + ":58210";
    private static final String SMTP = HOST + ":58211";
    private static final String SIP = HOST + ":58212";
    private static final String ZONE = Bind9.zone("""
            _http._tcp  SRV  1 100 58210 host210
            _smtp._tcp  SRV  1 100 58211 host210
            _sip._udp   SRV  1 100 58212 host210
            host210     A    127.0.0.210
            """);

    /** Polling off (also while nothing is for this host): every read below is one this test caused. */
    private static String options(Bind9 dns, String more) {
        return "domain=example.test,dns=" + dns.hostPort() + ",address=" + HOST + ",poll=1h,idle-poll=1h" + more;
    }

    /**
     * Starts {@link BindOnRequestApp} under the agent, with only this module's test classes on its class path: the
     * agent's classes then come from the agent jar alone, not from a copy on the tests' class path.
     */
    private static ChildProcess start(ChildJvm jvm, String options) {
        ChildProcess app = jvm.start(List.of("-javaagent:" + ItEnvironment.agentJar() + "=" + options, "-cp",
                ItEnvironment.testClasses(), BindOnRequestApp.class.getName()), Map.of(), null);
        await("READY").atMost(WAIT).until(() -> app.stdout().contains("READY") || !app.isAlive());
        return app;
    }


    /** Tells the application to bind {@code transportAndPort} and returns where it listens, as it sees it. */
    private static String bind(ChildProcess app, String transportAndPort) {
        long before = listening(app).size();
        app.send(transportAndPort);
        await("LISTENING for " + transportAndPort).atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> listening(app).size() > before || !app.isAlive());
        List<String> seen = listening(app);
        assertTrue(seen.size() > before, () -> app.stdout() + "\n" + app.stderr());
        return seen.get(seen.size() - 1);
    }

    private static List<String> listening(ChildProcess app) {
        return app.stdout().lines().filter(l -> l.startsWith("LISTENING ")).map(l -> l.substring(10)).toList();
    }

    /** The agent's status once its latest read has ended (polls counts reads as they start, lastRead as they end). */
    private static Map<String, Object> settled(ChildJvm jvm, ChildProcess app, long pollsAtLeast) {
        List<Map<String, Object>> last = new ArrayList<>();
        // ignoreExceptions: status fails until the agent has published it.
        await("read #" + pollsAtLeast + " ended").atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
            Map<String, Object> status = AgentStatus.of(jvm, app.pid());
            last.add(0, status);
            Map<String, Object> again = AgentStatus.of(jvm, app.pid());
            // No read ran between the two looks, and the last one to start has ended.
            return AgentStatus.number(status, "polls") >= pollsAtLeast && status.get("lastRead") != null
                    && Objects.equals(status.get("lastRead"), again.get("lastRead"))
                    && AgentStatus.number(status, "polls") == AgentStatus.number(again, "polls")
                    && AgentStatus.number(status, "questions") == AgentStatus.number(again, "questions");
        });
        return last.get(0);
    }

    /** Questions of the full read a NOTIFY causes (an update BIND tells the agent of at once). */
    private static long questionsOfAFullRead(ChildJvm jvm, ChildProcess app, Bind9 dns, String name) {
        Map<String, Object> before = settled(jvm, app, 1);
        dns.update("update add " + name + ".example.test. 60 A 127.0.0.9");
        Map<String, Object> after = settled(jvm, app, AgentStatus.number(before, "polls") + 1);
        assertEquals(AgentStatus.number(before, "notifies") + 1, AgentStatus.number(after, "notifies"),
                after::toString);
        assertEquals(AgentStatus.number(before, "polls") + 1, AgentStatus.number(after, "polls"), after::toString);
        return AgentStatus.number(after, "questions") - AgentStatus.number(before, "questions");
    }

    /**
     * The SOA and one SRV question per service in use; host210's address comes in BIND's additional section. With
     * the built-in table and every service read, as before, a full read asked 1 + 17 * 2 + 2 = 37.
     */
    @OnEachJdk
    void aFullReadAsksTheServicesOfTheListenersOneThenThree(ChildJvm jvm) {
        int notifyPort = FreePorts.udpAndTcp();
        try (Bind9 dns = Bind9.startNotifying(Bind9.FIG1_DOMAIN, ZONE, notifyPort);
                ChildProcess app = start(jvm, options(dns, ",notify=127.0.0.1:" + notifyPort + ",tsig="
                        + dns.tsig()))) {
            assertEquals(HTTP, bind(app, "tcp 8080"));
            assertEquals(1 + 1, questionsOfAFullRead(jvm, app, dns, "one"), "SOA, _http._tcp");

            assertEquals(SMTP, bind(app, "tcp 25"));
            assertEquals(SIP, bind(app, "udp 5060"));
            assertEquals(1 + 3, questionsOfAFullRead(jvm, app, dns, "three"), "SOA, _http._tcp, _smtp._tcp, _sip._udp");

            Map<String, Object> status = settled(jvm, app, 1);
            assertEquals(3, ((List<?>) status.get("tuples")).size(), status::toString);
        }
    }

    /**
     * With polling off, a listener of a service that the reads so far did not ask for binds where DNS says: its bind
     * makes the agent read that service before it decides, once.
     */
    @OnEachJdk
    void aListenerOfAServiceNoReadCoveredBindsWhereDnsSaysAtOnce(ChildJvm jvm) {
        try (Bind9 dns = Bind9.start(Bind9.FIG1_DOMAIN, ZONE);
                ChildProcess app = start(jvm, options(dns, ""))) {
            assertEquals(HTTP, bind(app, "tcp 8080"));
            Map<String, Object> before = settled(jvm, app, 1);

            long start = System.nanoTime();
            assertEquals(SMTP, bind(app, "tcp 25"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            Map<String, Object> after = settled(jvm, app, AgentStatus.number(before, "polls") + 1);
            assertEquals(AgentStatus.number(before, "polls") + 1, AgentStatus.number(after, "polls"),
                    "one read for the new service: " + after);
            assertEquals(1 + 2, AgentStatus.number(after, "questions") - AgentStatus.number(before, "questions"),
                    "SOA, _http._tcp, _smtp._tcp: " + after);
            assertTrue(millis < 10_000, millis + " ms");
            assertTrue(app.stderr().contains("smtp/tcp asked 0.0.0.0:25, active at " + SMTP), app::stderr);
        }
    }

    /** {@code service=} names what every read asks, over TCP and UDP, before any listener binds. */
    @OnEachJdk
    void theServicesNamedWithServiceAreReadBeforeAnyListenerBinds(ChildJvm jvm) {
        try (Bind9 dns = Bind9.start(Bind9.FIG1_DOMAIN, ZONE);
                ChildProcess app = start(jvm, options(dns, ",service=http:8080,service=smtp:25"))) {
            Map<String, Object> status = settled(jvm, app, 1);
            assertEquals(1, AgentStatus.number(status, "polls"), status::toString);
            assertEquals(1 + 2 * 2, AgentStatus.number(status, "questions"), "SOA, http and smtp over tcp and udp: "
                    + status);
            assertEquals(2, ((List<?>) status.get("tuples")).size(), status::toString);

            assertEquals(HTTP, bind(app, "tcp 8080"));
            Map<String, Object> after = settled(jvm, app, 1);
            assertEquals(1, AgentStatus.number(after, "polls"), "no read for a service read already: " + after);
        }
    }
}
