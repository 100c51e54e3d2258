package io.svccfg.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.config.HostPort;
import io.svccfg.config.ListeningPoint;
import io.svccfg.config.OptionValues;
import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Transport;
import io.svccfg.tuple.Tuple;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each path of RFC 3263 section 4, and the NAPTR records it refuses. */
class Rfc3263Test {
    static final String ZONE = """
            $TTL 60
            @ IN SOA ns.example.test. admin.example.test. 7 3600 600 86400 60
            @ IN NS ns
            ns IN A 127.0.0.1
            ; NAPTR: TCP is preferred by order, TLS after; an ENUM record and SCTP are not SIP services svccfg reads
            naptr IN NAPTR 20 10 "s" "SIP+D2U" "" _sip._udp.naptr
            naptr IN NAPTR 10 20 "s" "SIP+D2T" "" _sip._tcp.naptr
            naptr IN NAPTR 10 10 "s" "SIPS+D2T" "" _sips._tcp.naptr
            naptr IN NAPTR 5 10 "s" "SIP+D2S" "" _sip._sctp.naptr
            naptr IN NAPTR 5 10 "u" "E2U+sip" "!^.*$!sip:info@example.test!" .
            _sip._udp.naptr IN SRV 1 10 5060 host121
            _sip._tcp.naptr IN SRV 1 10 5060 host121
            _sip._tcp.naptr IN SRV 2 10 5060 host122
            _sips._tcp.naptr IN SRV 1 10 5061 host121
            ; no NAPTR, SRV only
            srv IN A 127.0.0.99
            _sip._udp.srv IN SRV 1 10 5070 host122
            _sip._tcp.srv IN SRV 1 10 5070 host122
            ; no NAPTR, no SRV: the host's addresses
            plain IN A 127.0.0.123
            plain IN AAAA 2001:db8::123
            ; a replacement in another zone, reached through a non-terminal NAPTR
            chained IN NAPTR 10 10 "" "" "" next.example.test.
            next IN NAPTR 10 10 "s" "SIP+D2U" "" sip.other.test.
            sip.other.test. IN SRV 1 10 5080 host124
            ; the same replacement twice, at two preferences
            twice IN NAPTR 10 10 "s" "SIP+D2U" "" _sip._udp.srv
            twice IN NAPTR 10 20 "s" "SIP+D2U" "" _sip._udp.srv
            ; what is refused
            regexp IN NAPTR 10 10 "s" "SIP+D2U" "!^.*$!x!" .
            flaga IN NAPTR 10 10 "a" "SIP+D2U" "" host121
            noreplacement IN NAPTR 10 10 "s" "SIP+D2T" "" .
            loop IN NAPTR 10 10 "" "" "" loop2
            loop2 IN NAPTR 10 10 "" "" "" loop
            host121 IN A 127.0.0.121
            host122 IN A 127.0.0.122
            host124 IN A 127.0.0.124
            """;
    static final ServiceType SIP_UDP = new ServiceType("sip", Transport.UDP);
    static final ServiceType SIP_TCP = new ServiceType("sip", Transport.TCP);
    static final ServiceType SIPS_TCP = new ServiceType("sips", Transport.TCP);

    InProcessDns dns;
    TupleSource source;

    @BeforeEach
    void start() throws IOException {
        dns = new InProcessDns("example.test", ZONE);
        List<HostPort> servers = List.of(OptionValues.hostPort(dns.address(), 53));
        source = new TupleSource(servers, Optional.empty(), Duration.ofMillis(500));
    }

    @AfterEach
    void stop() throws IOException {
        dns.close();
    }

    ListeningPointRead resolve(String uri) throws DnsReadException {
        return source.resolve(ListeningPoint.parse(uri));
    }

    static List<String> endpoints(ListeningPointRead read) {
        return read.tuples().stream().map(t -> t.service() + "/" + t.transport().label() + " " + t.endpoint())
                .toList();
    }

    @Test
    void naptrRecordsInOrderAndPreferenceEachReplacementAnSrvName() throws DnsReadException {
        ListeningPointRead read = resolve("sip:naptr.example.test");
        assertEquals(List.of(SIPS_TCP, SIP_TCP, SIP_UDP), read.steps().stream().map(ListeningPointRead.Step::service)
                .toList(), "order 10 (preference 10, 20), then order 20; SCTP and ENUM ignored");
        assertEquals(List.of("sips/tcp 127.0.0.121:5061", "sip/tcp 127.0.0.121:5060", "sip/tcp 127.0.0.122:5060",
                "sip/udp 127.0.0.121:5060"), endpoints(read));
        assertTrue(read.steps().get(0).via().contains("NAPTR") && read.steps().get(0).via().contains("SIPS+D2T"),
                read.steps().get(0).via());
        Tuple first = read.tuples().get(0);
        assertEquals("naptr.example.test", first.domain(), "the domain of _sips._tcp.naptr.example.test");
        assertEquals("host121.example.test", first.target());
    }

    @Test
    void twoNaptrRecordsWithOneReplacementGiveTwoSteps() throws DnsReadException {
        ListeningPointRead read = resolve("sip:twice.example.test");
        assertEquals(2, read.steps().size());
        assertEquals(List.of("sip/udp 127.0.0.122:5070", "sip/udp 127.0.0.122:5070"), endpoints(read));
    }

    @Test
    void aSipsUriTakesOnlySipsRecords() throws DnsReadException {
        assertEquals(List.of("sips/tcp 127.0.0.121:5061"), endpoints(resolve("sips:naptr.example.test")));
    }

    @Test
    void withoutNaptrTheSrvRecordsOfTheHost() throws DnsReadException {
        ListeningPointRead read = resolve("sip:srv.example.test");
        assertEquals(List.of("sip/tcp 127.0.0.122:5070", "sip/udp 127.0.0.122:5070"), endpoints(read),
                "_sips._tcp, _sip._tcp, _sip._udp in that order; the host's own A record is not used");
        assertEquals("SRV _sip._tcp.srv.example.test", read.steps().get(0).via());
    }

    @Test
    void withoutNaptrNorSrvTheHostsAddressesOnTheDefaultPort() throws DnsReadException {
        assertEquals(List.of("sip/udp 127.0.0.123:5060", "sip/udp [2001:db8::123]:5060", "sip/tcp 127.0.0.123:5060",
                "sip/tcp [2001:db8::123]:5060"), endpoints(resolve("sip:plain.example.test")));
        assertEquals(List.of("sips/tcp 127.0.0.123:5061", "sips/tcp [2001:db8::123]:5061"),
                endpoints(resolve("sips:plain.example.test")));
    }

    @Test
    void anExplicitPortSkipsNaptrAndSrv() throws DnsReadException {
        assertEquals(List.of("sip/udp 127.0.0.99:5090", "sip/tcp 127.0.0.99:5090"),
                endpoints(resolve("sip:srv.example.test:5090")));
    }

    @Test
    void anExplicitTransportSkipsNaptrButNotSrv() throws DnsReadException {
        assertEquals(List.of("sip/tcp 127.0.0.122:5070"), endpoints(resolve("sip:srv.example.test;transport=tcp")));
        assertEquals(List.of("sip/tcp 127.0.0.121:5060", "sip/tcp 127.0.0.122:5060"),
                endpoints(resolve("sip:naptr.example.test;transport=tcp")), "the SRV records of _sip._tcp.naptr, not"
                + " its NAPTR");
        assertEquals(List.of("sip/udp 127.0.0.123:5060", "sip/udp [2001:db8::123]:5060"),
                endpoints(resolve("sip:plain.example.test;transport=udp")));
    }

    @Test
    void anIpLiteralNeedsNoDns() throws DnsReadException {
        int before = dns.questions();
        assertEquals(List.of("sip/udp 127.0.0.5:5060", "sip/tcp 127.0.0.5:5060"), endpoints(resolve("sip:127.0.0.5")));
        assertEquals(before, dns.questions());
    }

    @Test
    void aNonTerminalNaptrIsFollowedToAReplacementInAnotherZone() throws DnsReadException {
        ListeningPointRead read = resolve("sip:chained.example.test");
        assertEquals(List.of("sip/udp 127.0.0.124:5080"), endpoints(read));
        assertEquals("sip.other.test", read.tuples().get(0).domain(), "a replacement of another shape is its own"
                + " domain: the SOA gate then holds its tuples by TTL");
    }

    @Test
    void aRegexpAFlagOrALoopFailsTheReadInOneLine() {
        assertProblem("sip:regexp.example.test", "has a regexp; RFC 3263 uses the replacement only");
        assertProblem("sip:flaga.example.test", "expected \"S\"");
        assertProblem("sip:noreplacement.example.test", "has no replacement (.)");
        assertProblem("sip:loop.example.test", "loop: loop.example.test -> loop2.example.test -> loop.example.test");
    }

    @Test
    void aZoneOfThousandsOfNaptrRecordsFailsTheReadRatherThanAskingThousandsOfQuestions() throws IOException {
        StringBuilder many = new StringBuilder(ZONE);
        for (int i = 0; i <= Rfc3263.MAX_NAPTRS; i++) {
            many.append("many IN NAPTR 10 ").append(i).append(" \"s\" \"SIP+D2U\" \"\" _sip._udp.r").append(i)
                    .append('\n');
        }
        dns.load("example.test", many.toString());
        int before = dns.questions();
        assertProblem("sip:many.example.test", "more than 64 NAPTR records");
        assertTrue(dns.questions() - before < 5, "no SRV question was sent");
    }

    /** The read fails with one line that says {@code expected}. */
    private void assertProblem(String uri, String expected) {
        DnsReadException e = assertThrows(DnsReadException.class, () -> resolve(uri));
        assertTrue(!e.getMessage().contains("\n") && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aReadGivesTheTuplesOfTheServicesAskedAndTheHostsSerial() throws DnsReadException {
        DnsRead read = source.read(List.of(), List.of(ListeningPoint.parse("sip:naptr.example.test")),
                List.of(SIP_UDP));
        assertEquals(List.of("127.0.0.121:5060"), read.tuples().stream().map(t -> t.endpoint().toString()).toList());
        assertEquals(java.util.Map.of("naptr.example.test", 7L), read.serials());
        assertEquals(1, read.listeningPoints().size());
        DnsRead none = source.read(List.of(), List.of(ListeningPoint.parse("sip:naptr.example.test")),
                List.of(new ServiceType("http", Transport.TCP)));
        assertEquals(List.of(), none.listeningPoints(), "no SIP service in use: nothing resolved");
    }
}
