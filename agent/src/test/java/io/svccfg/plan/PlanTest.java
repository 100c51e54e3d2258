package io.svccfg.plan;

import static io.svccfg.plan.Action.Kind.KEEP;
import static io.svccfg.plan.Action.Kind.MOVE;
import static io.svccfg.plan.Action.Kind.OPEN;
import static io.svccfg.plan.Action.Kind.PARK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.identity.Identity;
import io.svccfg.tuple.Endpoint;
import io.svccfg.tuple.Transport;
import io.svccfg.tuple.Tuple;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanTest {
    static final ListenerKey HTTP = new ListenerKey("http", Transport.TCP, 80);
    static final ListenerKey SMTP = new ListenerKey("smtp", Transport.TCP, 25);
    static final ListenerKey SIP = new ListenerKey("sip", Transport.UDP, 5060);

    /** The patent's FIG. 1 on 10.10.10.121-125, one domain. */
    static final List<Tuple> FIG1 = List.of(
            tuple("http", Transport.TCP, "10.10.10.121", 80, 1, 100),
            tuple("http", Transport.TCP, "10.10.10.122", 80, 1, 100),
            tuple("http", Transport.TCP, "10.10.10.123", 8080, 2, 100),
            tuple("smtp", Transport.TCP, "10.10.10.123", 23, 1, 100),
            tuple("smtp", Transport.TCP, "10.10.10.124", 23, 2, 100));

    static Tuple tuple(String service, Transport transport, String address, int port, int priority, int weight) {
        return tuple(service, transport, address, port, priority, weight, "example.com");
    }

    static Tuple tuple(String service, Transport transport, String address, int port, int priority, int weight,
            String domain) {
        return new Tuple(service, transport, ip(address), port, priority, weight, "host." + domain, domain, 60);
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Identity identity(String... addresses) {
        return Identity.of(Arrays.stream(addresses).map(PlanTest::ip).toList());
    }

    static Endpoint endpoint(String address, int port) {
        return new Endpoint(ip(address), port);
    }

    /** What each of FIG. 1's five servers runs: every server can run http and smtp; DNS decides. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.10.10.121 | 10.10.10.121:80   | none",
        "10.10.10.122 | 10.10.10.122:80   | none",
        "10.10.10.123 | 10.10.10.123:8080 | 10.10.10.123:23",
        "10.10.10.124 | none              | 10.10.10.124:23",
        "10.10.10.125 | none              | none",
    })
    void figureOne(String server, String http, String smtp) {
        SortedMap<ListenerKey, Assignment> plan = Plan.assign(FIG1, identity(server), List.of(HTTP, SMTP));
        assertEquals(http, text(plan.get(HTTP)));
        assertEquals(smtp, text(plan.get(SMTP)));
    }

    static String text(Assignment a) {
        return a.isEmpty() ? "none" : String.join(" ", a.endpoints().stream().map(Endpoint::toString).toList());
    }

    @Test
    void aServiceAssignedTwoAddressesOfThisHostServesBoth() {
        SortedMap<ListenerKey, Assignment> plan =
                Plan.assign(FIG1, identity("10.10.10.121", "10.10.10.123"), List.of(HTTP));
        assertEquals(Assignment.of(endpoint("10.10.10.121", 80), endpoint("10.10.10.123", 8080)), plan.get(HTTP));
    }

    @Test
    void ipv6() {
        List<Tuple> tuples = List.of(tuple("http", Transport.TCP, "2001:db8::121", 8080, 1, 10),
                tuple("http", Transport.TCP, "2001:db8::122", 8080, 1, 10));
        assertEquals(Assignment.of(endpoint("2001:db8::121", 8080)),
                Plan.assign(tuples, identity("2001:db8:0:0::121"), List.of(HTTP)).get(HTTP));
        assertEquals("[2001:db8::121]:8080", endpoint("2001:db8::121", 8080).toString());
    }

    @Test
    void anInterfaceAddressWithAScopeMatchesTheBareAddressInDns() throws Exception {
        InetAddress scoped = java.net.Inet6Address.getByAddress(null, ip("fe80::1").getAddress(), 3);
        Identity identity = Identity.of(List.of(scoped));
        List<Tuple> tuples = List.of(tuple("http", Transport.TCP, "fe80::1", 80, 1, 1));
        assertEquals(1, Plan.assign(tuples, identity, List.of(HTTP)).get(HTTP).endpoints().size());
    }

    @Test
    void theSameServiceInTwoDomainsServesTheUnionWithoutDuplicates() {
        List<Tuple> tuples = List.of(tuple("http", Transport.TCP, "10.10.10.121", 80, 1, 100, "a.example"),
                tuple("http", Transport.TCP, "10.10.10.121", 8081, 1, 100, "b.example"),
                tuple("http", Transport.TCP, "10.10.10.121", 80, 5, 1, "b.example"));
        assertEquals(Assignment.of(endpoint("10.10.10.121", 80), endpoint("10.10.10.121", 8081)),
                Plan.assign(tuples, identity("10.10.10.121"), List.of(HTTP)).get(HTTP));
    }

    @Test
    void aTargetWithoutAddressGivesNoTupleSoNoAssignment() {
        // The tuple source gives no tuple for an SRV record whose target has no A/AAAA: the listener parks.
        assertEquals(Assignment.NONE, Plan.assign(List.of(), identity("10.10.10.121"), List.of(HTTP)).get(HTTP));
    }

    @Test
    void transportMustMatch() {
        List<Tuple> tuples = List.of(tuple("sip", Transport.TCP, "10.10.10.121", 5060, 1, 1),
                tuple("sip", Transport.UDP, "10.10.10.121", 5070, 1, 1));
        ListenerKey sipTcp = new ListenerKey("sip", Transport.TCP, 5060);
        SortedMap<ListenerKey, Assignment> plan = Plan.assign(tuples, identity("10.10.10.121"), List.of(SIP, sipTcp));
        assertEquals(Assignment.of(endpoint("10.10.10.121", 5070)), plan.get(SIP));
        assertEquals(Assignment.of(endpoint("10.10.10.121", 5060)), plan.get(sipTcp));
    }

    @Test
    void listenersSharingAServiceSplitTheEndpointsByTheirRequestedPort() {
        ListenerKey http8080 = new ListenerKey("http", Transport.TCP, 8080);
        List<Tuple> tuples = List.of(tuple("http", Transport.TCP, "10.10.10.121", 8080, 1, 1),
                tuple("http", Transport.TCP, "10.10.10.121", 9000, 1, 1),
                tuple("http", Transport.TCP, "10.10.10.122", 80, 1, 1));
        SortedMap<ListenerKey, Assignment> plan =
                Plan.assign(tuples, identity("10.10.10.121", "10.10.10.122"), List.of(http8080, HTTP));
        assertEquals(Assignment.of(endpoint("10.10.10.121", 8080)), plan.get(http8080));
        assertEquals(Assignment.of(endpoint("10.10.10.121", 9000), endpoint("10.10.10.122", 80)), plan.get(HTTP),
                "an endpoint no listener asked for goes to the lowest requested port");
    }

    @Test
    void everyListenerGetsAnAssignmentEvenWhenDnsIsSilent() {
        assertEquals(Map.of(HTTP, Assignment.NONE, SIP, Assignment.NONE),
                Plan.assign(List.of(), identity(), List.of(HTTP, SIP)));
    }

    @Test
    void actionsFollowThePatentsRule() {
        Assignment a = Assignment.of(endpoint("10.10.10.121", 80));
        Assignment b = Assignment.of(endpoint("10.10.10.121", 81));
        ListenerKey opened = new ListenerKey("a", Transport.TCP, 1);
        ListenerKey moved = new ListenerKey("b", Transport.TCP, 1);
        ListenerKey parked = new ListenerKey("c", Transport.TCP, 1);
        ListenerKey kept = new ListenerKey("d", Transport.TCP, 1);
        ListenerKey stillParked = new ListenerKey("e", Transport.TCP, 1);
        ListenerKey fresh = new ListenerKey("f", Transport.TCP, 1);
        ListenerKey gone = new ListenerKey("g", Transport.TCP, 1);

        Map<ListenerKey, Assignment> current = Map.of(opened, Assignment.NONE, moved, a, parked, a, kept, a,
                stillParked, Assignment.NONE, gone, a);
        Map<ListenerKey, Assignment> next = Map.of(opened, a, moved, b, parked, Assignment.NONE, kept,
                Assignment.of(endpoint("10.10.10.121", 80)), stillParked, Assignment.NONE, fresh, b);

        List<Action> actions = Plan.reconcile(current, next);

        assertEquals(List.of(new Action(opened, OPEN, Assignment.NONE, a), new Action(moved, MOVE, a, b),
                new Action(parked, PARK, a, Assignment.NONE), new Action(kept, KEEP, a, a),
                new Action(stillParked, KEEP, Assignment.NONE, Assignment.NONE),
                new Action(fresh, OPEN, Assignment.NONE, b)), actions);
    }

    /** Every pair of FIG. 1 servers: moving a host's identity from one to another gives the expected kinds. */
    @Test
    void everyTransitionBetweenFigureOneServers() {
        String[] servers = {"10.10.10.121", "10.10.10.122", "10.10.10.123", "10.10.10.124", "10.10.10.125"};
        List<String> seen = new ArrayList<>();
        for (String from : servers) {
            for (String to : servers) {
                Map<ListenerKey, Assignment> before = Plan.assign(FIG1, identity(from), List.of(HTTP, SMTP));
                Map<ListenerKey, Assignment> after = Plan.assign(FIG1, identity(to), List.of(HTTP, SMTP));
                for (Action action : Plan.reconcile(before, after)) {
                    Action.Kind expected = action.from().equals(action.to()) ? KEEP
                            : action.from().isEmpty() ? OPEN : action.to().isEmpty() ? PARK : MOVE;
                    assertEquals(expected, action.kind(), from + " -> " + to + " " + action);
                    seen.add(action.kind().name());
                }
            }
        }
        assertTrue(seen.containsAll(List.of("OPEN", "MOVE", "PARK", "KEEP")), seen.toString());
    }

    @Test
    void thePlanIsDeterministic() {
        List<Tuple> shuffled = new ArrayList<>(FIG1);
        java.util.Collections.reverse(shuffled);
        assertEquals(new TreeMap<>(Plan.assign(FIG1, identity("10.10.10.123"), List.of(SMTP, HTTP))),
                Plan.assign(shuffled, identity("10.10.10.123"), List.of(HTTP, SMTP)));
    }
}
