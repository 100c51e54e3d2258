package io.svccfg.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.tuple.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetFileTest {
    /** A small valid fleet; the error tests change one line of it, so that its line numbers hold. */
    private static final String BASE = """
            domain: example.test
            servers:
              - name: host121
                addresses: [10.10.10.121]
                capacity: 1000
            services:
              - name: http
                transport: tcp
                port: 80
                volume: 1500
            """;

    private static Fleet parse(String text) throws FleetFileException {
        return FleetFile.parse(text, "fleet.yaml");
    }

    /** The one-line message of a refused file, checked for its line and its key words. */
    private static String refused(String text, int line, String... words) {
        FleetFileException e = assertThrows(FleetFileException.class, () -> parse(text));
        String message = e.getMessage();
        assertEquals(line, e.line(), message);
        assertTrue(message.startsWith("fleet.yaml:" + line + ": "), message);
        assertTrue(message.contains("; expected "), message);
        assertFalse(message.contains("\n") || message.contains("\r"), message);
        for (String word : words) {
            assertTrue(message.contains(word), () -> "'" + word + "' not in: " + message);
        }
        return message;
    }

    /** BASE with one line replaced (by one line, or by several to add keys). */
    private static String base(String line, String replacement) {
        assertTrue(BASE.contains(line + "\n"), line);
        return BASE.replace(line + "\n", replacement + "\n");
    }

    @Test
    void readsEveryField() throws FleetFileException {
        Fleet fleet = parse("""
                domain: Example.Test.
                ttl: 300
                servers:
                  - name: host121
                    addresses: [10.10.10.121, "2001:db8::121"]
                    capacity: 1000
                    services: [http, SMTP]
                    ports: {http: 8080}
                  - name: Host122
                    addresses:
                      - 10.10.10.122
                    capacity: 2.5
                services:
                  - name: http
                    transport: tcp
                    port: 80
                    volume: 1500
                    spares: 1
                  - name: smtp
                    transport: TCP
                    port: 25
                    volume: 0.5
                  - name: http
                    transport: udp
                    port: 80
                    volume: 0
                """);

        assertEquals("example.test", fleet.domain(), "lower case, the trailing dot stripped");
        assertEquals(300, fleet.ttl());
        assertEquals(List.of(
                new Server("host121", List.of(address("10.10.10.121"), address("2001:db8::121")), 1000,
                        Set.of("http", "smtp"), Map.of("http", 8080)),
                new Server("host122", List.of(address("10.10.10.122")), 2.5, Set.of(), Map.of())),
                fleet.servers());
        assertEquals(List.of(
                new Service("http", Transport.TCP, 80, 1500, 1),
                new Service("smtp", Transport.TCP, 25, 0.5, 0),
                new Service("http", Transport.UDP, 80, 0, 0)),
                fleet.services());
        assertEquals("host121.example.test.", fleet.targetOf(fleet.servers().get(0)));
    }

    @Test
    void optionalKeysTakeTheirDefaults() throws FleetFileException {
        Fleet fleet = parse(BASE);

        assertEquals(60, fleet.ttl());
        assertEquals(FleetFile.DEFAULT_TTL, fleet.ttl());
        Server server = fleet.servers().get(0);
        assertEquals(Set.of(), server.services(), "no services list: every service");
        assertEquals(Map.of(), server.ports());
        assertEquals(0, fleet.services().get(0).spares());
        assertTrue(server.mayRun(fleet.services().get(0)));
    }

    @Test
    void readsAFileAndNamesItByItsPath(@TempDir Path dir) throws IOException, FleetFileException {
        Path file = dir.resolve("fleet.yaml");
        Files.writeString(file, BASE);
        assertEquals("example.test", FleetFile.read(file).domain());

        Files.writeString(file, base("    capacity: 1000", "    capacity: 0"));
        FleetFileException e = assertThrows(FleetFileException.class, () -> FleetFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ":5: "), e.getMessage());
    }

    @Test
    void emptyFile() {
        assertEquals("fleet.yaml:1: the file is empty; expected a mapping with keys domain, servers, services "
                + "and optionally ttl", refused("", 1));
        refused("# only a comment\n\n", 1, "the file is empty");
    }

    @Test
    void yamlSyntaxErrorAtSnakeYamlsLine() {
        refused(base("  - name: host121", "  - name: host121: x"), 3, "not valid YAML",
                "mapping values are not allowed here", "expected well-formed YAML");
        refused(base("    addresses: [10.10.10.121]", "    addresses: [10.10.10.121"), 5, "not valid YAML");
        refused(BASE + "---\ndomain: other.test\n", 11, "not valid YAML", "another document");
        refused(base("    capacity: 1000", "    capacity: 10\u000100"), 5, "not valid YAML", "special characters");
    }

    @Test
    void topLevelNotAMapping() {
        assertEquals("fleet.yaml:1: the fleet is a list; expected a mapping with keys domain, servers, services "
                + "and optionally ttl", refused("- example.test\n", 1));
        refused("just text\n", 1, "the fleet is the text 'just text'");
    }

    @Test
    void unknownKeyNamedWithTheExpectedOnes() {
        assertEquals("fleet.yaml:2: the fleet: unknown key 'zone'; expected one of domain, servers, services, ttl",
                refused(base("servers:", "zone: x\nservers:"), 2));
        assertEquals("fleet.yaml:6: server host121: unknown key 'capcity'; "
                        + "expected one of name, addresses, capacity, services, ports",
                refused(base("    capacity: 1000", "    capacity: 1000\n    capcity: 10"), 6));
        refused(base("    volume: 1500", "    volume: 1500\n    weight: 3"), 11,
                "service http: unknown key 'weight'", "name, transport, port, volume, spares");
    }

    @Test
    void missingKeyAtTheMappingsLine() {
        assertEquals("fleet.yaml:3: server host121: missing key 'capacity'; "
                        + "expected keys name, addresses, capacity and optionally services, ports",
                refused(base("    capacity: 1000", ""), 3));
        refused(base("    transport: tcp", ""), 7, "service http: missing key 'transport'");
        refused(base("services:", "  - {addresses: [10.10.10.122], capacity: 1}\nservices:"), 6,
                "servers item 2: missing key 'name'");
        refused(base("domain: example.test", "# no domain"), 2, "the fleet: missing key 'domain'");
    }

    @Test
    void duplicateKeyRefused() {
        refused(base("    capacity: 1000", "    capacity: 1000\n    capacity: 2000"), 6,
                "server host121: key 'capacity' is given twice (first at line 5)", "each key once");
    }

    @Test
    void wrongTypes() {
        assertEquals("fleet.yaml:5: server host121: capacity is the text 'abc'; expected a number",
                refused(base("    capacity: 1000", "    capacity: abc"), 5));
        refused(base("    capacity: 1000", "    capacity: \"1000\""), 5, "capacity is the text '1000'");
        refused(base("    capacity: 1000", "    capacity:"), 5, "capacity is empty");
        refused(base("    capacity: 1000", "    capacity: .inf"), 5, "'.inf', not a finite number");
        refused(base("    port: 80", "    port: 80.5"), 9, "service http/tcp: port is the number 80.5",
                "a whole number from 1 to 65535");
        refused(base("    addresses: [10.10.10.121]", "    addresses: 10.10.10.121"), 4,
                "addresses is the text '10.10.10.121'", "a list of");
        refused("domain: example.test\nservers: {host121: 1}\n"
                + "services: [{name: http, transport: tcp, port: 80, volume: 1}]\n", 2, "servers is a mapping",
                "a list of servers");
        refused(base("services:", "  - host122\nservices:"), 6, "servers item 2 is the text 'host122'");
        refused(base("    addresses: [10.10.10.121]", "    addresses: [[10.10.10.121]]"), 4,
                "server host121: an address is a list");
    }

    @Test
    void domainMustBeADnsName() {
        assertEquals("fleet.yaml:1: the fleet: domain 'example..test' is not a DNS name; expected a DNS name such "
                        + "as example.test, labels of letters, digits and inner hyphens",
                refused(base("domain: example.test", "domain: example..test"), 1));
        refused(base("domain: example.test", "domain: exa_mple.test"), 1, "is not a DNS name");
        refused(base("domain: example.test", "domain: -example.test"), 1, "is not a DNS name");
        refused(base("domain: example.test", "domain: ."), 1, "is not a DNS name");
        refused(base("domain: example.test", "domain: " + "a".repeat(64) + ".test"), 1, "is not a DNS name");
    }

    @Test
    void ttlInRange() throws FleetFileException {
        assertEquals(0, parse("ttl: 0\n" + BASE).ttl());
        assertEquals(2147483647, parse("ttl: 2147483647\n" + BASE).ttl());
        assertEquals("fleet.yaml:1: the fleet: ttl is -1, out of range; expected a whole number from 0 to 2147483647",
                refused("ttl: -1\n" + BASE, 1));
        refused("ttl: 2147483648\n" + BASE, 1, "ttl is 2147483648, out of range");
        refused("ttl: 1m\n" + BASE, 1, "ttl is the text '1m'");
    }

    @Test
    void serverNameIsOneLabel() {
        assertEquals("fleet.yaml:3: server host121.example.test: name 'host121.example.test' is not one DNS label; "
                        + "expected one DNS label: 1 to 63 letters, digits and inner hyphens, such as host121",
                refused(base("  - name: host121", "  - name: host121.example.test"), 3));
        refused(base("  - name: host121", "  - name: host_121"), 3, "is not one DNS label");
        refused(base("  - name: host121", "  - name: " + "h".repeat(64)), 3, "is not one DNS label");
    }

    @Test
    void duplicateNames() {
        String twoServers = base("services:", """
                  - name: Host121
                    addresses: [10.10.10.122]
                    capacity: 1000
                services:""");
        assertEquals("fleet.yaml:6: server host121 is defined twice (first at line 3); expected each server name once",
                refused(twoServers, 6));
        String twoServices = BASE + """
                  - name: HTTP
                    transport: tcp
                    port: 8080
                    volume: 1
                """;
        refused(twoServices, 11, "service http/tcp is defined twice (first at line 7)",
                "each service name and transport once");
    }

    @Test
    void ipv6StartingWithAColonInABlockList() throws FleetFileException {
        Fleet fleet = parse(base("    addresses: [10.10.10.121]", "    addresses:\n      - ::1"));
        assertEquals(List.of(address("::1")), fleet.servers().get(0).addresses());
    }

    @Test
    void addressesAreLiterals() {
        String address = "    addresses: [10.10.10.121]";
        assertEquals("fleet.yaml:4: server host121: address 'localhost' is not an IP address; expected an IPv4 or "
                        + "IPv6 address such as 10.10.10.121 or \"2001:db8::1\" (names are not resolved)",
                refused(base(address, "    addresses: [localhost]"), 4));
        for (String bad : List.of("10.1", "010.10.10.121", "10.10.10.256", "\"fe80::1%lo\"", "\"[::1]\"",
                "\"::ffff:10.10.10.121\"", "\"1:2\"", "host121.example.test")) {
            refused(base(address, "    addresses: [" + bad + "]"), 4, "is not an IP address");
        }
        refused(base(address, "    addresses:\n      - 10.10.10.121\n      - 10.10.10.121"), 6,
                "address 10.10.10.121 is listed twice");
        refused(base(address, "    addresses: []"), 4, "server host121: addresses is empty", "at least an IPv4");
    }

    @Test
    void capacityPositiveVolumeNotNegative() {
        assertEquals("fleet.yaml:5: server host121: capacity must be a positive number, got -3; "
                + "expected load units per second above 0", refused(base("    capacity: 1000", "    capacity: -3"), 5));
        refused(base("    capacity: 1000", "    capacity: 0"), 5, "capacity must be a positive number, got 0");
        refused(base("    volume: 1500", "    volume: -0.5"), 10,
                "service http/tcp: volume must not be negative, got -0.5");
    }

    @Test
    void portsInRange() {
        refused(base("    port: 80", "    port: 0"), 9, "service http/tcp: port is 0, out of range",
                "a whole number from 1 to 65535");
        refused(base("    port: 80", "    port: 65536"), 9, "port is 65536, out of range");
        refused(base("    capacity: 1000", "    capacity: 1000\n    ports: {http: 70000}"), 6,
                "server host121: port of http is 70000, out of range");
        refused(base("    capacity: 1000", "    capacity: 1000\n    ports: [8080]"), 6,
                "server host121: ports is a list", "{http: 8080}");
    }

    @Test
    void transportTcpOrUdp() {
        assertEquals("fleet.yaml:8: service http: transport 'tpc' is unknown; expected tcp or udp",
                refused(base("    transport: tcp", "    transport: tpc"), 8));
    }

    @Test
    void sparesWholeAndNotNegative() {
        refused(base("    volume: 1500", "    volume: 1500\n    spares: -1"), 11,
                "service http/tcp: spares is -1, out of range", "from 0 to");
        refused(base("    volume: 1500", "    volume: 1500\n    spares: 1.5"), 11, "spares is the number 1.5");
    }

    @Test
    void serverNamesOnlyDefinedServices() {
        assertEquals("fleet.yaml:8: server host121: service 'smtp' is not defined in services; expected one of http",
                refused(base("    capacity: 1000", "    capacity: 1000\n    services:\n      - http\n      - smtp"),
                        8));
        refused(base("    capacity: 1000", "    capacity: 1000\n    ports: {smtp: 2525}"), 6,
                "server host121: service 'smtp' is not defined in services");
        refused(base("    capacity: 1000", "    capacity: 1000\n    services: [http, http]"), 6,
                "services names http twice");
    }

    @Test
    void portForAServiceTheServerMayNotRun() {
        String text = base("    capacity: 1000", "    capacity: 1000\n    services: [http]\n    ports: {smtp: 2525}")
                + "  - name: smtp\n    transport: tcp\n    port: 25\n    volume: 1\n";
        refused(text, 7, "ports gives a port for smtp, which its services list leaves out");
    }

    @Test
    void emptyServicesListOfAServerIsNotAll() {
        refused(base("    capacity: 1000", "    capacity: 1000\n    services: []"), 6,
                "server host121: services is empty", "no services key for all services");
    }

    @Test
    void serviceThatNoServerMayRun() {
        String text = base("    capacity: 1000", "    capacity: 1000\n    services: [http]")
                + "  - name: smtp\n    transport: tcp\n    port: 25\n    volume: 1\n";
        assertEquals("fleet.yaml:12: service smtp/tcp: no server may run it (every server's services list leaves it "
                + "out); expected smtp in some server's services list, or a server without a services list",
                refused(text, 12));
    }

    @Test
    void atLeastOneServerAndOneService() {
        refused("domain: example.test\nservers: []\nservices:\n  - {name: http, transport: tcp, port: 80, volume: 1}\n",
                2, "servers is empty", "at least one server");
        refused("domain: example.test\nservers:\n  - {name: a, addresses: [10.0.0.1], capacity: 1}\nservices: []\n",
                4, "services is empty", "at least one service");
    }

    private static InetAddress address(String literal) {
        return IpLiterals.parse(literal).orElseThrow();
    }
}
