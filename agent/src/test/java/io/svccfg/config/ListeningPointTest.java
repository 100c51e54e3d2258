package io.svccfg.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Transport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ListeningPointTest {
    static final ServiceType SIP_UDP = new ServiceType("sip", Transport.UDP);
    static final ServiceType SIP_TCP = new ServiceType("sip", Transport.TCP);
    static final ServiceType SIPS_TCP = new ServiceType("sips", Transport.TCP);

    @Test
    void readsSchemeHostPortAndTransport() {
        assertEquals(new ListeningPoint("sip", "example.test", OptionalInt.empty(), Optional.empty()),
                ListeningPoint.parse("sip:example.test"));
        assertEquals(new ListeningPoint("sips", "example.test", OptionalInt.of(5071), Optional.empty()),
                ListeningPoint.parse("SIPS:Example.Test.:5071"));
        assertEquals(new ListeningPoint("sip", "example.test", OptionalInt.empty(), Optional.of(Transport.TCP)),
                ListeningPoint.parse("sip:example.test;transport=TCP"));
        assertEquals(new ListeningPoint("sip", "2001:db8::5", OptionalInt.of(5070), Optional.empty()),
                ListeningPoint.parse("sip:[2001:0db8:0:0::5]:5070"));
        assertTrue(ListeningPoint.parse("sip:127.0.0.5").hostIsAddress());
    }

    @Test
    void writesItselfBack() {
        for (String uri : List.of("sip:example.test", "sips:example.test:5071", "sip:example.test;transport=udp",
                "sip:[2001:db8::5]:5070", "sip:127.0.0.5")) {
            assertEquals(uri, ListeningPoint.parse(uri).toString());
        }
    }

    @Test
    void itsServicesFollowSchemeTransportAndPort() {
        assertEquals(List.of(SIP_UDP, SIP_TCP, SIPS_TCP), ListeningPoint.parse("sip:example.test").services());
        assertEquals(List.of(SIP_UDP, SIP_TCP), ListeningPoint.parse("sip:example.test:5070").services());
        assertEquals(List.of(SIP_TCP), ListeningPoint.parse("sip:example.test;transport=tcp").services());
        assertEquals(List.of(SIPS_TCP), ListeningPoint.parse("sips:example.test").services());
        assertEquals(5061, ListeningPoint.parse("sips:example.test").defaultPort());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "example.test | has no scheme",
        "http:example.test | unknown scheme 'http'",
        "sip:alice@example.test | a user part",
        "sip:example.test;maddr=192.0.2.1 | unsupported parameter 'maddr=192.0.2.1'",
        "sip:example.test;transport=sctp | transport 'sctp' is not udp or tcp",
        "sip:example.test;transport=tcp;transport=udp | transport= is given twice",
        "sips:example.test;transport=udp | transport=udp cannot be sips",
        "sip:example.test:0 | not a port",
        "sip:example.test?subject=x | headers",
        "sip: | not a host name",
        "sip:bad..name | not a host name",
    })
    void refusesWhatIsNotAListeningPoint(String uri, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ListeningPoint.parse(uri));
        assertTrue(e.getMessage() != null && e.getMessage().contains(why), uri + ": " + e.getMessage());
    }

    @Test
    void aListeningPointStandsInsteadOfADomainAndABadOneStopsTheStartInOneLine() throws BadOptionException {
        Config config = ConfigLoader.load("listening-point=sip:example.test,listening-point=sip:127.0.0.5",
                new Properties(), Map.of());
        assertEquals(List.of(), config.domains());
        assertEquals(List.of("example.test"), config.names(), "an IP literal has no zone");
        BadOptionException bad = assertThrows(BadOptionException.class,
                () -> ConfigLoader.load("listening-point=tel:+15551234", new Properties(), Map.of()));
        assertEquals("svccfg: bad option listening-point=tel:+15551234 (agent arguments): expected a SIP URI like"
                + " sip:example.com, sips:example.com, sip:example.com:5070 or sip:example.com;transport=tcp"
                + " (unknown scheme 'tel')", bad.getMessage());
        BadOptionException none = assertThrows(BadOptionException.class,
                () -> ConfigLoader.load("poll=1s", new Properties(), Map.of()));
        assertTrue(none.getMessage().contains("listening-point=sip:example.com"), none.getMessage());
    }
}
