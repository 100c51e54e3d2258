package io.svccfg.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.dns.DnsRead;
import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Transport;
import io.svccfg.tuple.Tuple;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SoaGateTest {
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private static final List<String> DOMAINS = List.of("example.com", "example.net");
    private static final Set<ServiceType> NONE = Set.of();
    private static final ServiceType HTTP = new ServiceType("http", Transport.TCP);
    private static final ServiceType SMTP = new ServiceType("smtp", Transport.TCP);

    static Tuple tuple(String target, long ttl) {
        try {
            return new Tuple("http", Transport.TCP, InetAddress.getByName("192.0.2.1"), 8080, 10, 10, target,
                    "example.com", ttl);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static DnsRead read(Tuple... tuples) {
        return new DnsRead(List.of(tuples), Map.of("example.com", 7L, "example.net", 3L), Set.of(HTTP), List.of());
    }

    /** A serial says nothing of a service the last read did not ask for: a service newly in use is read in full. */
    @Test
    void aServiceTheLastReadDidNotCoverIsReadInFull() {
        SoaGate gate = new SoaGate(DOMAINS);
        DnsRead last = read(tuple("a.example.com", 300));
        gate.fullRead(last, T0);

        assertTrue(gate.serialsMaySuffice(Optional.of(last), Set.of(HTTP), T0.plusSeconds(1)));
        assertFalse(gate.serialsMaySuffice(Optional.of(last), Set.of(HTTP, SMTP), T0.plusSeconds(1)));
    }

    /**
     * A NAPTR replacement in another zone gives tuples whose domain is outside the names: the names' serials do not
     * vouch for them, so their TTL bounds the gate like an outside target's.
     */
    @Test
    void aTupleWhoseSrvRecordsAreOutsideTheNamesIsHeldByItsTtl() throws UnknownHostException {
        SoaGate gate = new SoaGate(DOMAINS);
        Tuple elsewhere = new Tuple("sip", Transport.UDP, InetAddress.getByName("192.0.2.1"), 5060, 1, 10,
                "a.example.com", "sip.other.test", 40);
        DnsRead last = read(tuple("a.example.com", 300), elsewhere);
        gate.fullRead(last, T0);

        assertEquals(40, gate.outsideTargetsTtl(last));
        assertTrue(gate.serialsMaySuffice(Optional.of(last), Set.of(HTTP), T0.plusSeconds(39)));
        assertFalse(gate.serialsMaySuffice(Optional.of(last), Set.of(HTTP), T0.plusSeconds(40)));
    }

    @Test
    void withoutALastGoodReadEverythingIsRead() {
        SoaGate gate = new SoaGate(DOMAINS);
        gate.fullRead(read(tuple("a.example.com", 300)), T0);

        assertFalse(gate.serialsMaySuffice(Optional.empty(), NONE, T0.plusSeconds(1)));
    }

    @Test
    void beforeTheFirstFullReadEverythingIsRead() {
        SoaGate gate = new SoaGate(DOMAINS);

        assertFalse(gate.serialsMaySuffice(Optional.of(read(tuple("a.example.com", 300))), NONE, T0));
    }

    @Test
    void targetsInsideTheDomainsLeaveTheGateOpenForADay() {
        SoaGate gate = new SoaGate(DOMAINS);
        DnsRead last = read(tuple("a.example.com", 5), tuple("example.net", 5));
        gate.fullRead(last, T0);

        assertTrue(gate.serialsMaySuffice(Optional.of(last), NONE, T0.plusSeconds(3600)),
                "inside targets' TTLs do not count");
        assertTrue(gate.serialsMaySuffice(Optional.of(last), NONE, T0.plus(Duration.ofDays(1)).minusMillis(1)));
        assertFalse(gate.serialsMaySuffice(Optional.of(last), NONE, T0.plus(Duration.ofDays(1))), "once a day in full");
    }

    @Test
    void anOutsideTargetClosesTheGateWhenItsTtlEnds() {
        SoaGate gate = new SoaGate(DOMAINS);
        DnsRead last = read(tuple("a.example.com", 5), tuple("cdn.example.org", 120), tuple("edge.example.org", 60));
        gate.fullRead(last, T0);

        assertTrue(gate.serialsMaySuffice(Optional.of(last), NONE, T0.plusSeconds(59)));
        assertFalse(gate.serialsMaySuffice(Optional.of(last), NONE, T0.plusSeconds(60)),
                "the shortest outside TTL counts");
    }

    @Test
    void aNewFullReadRestartsTheOutsideTargetsTtl() {
        SoaGate gate = new SoaGate(DOMAINS);
        DnsRead last = read(tuple("edge.example.org", 60));
        gate.fullRead(last, T0);
        gate.fullRead(last, T0.plusSeconds(60));

        assertTrue(gate.serialsMaySuffice(Optional.of(last), NONE, T0.plusSeconds(119)));
        assertFalse(gate.serialsMaySuffice(Optional.of(last), NONE, T0.plusSeconds(120)));
    }

    @Test
    void aNameThatOnlyEndsLikeADomainIsOutsideIt() {
        SoaGate gate = new SoaGate(DOMAINS);

        assertEquals(30, gate.outsideTargetsTtl(read(tuple("notexample.com", 30), tuple("www.example.com", 10))));
        assertEquals(Duration.ofDays(1).toSeconds(), gate.outsideTargetsTtl(read(tuple("www.example.com", 10))));
        assertEquals(Duration.ofDays(1).toSeconds(), gate.outsideTargetsTtl(read()), "no tuple at all");
    }

    @Test
    void serialsVouchForTheLastReadOnlyWhenEveryDomainsIsTheSame() {
        DnsRead last = read(tuple("a.example.com", 300));

        assertTrue(SoaGate.unchanged(Map.of("example.net", 3L, "example.com", 7L), last));
        assertFalse(SoaGate.unchanged(Map.of("example.com", 8L, "example.net", 3L), last), "a serial changed");
        assertFalse(SoaGate.unchanged(Map.of("example.com", 7L), last), "a domain's zone went away");
    }

    @Test
    void aNotifyAtTheSerialReadOrAnOlderOneTellsNothing() {
        SoaGate gate = new SoaGate(DOMAINS);
        Optional<DnsRead> last = Optional.of(read(tuple("host.example.com", 60)));

        assertFalse(gate.notifyMayTell(last, "example.com", 7), "the serial read");
        assertFalse(gate.notifyMayTell(last, "example.com", 6), "an older one (a lagging secondary)");
        assertTrue(gate.notifyMayTell(last, "example.com", 8), "a newer one");
        assertTrue(gate.notifyMayTell(last, "com", 1), "a zone above a domain may hold another serial");
        assertTrue(gate.notifyMayTell(Optional.empty(), "example.com", 7), "nothing read yet");
    }

    @Test
    void serialsCompareAsRfc1982Says() {
        assertTrue(SoaGate.newer(8, 7));
        assertFalse(SoaGate.newer(7, 7));
        assertFalse(SoaGate.newer(7, 8));
        assertTrue(SoaGate.newer(3, 4_294_967_290L), "past the wrap");
        assertFalse(SoaGate.newer(4_294_967_290L, 3));
    }
}
