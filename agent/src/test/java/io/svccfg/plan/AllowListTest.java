package io.svccfg.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.config.OptionValues;
import io.svccfg.tuple.Transport;
import io.svccfg.tuple.Tuple;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowListTest {
    private static Tuple tuple(String address, int port) throws UnknownHostException {
        return new Tuple("http", Transport.TCP, InetAddress.getByName(address), port, 1, 1, "h", "example.test", 60);
    }

    private static AllowList allow(String... rules) {
        return new AllowList(java.util.Arrays.stream(rules).map(OptionValues::allowRule).toList());
    }

    @Test
    void noRuleAllowsAnything() throws UnknownHostException {
        assertTrue(AllowList.ANYTHING.permits(tuple("203.0.113.7", 22)));
    }

    @Test
    void networksAndPorts() throws UnknownHostException {
        AllowList allow = allow("10.0.0.0/8", "192.0.2.0/25:8000-8999", "[2001:db8::]/32:443", "127.0.0.5");
        assertTrue(allow.permits(tuple("10.255.1.2", 22)));
        assertFalse(allow.permits(tuple("11.0.0.1", 80)));
        assertTrue(allow.permits(tuple("192.0.2.127", 8000)));
        assertTrue(allow.permits(tuple("192.0.2.1", 8999)));
        assertFalse(allow.permits(tuple("192.0.2.128", 8080)), "outside the /25");
        assertFalse(allow.permits(tuple("192.0.2.1", 80)), "a port outside the range");
        assertTrue(allow.permits(tuple("2001:db8:1::1", 443)));
        assertFalse(allow.permits(tuple("2001:db9::1", 443)));
        assertFalse(allow.permits(tuple("2001:db8::1", 80)));
        assertTrue(allow.permits(tuple("127.0.0.5", 1)));
        assertFalse(allow.permits(tuple("127.0.0.6", 1)));
        assertFalse(allow("::/0").permits(tuple("10.0.0.1", 80)), "an IPv6 rule never matches IPv4");
        assertTrue(allow("0.0.0.0/0:1024-65535").permits(tuple("198.51.100.1", 1024)));
        assertFalse(allow("0.0.0.0/0:1024-65535").permits(tuple("198.51.100.1", 1023)));
    }

    @Test
    void rulesReadBackAsWritten() {
        assertEquals("[10.0.0.0/8, 192.0.2.0/24:8000-8999, [2001:db8::]/32:443, 127.0.0.1/32:80]",
                allow("10.0.0.0/8", "192.0.2.0/24:8000-8999", "[2001:db8::]/32:443", "127.0.0.1:80").rules()
                        .toString());
        assertEquals(List.of(), AllowList.ANYTHING.rules());
    }

    @Test
    void badRules() {
        for (String bad : new String[] {"", "10.0.0.0/33", "10.0.0.0/x", "10.0.0.0/8:0", "10.0.0.0/8:80-70",
            "10.0.0.0/8:70000", "[2001:db8::/32", "2001:db8::/129", "example.com/8", "10.0.0.0/8:http"}) {
            assertThrows(IllegalArgumentException.class, () -> OptionValues.allowRule(bad), bad);
        }
    }
}
