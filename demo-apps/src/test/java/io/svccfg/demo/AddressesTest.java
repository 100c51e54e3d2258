package io.svccfg.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class AddressesTest {

    @Test
    void ipv4IsADottedQuadAndPort() throws Exception {
        assertEquals("127.0.0.1:80", Addresses.format(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 80)));
    }

    @Test
    void ipv6IsBracketedInJavasLongForm() throws Exception {
        assertEquals("[0:0:0:0:0:0:0:1]:443", Addresses.format(new InetSocketAddress(InetAddress.getByName("::1"), 443)));
    }

    @Test
    void aNamedAddressShowsItsNumbersNotItsName() throws Exception {
        InetAddress named = InetAddress.getByAddress("some.host.example", new byte[] {10, 1, 2, 3});
        assertEquals("10.1.2.3:53", Addresses.format(new InetSocketAddress(named, 53)));
    }

    @Test
    void anUnboundSocketHasNoAddress() {
        assertEquals("null", Addresses.format(null));
    }
}
