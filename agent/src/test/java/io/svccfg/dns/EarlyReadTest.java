package io.svccfg.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.config.HostPort;
import io.svccfg.config.ListeningPoint;
import io.svccfg.config.OptionValues;
import io.svccfg.config.TsigKey;
import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;

/**
 * The early read gives exactly what dnsjava's read gives from the same answers, or nothing (and the read is then
 * dnsjava's): never a different read.
 */
class EarlyReadTest {
    private static final ServiceType HTTP = TupleSourceTest.HTTP;
    private static final ServiceType SMTP = TupleSourceTest.SMTP;
    private static final ServiceType XMPP = new ServiceType("xmpp-client", Transport.TCP);
    private static final ServiceType SIP = new ServiceType("sip", Transport.UDP);
    private static final ServiceType FTP = new ServiceType("ftp", Transport.TCP);

    private InProcessDns dns;

    @BeforeEach
    void start() throws IOException {
        dns = new InProcessDns("example.test", TupleSourceTest.FIG1);
        dns.carryTargetAddresses();
    }

    @AfterEach
    void stop() throws IOException {
        dns.close();
    }

    private EarlyRead early() {
        return EarlyRead.of(List.of(OptionValues.hostPort(dns.address(), 53)), Optional.empty(), List.of())
                .orElseThrow();
    }

    private DnsRead dnsjava(List<String> domains, List<ServiceType> services) throws DnsReadException {
        return new TupleSource(List.of(OptionValues.hostPort(dns.address(), 53)), Optional.empty(),
                Duration.ofMillis(500)).read(domains, List.of(), services);
    }

    @Test
    void readsWhatDnsjavaReads() throws DnsReadException {
        List<ServiceType> services = List.of(HTTP, SMTP, XMPP, SIP);
        EarlyRead early = early();

        DnsRead read = early.read(List.of("example.test"), services).orElseThrow(
                () -> new AssertionError(early.lastRefusal()));

        assertEquals(dnsjava(List.of("example.test"), services), read);
        assertEquals(7, read.tuples().size(), "3 http, 2 smtp, 2 xmpp (A and AAAA), none for sip's '.'");
        assertEquals(1 + 4, early.questions(), "the SOA, then one SRV question per service");
    }

    @Test
    void readsTheSerialsAloneWhenNoServiceIsInUse() throws DnsReadException {
        DnsRead read = early().read(List.of("example.test", "other.test"), List.of()).orElseThrow();

        assertEquals(dnsjava(List.of("example.test", "other.test"), List.of()), read);
        assertEquals(7L, read.serials().get("example.test"));
        assertTrue(read.tuples().isEmpty());
    }

    @Test
    void aTargetWhoseAddressesTheAnswerDoesNotCarryIsLeftToDnsjava() {
        assertLeft(List.of(FTP), "the addresses of nowhere.example.test are not in the answer");
    }

    @Test
    void whatIsNotThePlainestAnswerIsLeftToDnsjava() {
        assertLeftWith(answer -> {
            answer.getHeader().setFlag(Flags.TC);
            return answer;
        }, "truncated");
        assertLeftWith(answer -> {
            answer.addRecord(new SRVRecord(Name.fromConstantString("_smtp._tcp.example.test."), DClass.IN, 60, 1, 1,
                    25, Name.fromConstantString("host1.example.test.")), Section.ANSWER);
            return answer;
        }, "a record of another name");
        assertLeftWith(answer -> {
            answer.getHeader().unsetFlag(Flags.QR);
            return answer;
        }, "not a plain response");
        dns.tamper(UnaryOperator.identity());
        dns.mode(InProcessDns.Mode.SERVFAIL);
        assertLeft(List.of(HTTP), "rcode 2");
    }

    @Test
    void aServerThatDoesNotAnswerCostsTheEarlyReadItsTimeoutOnly() {
        dns.mode(InProcessDns.Mode.SILENT);
        long started = System.nanoTime();
        assertLeft(List.of(HTTP), "no answer within 500 ms");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMillis >= 500, "waited " + tookMillis + " ms");
    }

    @Test
    void aPortZeroOrAnAddressThatIsNotUnicastIsLeftToDnsjava() throws IOException {
        dns.load("example.test", TupleSourceTest.FIG1 + "_imap._tcp IN SRV 1 1 0 host121\n");
        assertLeft(List.of(new ServiceType("imap", Transport.TCP)), "port 0");
        dns.load("example.test", TupleSourceTest.FIG1 + "_imap._tcp IN SRV 1 1 143 bad\nbad IN A 224.0.0.1\n");
        assertLeft(List.of(new ServiceType("imap", Transport.TCP)), "not unicast");
    }

    @Test
    void aListeningPointTsigOrAServerGivenByNameIsDnsjavasAlone() {
        ListeningPoint point = ListeningPoint.parse("sip:sip.example.test");
        assertTrue(EarlyRead.of(List.of(new HostPort("127.0.0.1", 53)), Optional.empty(), List.of(point)).isEmpty());
        TsigKey key = new TsigKey("k", "hmac-sha256", "c2VjcmV0");
        assertTrue(EarlyRead.of(List.of(new HostPort("127.0.0.1", 53)), Optional.of(key), List.of()).isEmpty());
        assertTrue(EarlyRead.of(List.of(new HostPort("ns.example.test", 53)), Optional.empty(), List.of())
                .isEmpty());
        assertTrue(EarlyRead.of(List.of(), Optional.empty(), List.of()).isEmpty());
        assertTrue(EarlyRead.of(List.of(new HostPort("::1", 53)), Optional.empty(), List.of()).isPresent());
    }

    private void assertLeftWith(UnaryOperator<Message> tamper, String why) {
        dns.tamper(tamper);
        assertLeft(List.of(HTTP), why);
    }

    private void assertLeft(List<ServiceType> services, String why) {
        EarlyRead early = early();
        assertTrue(early.read(List.of("example.test"), services).isEmpty(), why);
        assertTrue(early.lastRefusal().contains(why), early.lastRefusal());
    }
}
