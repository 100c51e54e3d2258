package io.svccfg.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.svccfg.config.ServicePorts;
import io.svccfg.drain.Window;
import io.svccfg.identity.Identity;
import io.svccfg.tuple.Transport;
import io.svccfg.tuple.Tuple;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lines of {@code /proc/net/tcp}, {@code tcp6} and {@code udp} as Linux writes them, and what svccfg makes of them. */
class ListeningSocketsTest {
    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode";

    @Test
    void tcpListenersAreThoseInListenState() {
        List<ListeningSockets.Socket> sockets = ListeningSockets.parse(List.of(HEADER,
                "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1",
                "   1: 0100007F:1F90 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 4343 1"),
                Transport.TCP);
        assertEquals(List.of(new ListeningSockets.Socket(Transport.TCP, endpoint("127.0.0.1", 8080), 4242)),
                sockets);
    }

    @Test
    void ipv6AndMappedAddressesDecodeWordByWord() {
        assertEquals(endpoint("::1", 443), ListeningSockets.endpoint("00000000000000000000000001000000:01BB"));
        assertEquals(endpoint("::", 80), ListeningSockets.endpoint("00000000000000000000000000000000:0050"));
        assertEquals(endpoint("127.0.0.1", 80), ListeningSockets.endpoint("0000000000000000FFFF00000100007F:0050"));
        assertEquals(endpoint("2001:db8::5", 5060), ListeningSockets.endpoint("B80D0120000000000000000005000000:13C4"));
    }

    @Test
    void udpListenersAreBoundAndNotConnected() {
        List<ListeningSockets.Socket> sockets = ListeningSockets.parse(List.of(HEADER,
                "  10: 00000000:13C4 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 77 2",
                "  11: 0100007F:C350 0100007F:0035 01 00000000:00000000 00:00000000 00000000     0        0 78 2"),
                Transport.UDP);
        assertEquals(List.of(new ListeningSockets.Socket(Transport.UDP, endpoint("0.0.0.0", 5060), 77)), sockets);
    }

    /**
     * Of this process's listening sockets, those on a managed port that no managed listener, draining endpoint or
     * NOTIFY receiver holds are unmanaged, with what DNS assigns named.
     */
    @Test
    void onlySocketsOnManagedPortsThatSvccfgDoesNotHoldAreUnmanaged() throws Exception {
        ListenerRegistry registry = new ListenerRegistry();
        Window draining = new Window("http/tcp", endpoint("10.0.0.5", 80), 1000, 0);
        UnmanagedListeners unmanaged = new UnmanagedListeners(registry, () -> List.of(draining),
                ServicePorts.of(Map.of(8080, "http", 80, "http", 53, "dns")), 53);
        List<ListeningSockets.Socket> sockets = List.of(
                new ListeningSockets.Socket(Transport.TCP, endpoint("::", 8080), 1),
                new ListeningSockets.Socket(Transport.TCP, endpoint("10.0.0.5", 80), 2),
                new ListeningSockets.Socket(Transport.UDP, endpoint("127.0.0.1", 53), 3),
                new ListeningSockets.Socket(Transport.TCP, endpoint("127.0.0.1", 9999), 4));
        Tuple tuple = new Tuple("http", Transport.TCP, InetAddress.getByName("10.0.0.5"), 80, 1, 100,
                "host5.example.test", "example.test", 60);
        Identity identity = Identity.of(Set.of(InetAddress.getByName("10.0.0.5")));

        List<UnmanagedListeners.Unmanaged> found = unmanaged.find(sockets, List.of(tuple), identity);

        assertEquals(List.of(new UnmanagedListeners.Unmanaged("http", Transport.TCP, endpoint("::", 8080), 1,
                "DNS assigns 10.0.0.5:80")), found);
    }

    private static InetSocketAddress endpoint(String address, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(address), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
