package io.svccfg.tuple;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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

    @Test
    void parsesWhatTheJdkParsesAlike() throws UnknownHostException {
        for (String literal : new String[] {"0.0.0.0", "192.0.2.1", "255.255.255.255", "::", "::1", "1::",
                "2001:db8::1", "2001:DB8:0:0:1:0:0:1", "1:2:3:4:5:6:7:8", "1::8", "1:2:3:4:5:6::8", "::ffff:10.0.0.1",
                "64:ff9b::192.0.2.1", "1:2:3:4:5:6:1.2.3.4", "fe80::abcd"}) {
            assertArrayEquals(InetAddress.getByName(literal).getAddress().length == 4 && literal.contains(":")
                    ? mapped(InetAddress.getByName(literal).getAddress()) : InetAddress.getByName(literal).getAddress(),
                    AddressText.parse(literal), literal);
        }
    }

    @Test
    void refusesWhatIsNoStrictLiteral() {
        for (String text : new String[] {"", "10.1", "1.2.3", "1.2.3.4.", "1.2.3.4.5", "01.2.3.4", "256.0.0.1",
                "1234.1.1.1", "a.b.c.d", "example.com", ":", ":::", ":1", "1:", "1:::2", "1::2::3", "12345::",
                "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "::g", "fe80::1%eth0", "[::1]", "1:2:3:4:5:6:7:1.2.3.4",
                "::1.2.3", "::1a.2.3.4", " 1.2.3.4", "\u0661.2.3.4"}) {
            assertNull(AddressText.parse(text), text);
        }
    }

    /** The JDK gives ::ffff:a.b.c.d as IPv4; the text said IPv6. */
    private static byte[] mapped(byte[] ipv4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, bytes, 12, 4);
        return bytes;
    }
}
