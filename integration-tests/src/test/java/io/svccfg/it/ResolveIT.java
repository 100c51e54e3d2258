package io.svccfg.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@code java -jar svccfg.jar resolve ...} against a real BIND serving the patent's FIG. 1 zone. */
class ResolveIT {
    private static final Set<String> KEYS =
            Set.of("service", "transport", "address", "port", "priority", "weight", "target", "domain", "ttl");

    /** Shared by the tests that only read; tests that change or stop the server start their own. */
    private static Bind9 fig1;

    @BeforeAll
    static void startDns() {
        fig1 = Bind9.startFig1();
    }

    @AfterAll
    static void stopDns() {
        if (fig1 != null) {
            fig1.close();
        }
    }

    @OnEachJdk
    void jsonListsTheHttpTuplesWithPriorityOneFirst(ChildJvm jvm) {
        List<Map<String, Object>> tuples = resolveJson(jvm, fig1, "example.test", "http", "tcp");

        assertEquals(3, tuples.size(), () -> "tuples: " + tuples);
        for (Map<String, Object> t : tuples) {
            assertEquals(KEYS, t.keySet(), "exactly these keys: " + t);
            assertAll(t.toString(),
                    () -> assertEquals("http", t.get("service")),
                    () -> assertEquals("tcp", t.get("transport")),
                    () -> assertEquals("example.test", t.get("domain")),
                    () -> assertEquals(100, assertInstanceOf(Number.class, t.get("weight")).longValue()),
                    () -> assertEquals(60, assertInstanceOf(Number.class, t.get("ttl")).longValue()),
                    () -> assertEquals(target(t), t.get("target"), "target follows the address, no trailing dot"));
        }
        // RFC 2782: the two priority-1 tuples in either order (chosen by weight), then the priority-2 one.
        assertEquals(Set.of(endpoint("127.0.0.121", 18080, 1), endpoint("127.0.0.122", 18080, 1)),
                Set.copyOf(endpoints(tuples.subList(0, 2))));
        assertEquals(endpoint("127.0.0.123", 18081, 2), endpoints(tuples).get(2));
    }

    @OnEachJdk
    void smtpGivesItsTwoTuplesInPriorityOrder(ChildJvm jvm) {
        List<Map<String, Object>> tuples = resolveJson(jvm, fig1, "example.test", "smtp");

        assertEquals(List.of(endpoint("127.0.0.123", 10023, 1), endpoint("127.0.0.124", 10023, 2)), endpoints(tuples));
        assertEquals("smtp", tuples.get(0).get("service"));
    }

    @OnEachJdk
    void textIsAnAlignedTableWithOneLinePerTuple(ChildJvm jvm) {
        ChildProcess.Result r = jvm.svccfg("resolve", "example.test", "http", "tcp", "--dns", fig1.hostPort());

        assertEquals(0, r.exitCode(), r::describe);
        List<String> lines = r.stdout().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(4, lines.size(), () -> "a header and 3 tuples:\n" + r.stdout());
        String header = lines.get(0);
        assertTrue(header.startsWith("SERVICE"), () -> "header: " + header);
        // Aligned: each tuple's address and port start right under their column's heading.
        List<String> rows = lines.subList(1, 4);
        for (String row : rows) {
            assertTrue(row.startsWith("http"), row);
            assertEquals(column(header, "ADDRESS"), row.indexOf("127.0.0.12"), () -> header + "\n" + row);
            assertEquals(column(header, "PORT"), row.indexOf(" 1808") + 1, () -> header + "\n" + row);
        }
        assertTrue(rows.get(2).contains("127.0.0.123"), () -> "priority 2 comes last:\n" + r.stdout());
    }

    @OnEachJdk
    void aServiceWithoutRecordsGivesAnEmptyArray(ChildJvm jvm) {
        assertEquals(List.of(), resolveJson(jvm, fig1, "example.test", "nosuch", "tcp"));
    }

    @OnEachJdk
    void aNameThatDoesNotExistGivesAnEmptyArray(ChildJvm jvm) {
        // NXDOMAIN from the authoritative server. (A name outside its zones, like nosuchdomain.test, is REFUSED by
        // a server without recursion: that is a failure, see refusedIsAFailure.)
        assertEquals(List.of(), resolveJson(jvm, fig1, "nosuchdomain.example.test", "http"));
    }

    @OnEachJdk
    void refusedIsAFailure(ChildJvm jvm) {
        assertOneErrorLine(jvm.svccfg("resolve", "nosuchdomain.test", "http", "--json", "--dns", fig1.hostPort()));
    }

    @OnEachJdk
    void noDnsServerIsAFailureOfOneLine(ChildJvm jvm) {
        String nobody = "127.0.0.1:" + FreePorts.udpAndTcp();
        assertOneErrorLine(jvm.svccfg("resolve", "example.test", "http", "--json", "--dns", nobody));
    }

    @OnEachJdk
    void aDnsServerThatStopsIsAFailureOfOneLine(ChildJvm jvm) {
        try (Bind9 dns = Bind9.startFig1()) {
            assertEquals(3, resolveJson(jvm, dns, "example.test", "http").size(), "before the stop");
            dns.stop();
            assertOneErrorLine(jvm.svccfg("resolve", "example.test", "http", "--json", "--dns", dns.hostPort()));
        }
    }

    @OnEachJdk
    void aChangeMadeWithNsupdateShowsInTheNextResolve(ChildJvm jvm) {
        try (Bind9 dns = Bind9.startFig1()) {
            assertFalse(addresses(resolveJson(jvm, dns, "example.test", "http")).contains("127.0.0.125"));

            dns.update("update add _http._tcp.example.test. 60 SRV 1 100 18080 host125.example.test.");

            List<Map<String, Object>> tuples = resolveJson(jvm, dns, "example.test", "http");
            assertEquals(4, tuples.size(), () -> "tuples: " + tuples);
            assertTrue(endpoints(tuples.subList(0, 3)).contains(endpoint("127.0.0.125", 18080, 1)),
                    () -> "the new priority-1 tuple comes before the priority-2 one: " + tuples);
        }
    }

    @OnEachJdk
    void versionAndHelpExitZero(ChildJvm jvm) {
        ChildProcess.Result version = jvm.svccfg("--version");
        assertEquals(0, version.exitCode(), version::describe);
        assertTrue(version.stdout().startsWith("svccfg "), version::describe);

        ChildProcess.Result help = jvm.svccfg("--help");
        assertEquals(0, help.exitCode(), help::describe);
        assertTrue(help.stdout().contains("resolve"), help::describe);
    }

    @OnEachJdk
    void aBadCommandLineIsAnErrorOfOneLine(ChildJvm jvm) {
        assertOneErrorLine(jvm.svccfg("resolve", "onlyonearg"));
    }

    // --- helpers ---

    /** {@code resolve DOMAIN SERVICE [TRANSPORT] --dns SERVER --json}, which must succeed with a JSON array. */
    private static List<Map<String, Object>> resolveJson(ChildJvm jvm, Bind9 dns, String... domainServiceTransport) {
        List<String> args = new ArrayList<>(List.of("resolve"));
        args.addAll(List.of(domainServiceTransport));
        args.addAll(List.of("--dns", dns.hostPort(), "--json"));
        ChildProcess.Result r = jvm.svccfg(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals("", r.stderr(), r::describe);
        Object json = Json.parse(r.stdout());
        List<?> array = assertInstanceOf(List.class, json, r::describe);
        List<Map<String, Object>> tuples = new ArrayList<>();
        for (Object element : array) {
            @SuppressWarnings("unchecked")
            Map<String, Object> tuple = assertInstanceOf(Map.class, element, r::describe);
            tuples.add(tuple);
        }
        return tuples;
    }

    /** Exit status 2 and one line on stderr that says what went wrong, without a stack trace. */
    private static void assertOneErrorLine(ChildProcess.Result r) {
        assertEquals(2, r.exitCode(), r::describe);
        List<String> lines = r.stderrLines();
        assertEquals(1, lines.size(), r::describe);
        assertTrue(lines.get(0).startsWith("svccfg:"), r::describe);
        assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("Exception in thread"), r::describe);
    }

    /** Where the heading {@code name} starts: a whole word, as PORT is also the end of TRANSPORT. */
    private static int column(String header, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\b").matcher(header);
        assertTrue(m.find(), () -> "header lacks " + name + ": " + header);
        return m.start();
    }

    /** address:port/priority, typed: the JSON numbers must be numbers, the address a string. */
    private record Endpoint(String address, long port, long priority) {
    }

    private static Endpoint endpoint(String address, int port, int priority) {
        return new Endpoint(address, port, priority);
    }

    private static List<Endpoint> endpoints(List<Map<String, Object>> tuples) {
        return tuples.stream().map(t -> new Endpoint(assertInstanceOf(String.class, t.get("address"), t::toString),
                assertInstanceOf(Number.class, t.get("port"), t::toString).longValue(),
                assertInstanceOf(Number.class, t.get("priority"), t::toString).longValue())).toList();
    }

    private static List<String> addresses(List<Map<String, Object>> tuples) {
        return endpoints(tuples).stream().map(Endpoint::address).toList();
    }

    /** In FIG. 1, 127.0.0.NNN is hostNNN.example.test. */
    private static String target(Map<String, Object> tuple) {
        String address = String.valueOf(tuple.get("address"));
        return "host" + address.substring(address.lastIndexOf('.') + 1) + ".example.test";
    }
}
