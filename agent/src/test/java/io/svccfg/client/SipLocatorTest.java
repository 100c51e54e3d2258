package io.svccfg.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.dns.InProcessDns;
import io.svccfg.tuple.Tuple;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link ServiceLocator} by SIP URI: RFC 3263's order of steps, RFC 2782's within each, failing over in that order. */
class SipLocatorTest {
    static final String ZONE = """
            $TTL 60
            @ IN SOA ns.example.test. admin.example.test. 7 3600 600 86400 60
            sip IN NAPTR 20 10 "s" "SIP+D2U" "" _sip._udp.sip
            sip IN NAPTR 10 10 "s" "SIP+D2T" "" _sip._tcp.sip
            _sip._tcp.sip IN SRV 2 10 5060 host123
            _sip._tcp.sip IN SRV 1 10 5060 host121
            _sip._tcp.sip IN SRV 1 10 5060 host122
            _sip._udp.sip IN SRV 1 10 5060 host124
            host121 IN A 127.0.0.121
            host122 IN A 127.0.0.122
            host123 IN A 127.0.0.123
            host124 IN A 127.0.0.124
            """;

    @Test
    void locatesInNaptrOrderThenSrvPriorityWithTheWeightsDrawnWithinEach() throws IOException {
        try (InProcessDns dns = new InProcessDns("example.test", ZONE)) {
            ServiceLocator locator = ServiceLocator.using(dns.address());
            Set<List<String>> seen = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                List<String> order = locator.locate("sip:sip.example.test").stream()
                        .map(t -> t.transport().label() + " " + t.endpoint()).toList();
                assertEquals(Set.of("tcp 127.0.0.121:5060", "tcp 127.0.0.122:5060"), Set.copyOf(order.subList(0, 2)));
                assertEquals(List.of("tcp 127.0.0.123:5060", "udp 127.0.0.124:5060"), order.subList(2, 4));
                seen.add(order);
            }
            assertEquals(2, seen.size(), "both orders of the two equal-weight priority-1 servers are drawn");
        }
    }

    @Test
    void connectFailsOverInThatOrderAndABadUriIsRefused() throws IOException {
        try (InProcessDns dns = new InProcessDns("example.test", ZONE)) {
            ServiceLocator locator = ServiceLocator.using(dns.address());
            List<Tuple> tried = new ArrayList<>();
            Tuple reached = locator.connect("sip:sip.example.test", tuple -> {
                tried.add(tuple);
                if (tuple.priority() == 1) {
                    throw new IOException("refused");
                }
                return tuple;
            });
            assertEquals(3, tried.size());
            assertEquals("127.0.0.123", reached.address().getHostAddress());
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> locator.locate("tel:+15551234"));
            assertTrue(bad.getMessage().contains("unknown scheme 'tel'"), bad.getMessage());
        }
    }
}
