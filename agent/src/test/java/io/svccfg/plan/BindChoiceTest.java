package io.svccfg.plan;

import static io.svccfg.plan.PlanTest.endpoint;
import static io.svccfg.plan.PlanTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.config.Unassigned;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class BindChoiceTest {
    static final InetSocketAddress ASKED = new InetSocketAddress(8080);

    static BindChoice choose(Assignment a) {
        return BindChoice.choose(a, Unassigned.PARK, ASKED, address -> true);
    }

    @Test
    void oneEndpointIsBoundAsIs() {
        BindChoice c = choose(Assignment.of(endpoint("127.0.0.123", 18081)));
        assertEquals(BindChoice.Kind.ASSIGNED, c.kind());
        assertEquals(new InetSocketAddress(ip("127.0.0.123"), 18081), c.address());
    }

    @Test
    void anAddressNotOnThisHostIsServedOnTheWildcardWithTheAssignedPort() {
        BindChoice c = BindChoice.choose(Assignment.of(endpoint("203.0.113.5", 80)), Unassigned.PARK, ASKED,
                address -> false);
        assertEquals(new InetSocketAddress(ip("0.0.0.0"), 80), c.address());
        assertTrue(c.why().contains("not on this host"), c.why());
    }

    @Test
    void severalAddressesOnOnePortShareTheWildcard() {
        assertEquals(new InetSocketAddress(ip("0.0.0.0"), 80),
                choose(Assignment.of(endpoint("127.0.0.121", 80), endpoint("127.0.0.122", 80))).address());
        assertEquals(new InetSocketAddress(ip("::"), 80),
                choose(Assignment.of(endpoint("127.0.0.121", 80), endpoint("2001:db8::1", 80))).address(),
                "both families: the dual-stack IPv6 wildcard");
        assertEquals(new InetSocketAddress(ip("::"), 80),
                choose(Assignment.of(endpoint("2001:db8::1", 80), endpoint("2001:db8::2", 80))).address());
    }

    @Test
    void severalPortsServeTheFirstEndpointAndSaySo() {
        BindChoice c = choose(Assignment.of(endpoint("127.0.0.121", 81), endpoint("127.0.0.121", 80)));
        assertEquals(new InetSocketAddress(ip("127.0.0.121"), 80), c.address());
        assertTrue(c.why().contains("serving 127.0.0.121:80 only"), c.why());
    }

    @Test
    void unassignedFollowsThePolicy() {
        BindChoice park = BindChoice.choose(Assignment.NONE, Unassigned.PARK, ASKED, a -> true);
        assertEquals(BindChoice.Kind.PARKED, park.kind());
        assertEquals(new InetSocketAddress(ip("127.0.0.1"), 0), park.address());

        BindChoice fail = BindChoice.choose(Assignment.NONE, Unassigned.FAIL, ASKED, a -> true);
        assertEquals(BindChoice.Kind.REFUSED, fail.kind());
        assertNull(fail.address());

        BindChoice asAsked = BindChoice.choose(Assignment.NONE, Unassigned.PASSTHROUGH, ASKED, a -> true);
        assertEquals(BindChoice.Kind.AS_ASKED, asAsked.kind());
        assertEquals(ASKED, asAsked.address());
    }
}
