package io.svccfg.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.tuple.Tuple;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverTest {
    @Test
    void triesInOrderUntilOneConnects() throws IOException {
        List<Tuple> ordered = List.of(Rfc2782Test.tuple("10.0.0.1", 1, 1), Rfc2782Test.tuple("10.0.0.2", 1, 1),
                Rfc2782Test.tuple("10.0.0.3", 2, 1));
        List<String> tried = new ArrayList<>();
        String result = Failover.connect("_http._tcp.example.com", ordered, t -> {
            tried.add(t.address().getHostAddress());
            if (!t.address().getHostAddress().equals("10.0.0.3")) {
                throw new ConnectException("Connection refused");
            }
            return "connected to " + t.endpoint();
        });
        assertEquals("connected to 10.0.0.3:80", result);
        assertEquals(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"), tried);
    }

    @Test
    void noServerLeftNamesEveryFailure() {
        List<Tuple> ordered = List.of(Rfc2782Test.tuple("10.0.0.1", 1, 1), Rfc2782Test.tuple("10.0.0.2", 1, 1));
        NoServerLeftException e = assertThrows(NoServerLeftException.class,
                () -> Failover.connect("_http._tcp.example.com", ordered, t -> {
                    throw new ConnectException("Connection refused");
                }));
        assertEquals("no server left for _http._tcp.example.com: tried 10.0.0.1:80 (Connection refused), "
                + "10.0.0.2:80 (Connection refused)", e.getMessage());
        assertEquals(2, e.getSuppressed().length);
        assertTrue(assertThrows(NoServerLeftException.class, () -> Failover.connect("_x._tcp.example.com", List.of(),
                t -> "never")).getMessage().contains("DNS has no tuple"));
    }

    @Test
    void realSocketsFailOverFromAClosedPortToAnOpenOne() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, loopback)) {
            closedPort = probe.getLocalPort();
        }
        try (ServerSocket open = new ServerSocket(0, 1, loopback)) {
            List<Tuple> ordered = List.of(
                    new Tuple("http", io.svccfg.tuple.Transport.TCP, loopback, closedPort, 1, 1, "a", "d", 1),
                    new Tuple("http", io.svccfg.tuple.Transport.TCP, loopback, open.getLocalPort(), 2, 1, "b", "d", 1));
            try (Socket s = Failover.connect("_http._tcp.d", ordered, t -> new Socket(t.address(), t.port()))) {
                assertEquals(open.getLocalPort(), s.getPort());
            }
        }
    }
}
