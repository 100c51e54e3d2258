package io.svccfg.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.config.HostPort;
import io.svccfg.config.OptionValues;
import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Transport;
import io.svccfg.tuple.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

public class TupleSourceTest {
    public static final String FIG1 = """
            $TTL 60
            @ IN SOA ns.example.test. admin.example.test. 7 3600 600 86400 60
            @ IN NS ns
            ns IN A 127.0.0.1
            _http._tcp IN SRV 1 100 80 host121
            _http._tcp IN SRV 1 100 80 host122
            _http._tcp 30 IN SRV 2 100 8080 host123
            _smtp._tcp IN SRV 1 100 23 host123
            _smtp._tcp IN SRV 2 100 23 host124
            _sip._udp IN SRV 0 0 0 .
            _ftp._tcp IN SRV 1 0 21 nowhere
            _xmpp-client._tcp IN SRV 1 0 5222 dual
            host121 IN A 127.0.0.121
            host122 IN A 127.0.0.122
            host123 IN A 127.0.0.123
            host124 IN A 127.0.0.124
            host125 IN A 127.0.0.125
            dual 20 IN A 127.0.0.126
            dual IN AAAA 2001:db8::126
            nowhere IN TXT "no address"
            """;
    static final ServiceType HTTP = new ServiceType("http", Transport.TCP);
    static final ServiceType SMTP = new ServiceType("smtp", Transport.TCP);

    InProcessDns dns;

    @BeforeEach
    void start() throws IOException {
        dns = new InProcessDns("example.test", FIG1);
    }

    @AfterEach
    void stop() throws IOException {
        dns.close();
    }

    TupleSource source(String... servers) {
        List<HostPort> list = java.util.Arrays.stream(servers).map(s -> OptionValues.hostPort(s, 53)).toList();
        return new TupleSource(list, Optional.empty(), Duration.ofMillis(500));
    }

    @Test
    void readsTheTuplesOfFigureOne() throws IOException {
        List<Tuple> http = source(dns.address()).tuples("example.test", HTTP);

        assertEquals(List.of("127.0.0.121:80", "127.0.0.122:80", "127.0.0.123:8080"),
                http.stream().map(t -> t.endpoint().toString()).sorted().toList());
        Tuple t123 = http.stream().filter(t -> t.port() == 8080).findFirst().orElseThrow();
        assertEquals(new Tuple("http", Transport.TCP, t123.address(), 8080, 2, 100, "host123.example.test",
                "example.test", 30), t123, "SRV TTL 30 is lower than the A record's 60");
        assertEquals(2, source(dns.address()).tuples("example.test", SMTP).size());
    }

    @Test
    void aTargetWithSeveralAddressesGivesOneTuplePerAddress() throws IOException {
        List<Tuple> tuples = source(dns.address()).tuples("example.test", new ServiceType("xmpp-client",
                Transport.TCP));
        assertEquals(List.of("127.0.0.126:5222", "[2001:db8::126]:5222"),
                tuples.stream().map(t -> t.endpoint().toString()).toList());
        assertEquals(List.of(20L, 60L), tuples.stream().map(Tuple::ttl).toList());
    }

    @Test
    void dotTargetNxdomainNodataAndAddresslessTargetsGiveNoTuple() throws IOException {
        TupleSource source = source(dns.address());
        assertEquals(List.of(), source.tuples("example.test", new ServiceType("sip", Transport.UDP)), "target .");
        assertEquals(List.of(), source.tuples("example.test", new ServiceType("imap", Transport.TCP)), "NXDOMAIN");
        assertEquals(List.of(), source.tuples("example.test", new ServiceType("http", Transport.UDP)), "NXDOMAIN");
        assertEquals(List.of(), source.tuples("nosuch.test", HTTP), "NXDOMAIN of the whole domain");
        assertEquals(List.of(), source.tuples("example.test", new ServiceType("ftp", Transport.TCP)),
                "a target without address");
    }

    @Test
    void readsTheSoaSerial() throws IOException {
        TupleSource source = source(dns.address());
        assertEquals(OptionalLong.of(7), source.serial("example.test"));
        assertEquals(OptionalLong.of(7), source.serial("host121.example.test"), "the serial of the enclosing zone");
    }

    @Test
    void serialsAloneCostOneQuestionPerDomain() throws IOException {
        TupleSource source = source(dns.address());
        assertEquals(java.util.Map.of("example.test", 7L, "host121.example.test", 7L),
                source.serials(List.of("example.test", "host121.example.test")));
        assertEquals(2, source.questions());
        assertEquals(2, dns.questions());
    }

    @Test
    void aReadGathersEveryDomainAndService() throws IOException {
        DnsRead read = source(dns.address()).read(List.of("example.test"), List.of(), List.of(HTTP, SMTP));
        assertEquals(5, read.tuples().size());
        assertEquals(java.util.Map.of("example.test", 7L), read.serials());
    }

    static final ServiceType XMPP = new ServiceType("xmpp-client", Transport.TCP);

    @Test
    void aReadWithNoServiceAsksOnlyTheSerialsAndCoversNothing() throws IOException {
        TupleSource source = source(dns.address());
        DnsRead read = source.read(List.of("example.test"), List.of(), List.of());
        assertEquals(List.of(), read.tuples());
        assertEquals(java.util.Map.of("example.test", 7L), read.serials());
        assertEquals(java.util.Set.of(), read.covered());
        assertEquals(1, source.questions());
        assertEquals(1, dns.questions());
    }

    /** SOA, one SRV, then A and AAAA of each of the three http targets. */
    @Test
    void aReadOfOneServiceAsksItsSrvRecordsAndTheAddressesOfItsTargets() throws IOException {
        TupleSource source = source(dns.address());
        DnsRead read = source.read(List.of("example.test"), List.of(), List.of(HTTP));
        assertEquals(3, read.tuples().size());
        assertEquals(java.util.Set.of(HTTP), read.covered());
        assertEquals(1 + 1 + 3 * 2, source.questions());
        assertEquals(1 + 1 + 3 * 2, dns.questions());
    }

    /** SOA, three SRV, then A and AAAA of the five distinct targets (host123 serves http and smtp: asked once). */
    @Test
    void aReadOfThreeServicesAsksEachDistinctTargetOnce() throws IOException {
        TupleSource source = source(dns.address());
        DnsRead read = source.read(List.of("example.test"), List.of(), List.of(HTTP, SMTP, XMPP));
        assertEquals(3 + 2 + 2, read.tuples().size());
        assertEquals(java.util.Set.of(HTTP, SMTP, XMPP), read.covered());
        assertEquals(1 + 3 + 5 * 2, dns.questions());
    }

    @Test
    void addressesInTheAdditionalSectionAreUsedAndNotAsked() throws IOException {
        List<Tuple> asked = source(dns.address()).read(List.of("example.test"), List.of(), List.of(HTTP, SMTP, XMPP)).tuples();
        int before = dns.questions();
        dns.carryTargetAddresses();

        TupleSource source = source(dns.address());
        DnsRead read = source.read(List.of("example.test"), List.of(), List.of(HTTP, SMTP, XMPP));
        assertEquals(1 + 3, dns.questions() - before, "SOA and three SRV: no A, no AAAA");
        assertEquals(1 + 3, source.questions());
        assertEquals(java.util.Set.copyOf(asked), java.util.Set.copyOf(read.tuples()),
                "the same tuples, TTLs and both families of the dual target included");
    }

    @Test
    void aTargetWhoseAddressesTheAnswerDoesNotCarryIsAsked() throws IOException {
        dns.carryTargetAddresses();
        Name host123 = Name.fromConstantString("host123.example.test.");
        dns.tamper(answer -> {
            for (Record r : answer.getSection(Section.ADDITIONAL)) {
                if (r.getName().equals(host123)) {
                    answer.removeRecord(r, Section.ADDITIONAL);
                }
            }
            return answer;
        });
        TupleSource source = source(dns.address());
        assertEquals(3, source.tuples("example.test", HTTP).size());
        assertEquals(1 + 2, dns.questions(), "the SRV, then A and AAAA of host123 alone");
    }

    @Test
    void aCarriedAddressThatIsNotUnicastIsNotUsedTheTargetIsAsked() throws IOException {
        dns.carryTargetAddresses();
        Name host121 = Name.fromConstantString("host121.example.test.");
        dns.tamper(answer -> {
            if (answer.getQuestion().getType() == Type.SRV) {
                answer.addRecord(new ARecord(host121, DClass.IN, 60, multicast()),
                        Section.ADDITIONAL);
            }
            return answer;
        });
        List<Tuple> http = source(dns.address()).tuples("example.test", HTTP);
        assertEquals(List.of("127.0.0.121:80", "127.0.0.122:80", "127.0.0.123:8080"),
                http.stream().map(t -> t.endpoint().toString()).sorted().toList());
        assertEquals(1 + 2, dns.questions(), "the SRV, then A and AAAA of host121 alone");
    }

    private static java.net.InetAddress multicast() {
        try {
            return java.net.InetAddress.getByName("224.0.0.1");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void servfailRefusedAndSilenceAreFailedReadsNeverEmptyAnswers() {
        for (InProcessDns.Mode mode : List.of(InProcessDns.Mode.SERVFAIL, InProcessDns.Mode.REFUSED,
                InProcessDns.Mode.SILENT)) {
            dns.mode(mode);
            DnsReadException e = assertThrows(DnsReadException.class,
                    () -> source(dns.address()).tuples("example.test", HTTP), mode.name());
            assertTrue(e.getMessage().contains(dns.address()), e.getMessage());
            assertTrue(e.getMessage().contains(mode == InProcessDns.Mode.SILENT ? "timed out" : mode.name()),
                    e.getMessage());
        }
    }

    @Test
    void theNextServerAnswersWhenTheFirstFails() throws IOException {
        try (InProcessDns failing = new InProcessDns("example.test", FIG1)) {
            failing.mode(InProcessDns.Mode.REFUSED);
            List<Tuple> tuples = source(failing.address(), dns.address()).tuples("example.test", HTTP);
            assertEquals(3, tuples.size());
            assertTrue(failing.questions() > 0, "the first server was asked first");
        }
    }

    @Test
    void aDeadServerCostsOneTimeoutNotOnePerQuestion() throws IOException {
        try (InProcessDns dead = new InProcessDns("example.test", FIG1)) {
            dead.mode(InProcessDns.Mode.SILENT);
            TupleSource source = source(dead.address(), dns.address());
            assertEquals(java.util.Map.of("example.test", 7L), source.serials(List.of("example.test")));
            int asked = dead.questions();
            assertEquals(3, source.tuples("example.test", HTTP).size());
            source.serials(List.of("example.test"));
            assertEquals(asked, dead.questions(), "the server that answered is asked first from then on");
        }
    }

    @Test
    void aReadsSerialIsNeverNewerThanItsRecords() throws IOException {
        // The zone changes right after its first SRV answer; the server answers SOA questions after the others. A
        // read that kept serial 8 with the records of serial 7 would be stale for good: the SOA gate stops each poll
        // at the serial.
        dns.answerSoaLate();
        AtomicBoolean changed = new AtomicBoolean();
        dns.tamper(answer -> {
            if (answer.getQuestion().getType() == Type.SRV && changed.compareAndSet(false, true)) {
                try {
                    dns.load("example.test", FIG1.replace(" 7 3600", " 8 3600")
                            .replace("_http._tcp IN SRV 1 100 80 host122\n", ""));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return answer;
        });

        DnsRead read = source(dns.address()).read(List.of("example.test"), List.of(), List.of(HTTP));

        assertEquals(3, read.tuples().size(), "the records before the change");
        assertEquals(java.util.Map.of("example.test", 7L), read.serials(), "the serial they were read at");
    }

    @Test
    void noCacheEachReadSeesTheDnsAsItIsNow() throws IOException {
        TupleSource source = source(dns.address());
        assertEquals(3, source.tuples("example.test", HTTP).size());
        dns.load("example.test", FIG1.replace("_http._tcp IN SRV 1 100 80 host122\n", ""));
        assertEquals(2, source.tuples("example.test", HTTP).size());
    }

    @Test
    void largeAnswersArriveOverTcp() throws IOException {
        StringBuilder zone = new StringBuilder(FIG1);
        for (int i = 0; i < 60; i++) {
            zone.append("_http._tcp IN SRV 5 10 ").append(20000 + i).append(" host125\n");
        }
        dns.load("example.test", zone.toString());
        assertEquals(63, source(dns.address()).tuples("example.test", HTTP).size());
    }
}
