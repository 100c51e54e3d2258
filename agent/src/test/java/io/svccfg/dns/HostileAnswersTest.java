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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;

/**
 * Answers as a hostile or broken DNS server gives them: every one is either read as the DNS means it, or refused as a
 * whole (a failed read, which keeps the last good tuples), never half-believed.
 */
class HostileAnswersTest {
    private static final ServiceType HTTP = new ServiceType("http", Transport.TCP);
    private static final String ZONE = """
            $TTL 60
            @ IN SOA ns.example.test. admin.example.test. 7 3600 600 86400 60
            _http._tcp IN SRV 1 100 8080 host1
            host1 IN A 127.0.0.121
            """;

    private InProcessDns dns;

    private List<Tuple> read(String zone) throws IOException {
        dns = new InProcessDns("example.test", zone);
        return source().tuples("example.test", HTTP);
    }

    private TupleSource source() {
        List<HostPort> servers = List.of(OptionValues.hostPort(dns.address(), 53));
        return new TupleSource(servers, Optional.empty(), Duration.ofMillis(500));
    }

    @AfterEach
    void stop() throws IOException {
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void anSrvRecordWithPortZeroIsAFailedReadNamingTheRecord() {
        DnsReadException e = assertThrows(DnsReadException.class,
                () -> read(ZONE + "_http._tcp IN SRV 1 100 0 host1\n"));
        assertTrue(e.getMessage().contains("_http._tcp.example.test.") && e.getMessage().contains("port 0"),
                e.getMessage());
    }

    @Test
    void aTargetThatIsNotUnicastIsAFailedReadNamingTheRecord() throws IOException {
        for (String bad : new String[] {"A 0.0.0.0", "A 0.1.2.3", "A 224.0.0.1", "A 255.255.255.255", "AAAA ::",
            "AAAA ff02::1"}) {
            DnsReadException e = assertThrows(DnsReadException.class,
                    () -> read(ZONE + "_http._tcp IN SRV 1 100 8081 bad\nbad IN " + bad + "\n"), bad);
            assertTrue(e.getMessage().contains("bad.example.test."), e.getMessage());
            dns.close();
            dns = null;
        }
    }

    @Test
    void aTruncatedUdpAnswerIsAskedAgainOverTcp() throws IOException {
        dns = new InProcessDns("example.test", ZONE);
        dns.tamper(answer -> {
            answer.getHeader().setFlag(Flags.TC); // dnsjava must ask again over TCP, where TC is set too
            return answer;
        });
        assertThrows(DnsReadException.class, () -> source().tuples("example.test", HTTP),
                "TC over TCP too: an answer that cannot be whole");
    }

    @Test
    void aCnameChainIsFollowedWithinItsBound() throws IOException {
        List<Tuple> tuples = read("""
                $TTL 60
                @ IN SOA ns.example.test. admin.example.test. 7 3600 600 86400 60
                _http._tcp IN SRV 1 100 8080 alias1
                alias1 IN CNAME alias2
                alias2 IN CNAME host1
                host1 IN A 127.0.0.121
                """);
        assertEquals(1, tuples.size());
        assertEquals("127.0.0.121", tuples.get(0).address().getHostAddress());
    }

    @Test
    void aCnameLoopOrOverlongChainIsAFailedRead() {
        StringBuilder zone = new StringBuilder(ZONE).append("_http._tcp IN SRV 1 100 8081 c0\n");
        for (int i = 0; i < 12; i++) {
            zone.append("c").append(i).append(" IN CNAME c").append(i + 1).append('\n');
        }
        assertThrows(DnsReadException.class, () -> read(zone.toString()));
        assertThrows(DnsReadException.class,
                () -> read(ZONE + "_http._tcp IN SRV 1 100 8081 loop1\nloop1 IN CNAME loop2\nloop2 IN CNAME loop1\n"));
    }

    @Test
    void aRecordForAnotherNameInTheAnswerIsAFailedRead() throws IOException {
        dns = new InProcessDns("example.test", ZONE);
        dns.tamper(answer -> {
            answer.addRecord(new SRVRecord(Name.fromConstantString("_smtp._tcp.example.test."), DClass.IN, 60, 1, 1,
                    25, Name.fromConstantString("host1.example.test.")), Section.ANSWER);
            return answer;
        });
        DnsReadException e = assertThrows(DnsReadException.class, () -> source().tuples("example.test", HTTP));
        assertTrue(e.getMessage().contains("a record for another name"), e.getMessage());
    }

    @Test
    void aMessageThatIsNotAResponseOrHasAnotherIdIsAFailedRead() throws IOException {
        dns = new InProcessDns("example.test", ZONE);
        dns.tamper(answer -> {
            answer.getHeader().unsetFlag(Flags.QR);
            return answer;
        });
        assertThrows(DnsReadException.class, () -> source().tuples("example.test", HTTP));
        dns.tamper(answer -> {
            answer.getHeader().setID((answer.getHeader().getID() + 1) & 0xffff);
            return answer;
        });
        assertThrows(DnsReadException.class, () -> source().tuples("example.test", HTTP));
        dns.tamper(answer -> {
            Message other = new Message(answer.getHeader().getID());
            other.getHeader().setFlag(Flags.QR);
            other.addRecord(org.xbill.DNS.Record.newRecord(Name.fromConstantString("_smtp._tcp.example.test."),
                    org.xbill.DNS.Type.SRV, DClass.IN), Section.QUESTION);
            return other;
        });
        assertThrows(DnsReadException.class, () -> source().tuples("example.test", HTTP), "another question");
    }

    /**
     * The size the issue names: 10,000 SRV records (over the 44 names of the default table's services) and 1,000
     * targets, which needs TCP for most answers and bounds the questions in flight. Prints what the read cost.
     */
    @Test
    void aZoneOfTenThousandSrvRecordsAndAThousandTargetsReads() throws IOException {
        StringBuilder zone = new StringBuilder(ZONE);
        List<ServiceType> services = new java.util.ArrayList<>();
        for (String service : io.svccfg.config.ServicePorts.wellKnown().services()) {
            for (Transport transport : Transport.values()) {
                services.add(new ServiceType(service, transport));
            }
        }
        for (int i = 0; i < 10_000; i++) {
            ServiceType s = services.get(i % services.size());
            zone.append('_').append(s.service()).append("._").append(s.transport().label()).append(" IN SRV 1 1 ")
                    .append(1000 + i).append(" t").append(i % 1000).append('\n');
        }
        for (int t = 0; t < 1000; t++) {
            zone.append('t').append(t).append(" IN A 10.1.").append(t / 250).append('.').append(t % 250 + 1)
                    .append('\n');
        }
        dns = new InProcessDns("example.test", zone.toString());
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        long start = System.nanoTime();
        // The agent's own timeout: this read is a real load for the one-thread server on a busy 2-CPU machine.
        DnsRead read = new TupleSource(List.of(OptionValues.hostPort(dns.address(), 53)), Optional.empty(),
                TupleSource.DEFAULT_TIMEOUT).read(List.of("example.test"), List.of(), services);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long after = runtime.totalMemory() - runtime.freeMemory();
        assertEquals(10_001, read.tuples().size());
        assertEquals(1000, read.tuples().stream().map(Tuple::address).filter(a -> a.getHostAddress()
                .startsWith("10.1.")).distinct().count());
        System.gc();
        long retained = runtime.totalMemory() - runtime.freeMemory();
        System.out.printf("10,000 SRV / 1,000 targets: read in %d ms, %d questions, heap +%d KiB during the read"
                + " (allocation, before GC), +%d KiB retained with the read held%n", millis, dns.questions(),
                (after - before) / 1024, (retained - before) / 1024);
    }
}
