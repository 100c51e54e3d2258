package io.svccfg.tuple;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class AddressTextTest {
    private static String text(String literal) throws UnknownHostException {
        return AddressText.of(InetAddress.getByName(literal));
    }

    @Test
    void rfc5952Examples() throws UnknownHostException {
        assertEquals("::1", text("0:0:0:0:0:0:0:1"));
        assertEquals("::", text("0:0:0:0:0:0:0:0"));
        assertEquals("2001:db8::1", text("2001:0db8:0000:0000:0000:0000:0000:0001"));
        assertEquals("2001:db8:0:1:1:1:1:1", text("2001:db8:0:1:1:1:1:1"), "one zero group stays 0 (4.2.2)");
        assertEquals("2001:0:0:1::1", text("2001:0:0:1:0:0:0:1"), "the longest run (4.2.3)");
        assertEquals("2001:db8::1:0:0:1", text("2001:db8:0:0:1:0:0:1"), "the first of equal runs (4.2.3)");
        assertEquals("2001:db8::", text("2001:db8:0:0:0:0:0:0"));
        assertEquals("fe80::abcd", text("FE80:0:0:0:0:0:0:ABCD"), "lower case (4.3)");
        assertEquals("1:2:3:4:5:6:7:8", text("1:2:3:4:5:6:7:8"));
        assertEquals("192.0.2.1", text("192.0.2.1"));
    }

    @Test
    void withAPortIpv6IsInBrackets() throws UnknownHostException {
        assertEquals("[::1]:18081", AddressText.of(InetAddress.getByName("::1"), 18081));
        assertEquals("127.0.0.1:80", AddressText.of(InetAddress.getByName("127.0.0.1"), 80));
    }
}
