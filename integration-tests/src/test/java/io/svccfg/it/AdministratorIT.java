package io.svccfg.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.admin.FleetRecords;
import io.svccfg.admin.RecordDiff;
import io.svccfg.admin.Zone;
import io.svccfg.admin.ZoneException;
import io.svccfg.admin.ZoneState;
import io.svccfg.config.OptionValues;
import io.svccfg.fleet.Fleet;
import io.svccfg.fleet.FleetFile;
import io.svccfg.placement.Held;
import io.svccfg.placement.Planner;
import io.svccfg.tuple.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code svccfg plan} and {@code apply} (the real jar) against a real BIND: the plan of the patent's case, the update
 * it writes, agents in child JVMs that follow it by NOTIFY, a second apply that changes nothing, a server removed
 * from the fleet file whose service moves to the other, and an update that a concurrent change stops.
 */
class AdministratorIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String HOST_A = "127.0.0.161";
    private static final String HOST_B = "127.0.0.162";
    private static final int HTTP = 38161;
    private static final int SMTP = 38162;

    /** The patent's case: the higher volume (http) goes to the higher capacity (host161). */
    private static final String FLEET = fleet("""
              - name: host161
                addresses: [%s]
                capacity: 1000
              - name: host162
                addresses: [%s]
                capacity: 500
            """.formatted(HOST_A, HOST_B));

    /** host161 leaves the fleet; host162 grows to carry both services. */
    private static final String FLEET_WITHOUT_A = fleet("""
              - name: host162
                addresses: [%s]
                capacity: 1200
            """.formatted(HOST_B));

    /** A fleet file of {@code servers} and the two services, http (volume 800) and smtp (300). */
    private static String fleet(String servers) {
        return "domain: example.test\nttl: 60\nservers:\n" + servers + """
                services:
                  - name: http
                    transport: tcp
                    port: %d
                    volume: 800
                  - name: smtp
                    transport: tcp
                    port: %d
                    volume: 300
                """.formatted(HTTP, SMTP);
    }

    @TempDir
    Path dir;

    private final ChildJvm jvm = ItEnvironment.jdks().findFirst().orElseThrow();

    @Test
    void applyWritesThePlanAgentsFollowAndASecondApplyChangesNothing() throws Exception {
        int notifyA = FreePorts.udpAndTcp();
        int notifyB = FreePorts.udpAndTcp();
        try (Bind9 dns = Bind9.startNotifying(Bind9.FIG1_DOMAIN, Bind9.zone(""), notifyA, notifyB);
                DemoServer a = DemoServer.start(jvm, agent(dns, HOST_A, notifyA), "server-socket", "--port", "8080");
                DemoServer b = DemoServer.start(jvm, agent(dns, HOST_B, notifyB), "server-socket", "--port", "8080")) {
            a.awaitListening();
            b.awaitListening();
            Path fleet = write("fleet.yaml", FLEET);

            Map<String, Object> plan = asMap(Json.parse(run("plan", fleet.toString(), "--dns", dns.hostPort(),
                    "--json").stdout()));
            assertEquals(Map.of("http", List.of("host161"), "smtp", List.of("host162")), serving(plan),
                    plan.toString());
            assertEquals(4, ((List<?>) plan.get("add")).size(), "two SRV and two A records: " + plan);

            ChildProcess.Result applied = run("apply", fleet.toString(), "--dns", dns.hostPort(), "--tsig", dns.tsig());
            assertTrue(applied.stdout().contains("applied: 0 deleted, 4 added; serial 2"), applied.describe());

            // The agents read the new zone at BIND's NOTIFY: http opens on host161 only.
            await("http on host161").atMost(WAIT).until(() -> a.answers(HOST_A + ":" + HTTP));
            assertFalse(b.answers(HOST_B + ":" + HTTP), "host162 runs no http");
            assertEquals(List.of(HOST_A + ":" + HTTP), resolve(dns, "http"));
            assertEquals(List.of(HOST_B + ":" + SMTP), resolve(dns, "smtp"));

            ChildProcess.Result again = run("apply", fleet.toString(), "--dns", dns.hostPort(), "--tsig", dns.tsig());
            assertTrue(again.stdout().contains("no change: DNS holds this plan already (serial 2)"), again.describe());

            // host161 leaves the file: its http record goes, host162's is added, and the agents follow. Its address
            // record stays: a name that left the fleet file is not the fleet's any more.
            Path smaller = write("fleet-without-a.yaml", FLEET_WITHOUT_A);
            ChildProcess.Result moved = run("apply", smaller.toString(), "--dns", dns.hostPort(), "--tsig",
                    dns.tsig());
            assertTrue(moved.stdout().contains("applied: 1 deleted, 1 added; serial 3"), moved.describe());
            await("http on host162").atMost(WAIT).until(() -> b.answers(HOST_B + ":" + HTTP));
            await("http no longer on host161").atMost(WAIT).until(() -> !a.answers(HOST_A + ":" + HTTP));
            assertEquals(List.of(HOST_B + ":" + HTTP), resolve(dns, "http"));
        }
    }

    @Test
    void aChangeBetweenReadAndWriteStopsTheUpdateAndWritesNothing() throws Exception {
        try (Bind9 dns = Bind9.start(Bind9.FIG1_DOMAIN, Bind9.zone(""))) {
            Fleet fleet = FleetFile.read(write("fleet.yaml", FLEET));
            Zone zone = new Zone(fleet.domain(), List.of(OptionValues.hostPort(dns.hostPort(), 53)),
                    Optional.of(OptionValues.tsig(dns.tsig())));
            ZoneState read = zone.read(fleet);
            RecordDiff diff = RecordDiff.between(read.rrsets(),
                    FleetRecords.of(fleet, Planner.plan(fleet, read.held(fleet))));

            dns.update("update add _http._tcp.example.test. 60 SRV 1 1 80 elsewhere.example.test.");
            ZoneException refused = assertThrows(ZoneException.class, () -> zone.update(read, diff));
            assertTrue(refused.getMessage().contains("changed since they were read at serial 1; nothing was"
                    + " written"), refused.getMessage());
            // Only the concurrent change is there: no record of the plan, no address record.
            ZoneState after = zone.read(fleet);
            assertEquals(List.of(new Held("http", Transport.TCP, "elsewhere", 1, 1, 80)), after.held(fleet));
            assertEquals(2, after.serial(), "one update, the concurrent one");
            assertTrue(after.rrsets().entrySet().stream().filter(e -> !e.getKey().toString().contains("SRV"))
                    .allMatch(e -> e.getValue().isEmpty()), after.rrsets().toString());
        }
    }

    @Test
    void anImpossibleFleetNamesItsShortfallAndWritesNothing() throws Exception {
        try (Bind9 dns = Bind9.start(Bind9.FIG1_DOMAIN, Bind9.zone(""))) {
            Path fleet = write("too-small.yaml", FLEET.replace("volume: 800", "volume: 1800"));
            ChildProcess.Result r = jvm.svccfg("apply", fleet.toString(), "--dns", dns.hostPort(), "--tsig",
                    dns.tsig());
            assertEquals(2, r.exitCode(), r.describe());
            assertEquals(1, r.stderr().strip().lines().count(), r.describe());
            assertTrue(r.stderr().contains("the fleet cannot carry its services, nothing written")
                    && r.stderr().contains("http/tcp"), r.describe());
            assertEquals(List.of(), resolve(dns, "http"));
        }
    }

    /** No drain window, so that an endpoint the plan took away stops answering at once. */
    private static String agent(Bind9 dns, String address, int notifyPort) {
        return "domain=example.test,dns=" + dns.hostPort() + ",address=" + address + ",poll=1h,notify=127.0.0.1:"
                + notifyPort + ",tsig=" + dns.tsig() + ",service=http:8080,drain=off";
    }

    private ChildProcess.Result run(String... args) {
        ChildProcess.Result r = jvm.svccfg(args);
        if (r.exitCode() != 0) {
            throw new AssertionError(r.describe());
        }
        return r;
    }

    /** host:port of each tuple of the service, as {@code resolve --json} gives them. */
    private List<String> resolve(Bind9 dns, String service) {
        return tuples(dns, service).stream().map(t -> t.get("address") + ":" + t.get("port")).sorted().toList();
    }

    private List<Map<String, Object>> tuples(Bind9 dns, String service) {
        ChildProcess.Result r = jvm.svccfg("resolve", "example.test", service, "tcp", "--dns", dns.hostPort(),
                "--json");
        return ((List<?>) Json.parse(r.stdout())).stream().map(AdministratorIT::asMap).toList();
    }

    /** Per service, the servers at priority 1. */
    private static Map<String, List<String>> serving(Map<String, Object> plan) {
        return ((List<?>) plan.get("services")).stream().map(AdministratorIT::asMap).collect(
                java.util.stream.Collectors.toMap(s -> (String) s.get("name"), s -> ((List<?>) s.get("slots"))
                        .stream().map(AdministratorIT::asMap).filter(slot -> ((Number) slot.get("priority"))
                                .intValue() == 1).map(slot -> (String) slot.get("server")).toList()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    private Path write(String name, String text) throws java.io.IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
