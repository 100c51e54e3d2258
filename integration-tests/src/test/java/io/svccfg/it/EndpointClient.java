package io.svccfg.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * A client that opens a new connection to one endpoint for each request, as a client holding a DNS answer does, and
 * checks what the server saw: the endpoint as the connection's local address and the client's own address as its
 * peer (HTTP servers say both in their body and their {@code X-Peer} header, the demo's servers in their line).
 */
record EndpointClient(ServerCommand server, String host, int port) {
    enum Outcome {
        ANSWERED, REFUSED, RESET, WRONG_ADDRESS, OTHER
    }

    /** One connection, one request: how it ended. */
    Outcome once() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            s.setSoTimeout(5000);
            String me = s.getLocalAddress().getHostAddress() + ":" + s.getLocalPort();
            String endpoint = host + ":" + port;
            if (server.http()) {
                OutputStream out = s.getOutputStream();
                out.write(("GET / HTTP/1.1\r\nHost: " + endpoint + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            if (answer.isEmpty()) {
                return Outcome.RESET;
            }
            boolean right = server.http()
                    ? answer.endsWith(" served at " + endpoint) && answer.toLowerCase(java.util.Locale.ROOT)
                            .contains("\r\nx-peer: " + me + "\r\n")
                    : answer.contains(" LOCAL=" + endpoint + " ") && answer.trim().endsWith(" PEER=" + me);
            return right ? Outcome.ANSWERED : Outcome.WRONG_ADDRESS;
        } catch (ConnectException e) {
            return Outcome.REFUSED;
        } catch (SocketException e) {
            return Outcome.RESET;
        } catch (IOException e) {
            return Outcome.OTHER;
        }
    }
}
