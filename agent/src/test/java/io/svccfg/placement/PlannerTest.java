package io.svccfg.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.fleet.Fleet;
import io.svccfg.fleet.Server;
import io.svccfg.fleet.Service;
import io.svccfg.tuple.Transport;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static Server server(String name, double capacity, String... services) {
        return new Server(name, List.of(), capacity, Set.of(services), Map.of());
    }

    private static Service service(String name, double volume, int spares) {
        return new Service(name, Transport.TCP, 80, volume, spares);
    }

    private static Fleet fleet(List<Server> servers, List<Service> services) {
        return new Fleet("example.test", 60, servers, services);
    }

    private static String where(Placement placement) {
        return placement.slots().stream()
                .map(s -> s.service().name() + "@" + s.server().name() + "/" + s.priority() + "/" + s.weight())
                .toList().toString();
    }

    @Test
    void patentCaseGivesTheHigherVolumeToTheHigherCapacity() throws ImpossibleFleetException {
        Server a = server("a", 1000);
        Server b = server("b", 500);
        Service http = service("http", 800, 0);
        Service smtp = service("smtp", 300, 0);
        Placement placement = Planner.plan(fleet(List.of(a, b), List.of(http, smtp)), List.of());
        assertEquals("[http@a/1/10000, smtp@b/1/10000]", where(placement));
        assertEquals(800, placement.given(http), 1e-9);
        assertEquals(0.8, placement.utilisation(a), 1e-9);
        assertEquals(0.6, placement.utilisation(b), 1e-9);
    }

    @Test
    void aVolumeBeyondAnyOneServerIsSplitInProportionToTheLoads() throws ImpossibleFleetException {
        Service http = service("http", 900, 0);
        Placement placement = Planner.plan(fleet(List.of(server("a", 600), server("b", 600)), List.of(http)),
                List.of());
        assertEquals(2, placement.of(http).size());
        assertEquals(900, placement.given(http), 1e-9);
        for (Slot slot : placement.of(http)) {
            assertTrue(slot.load() <= 600 + 1e-9, slot.toString());
            assertEquals(Math.round(slot.load() / 900 * Weights.TOTAL), slot.weight(), 1, slot.toString());
        }
        assertEquals(Weights.TOTAL, placement.of(http).stream().mapToInt(Slot::weight).sum());
    }

    @Test
    void servicesListsAreRespected() throws ImpossibleFleetException {
        Server onlySmtp = server("big", 10_000, "smtp");
        Server small = server("small", 1000);
        Service http = service("http", 900, 0);
        Service smtp = service("smtp", 100, 0);
        Placement placement = Planner.plan(fleet(List.of(onlySmtp, small), List.of(http, smtp)), List.of());
        assertEquals(List.of(small), placement.of(http).stream().map(Slot::server).toList());
        assertEquals(900, placement.given(http), 1e-9);
        assertEquals(100, placement.given(smtp), 1e-9);
    }

    @Test
    void sparesStandByAtPriorityTwoWithEnoughHeadroom() throws ImpossibleFleetException {
        Server a = server("a", 1000);
        Server b = server("b", 1000);
        Server c = server("c", 400);
        Service http = service("http", 500, 1);
        Placement placement = Planner.plan(fleet(List.of(a, b, c), List.of(http)), List.of());
        List<Slot> spares = placement.of(http).stream().filter(s -> s.priority() == Slot.SPARE).toList();
        List<Slot> serving = placement.of(http).stream().filter(s -> s.priority() == Slot.SERVES).toList();
        assertEquals(1, spares.size(), where(placement));
        assertEquals(0, spares.get(0).load());
        assertTrue(serving.stream().noneMatch(s -> s.server().equals(spares.get(0).server())), where(placement));
        double largest = serving.stream().mapToDouble(Slot::load).max().orElseThrow();
        Server spare = spares.get(0).server();
        assertTrue(spare.capacity() * (1 - placement.utilisation(spare)) >= largest, where(placement));
    }

    @Test
    void theSparesDnsHoldsNowAreKept() throws ImpossibleFleetException {
        // "big" fills a and b; http fits on one of c, d, e, and either other one can stand by.
        Fleet fleet = fleet(List.of(server("a", 1000, "big"), server("b", 1000, "big"), server("c", 1000, "http"),
                server("d", 1000, "http"), server("e", 1000, "http")),
                List.of(service("big", 1800, 0), service("http", 500, 1)));
        Placement first = Planner.plan(fleet, List.of());
        List<String> idle = List.of("c", "d", "e").stream()
                .filter(n -> first.slots().stream().noneMatch(s -> s.server().name().equals(n))).toList();
        assertEquals(1, idle.size(), where(first));
        List<Held> now = RandomFleets.held(first).stream()
                .map(h -> h.priority() == Slot.SPARE ? new Held(h.service(), h.transport(), idle.get(0), 2, 1, 80) : h)
                .toList();
        Placement again = Planner.plan(fleet, now);
        assertEquals(List.of(idle.get(0)), again.slots().stream().filter(s -> s.priority() == Slot.SPARE)
                .map(s -> s.server().name()).toList(), where(again));
    }

    @Test
    void sparesThatCannotBeMetAreNamed() {
        Fleet fleet = fleet(List.of(server("a", 1000), server("b", 100)), List.of(service("http", 900, 1)));
        ImpossibleFleetException e = assertThrows(ImpossibleFleetException.class,
                () -> Planner.plan(fleet, List.of()));
        assertEquals(1, e.shortfalls().size(), e.shortfalls().toString());
        assertTrue(e.shortfalls().get(0).startsWith("http/tcp: 1 spares take at most"), e.shortfalls().toString());
    }

    @Test
    void tooFewServersToStandByAreNamed() {
        Fleet fleet = fleet(List.of(server("a", 1000), server("b", 1000, "smtp")),
                List.of(service("http", 100, 1), service("smtp", 100, 0)));
        ImpossibleFleetException e = assertThrows(ImpossibleFleetException.class,
                () -> Planner.plan(fleet, List.of()));
        assertEquals(List.of("http/tcp: 1 spares wanted, 0 servers may stand by"), e.shortfalls());
    }

    @Test
    void volumeBeyondCapacityIsNamedPerService() {
        Fleet fleet = fleet(List.of(server("host1", 600, "http"), server("host2", 600), server("host3", 5000, "ftp")),
                List.of(service("http", 1500, 0), service("smtp", 10, 0), service("sip", 10, 0)));
        Fleet noServer = fleet(List.of(server("host1", 600, "http")),
                List.of(service("http", 100, 0), service("smtp", 10, 0)));
        ImpossibleFleetException e = assertThrows(ImpossibleFleetException.class,
                () -> Planner.plan(fleet, List.of()));
        assertEquals(
                List.of("http/tcp: volume 1500 > 1200 that the servers allowed to run it can carry (host1, host2)"),
                e.shortfalls());
        ImpossibleFleetException none = assertThrows(ImpossibleFleetException.class,
                () -> Planner.plan(noServer, List.of()));
        assertEquals(List.of("smtp/tcp: no server may run it"), none.shortfalls());
    }

    @Test
    void servicesSharingTooFewServersAreNamedTogether() {
        Fleet fleet = fleet(List.of(server("host1", 1000, "http", "smtp"), server("host2", 5000, "ftp")),
                List.of(service("http", 700, 0), service("smtp", 700, 0), service("ftp", 10, 0)));
        ImpossibleFleetException e = assertThrows(ImpossibleFleetException.class,
                () -> Planner.plan(fleet, List.of()));
        assertEquals(List.of("http/tcp, smtp/tcp: volume 1400 > 1000 that the servers allowed to run them can carry "
                + "(host1)"), e.shortfalls());
    }

    @Test
    void theSamePlanTwice() throws ImpossibleFleetException {
        Fleet fleet = RandomFleets.of(7, 40, 12, 0.6);
        assertEquals(Planner.plan(fleet, List.of()), Planner.plan(fleet, List.of()));
    }

    @Test
    void aServiceOfVolumeZeroStillHasAServer() throws ImpossibleFleetException {
        Service quiet = service("quiet", 0, 0);
        Placement placement = Planner.plan(fleet(List.of(server("a", 100)), List.of(quiet)), List.of());
        assertEquals(1, placement.of(quiet).size());
        assertEquals(0, placement.given(quiet));
        assertEquals(Weights.TOTAL, placement.of(quiet).get(0).weight());
    }

    @Test
    void aDrainedServerCarriesNothing() throws ImpossibleFleetException {
        Server drained = server("drained", 0);
        Placement placement = Planner.plan(fleet(List.of(drained, server("a", 100)), List.of(service("x", 50, 0))),
                List.of());
        assertEquals(List.of(), placement.on(drained));
        assertEquals(0, placement.utilisation(drained));
    }

    @Test
    void slotsAreInFleetOrder() throws ImpossibleFleetException {
        Placement placement = Planner.plan(RandomFleets.of(3, 30, 8, 0.5), List.of());
        Fleet fleet = RandomFleets.of(3, 30, 8, 0.5);
        for (int i = 1; i < placement.slots().size(); i++) {
            Slot before = placement.slots().get(i - 1);
            Slot after = placement.slots().get(i);
            int order = Integer.compare(fleet.services().indexOf(before.service()),
                    fleet.services().indexOf(after.service()));
            if (order == 0) {
                order = Integer.compare(before.priority(), after.priority());
            }
            if (order == 0) {
                order = Integer.compare(fleet.servers().indexOf(before.server()),
                        fleet.servers().indexOf(after.server()));
            }
            assertTrue(order < 0, before + " before " + after);
        }
    }

    @Test
    void weightsKeepTheirTotalAndAtLeastOne() {
        int[] weights = Weights.apportion(new double[] {1e-9, 1, 1, 1}, new int[4], 0);
        assertEquals(Weights.TOTAL, java.util.stream.IntStream.of(weights).sum());
        assertEquals(1, weights[0]);
        assertEquals(List.of(3333, 3333, 3333), List.of(weights[1], weights[2], weights[3]));
        int[] kept = Weights.apportion(new double[] {0.50004, 0.49996}, new int[] {5001, 4999}, 0);
        assertEquals(List.of(5001, 4999), List.of(kept[0], kept[1]), "a fair rounding held now is kept");
    }

    @Test
    void leastUtilisationOfTheFlowsMatchesTheLinearProgramme() {
        for (long seed = 0; seed < 20; seed++) {
            Pairs pairs = new Pairs(RandomFleets.of(seed, 30, 10, 0.5 + seed % 5 * 0.1));
            assertEquals(LeastUtilisationProgramme.of(pairs), LeastUtilisation.of(pairs), 1e-6, "seed " + seed);
        }
    }
}
