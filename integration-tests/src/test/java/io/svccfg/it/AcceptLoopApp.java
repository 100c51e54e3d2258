package io.svccfg.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A blocking accept loop on port 8080 that answers every connection with {@code ok} and closes it: the server of
 * the accept-throughput benchmark. Prints {@code LISTENING address:port} once bound.
 */
public final class AcceptLoopApp {
    private AcceptLoopApp() {
    }

    public static void main(String[] args) throws IOException {
        byte[] ok = "ok\n".getBytes(StandardCharsets.US_ASCII);
        try (ServerSocket server = new ServerSocket(8080, 1000)) {
            InetSocketAddress local = (InetSocketAddress) server.getLocalSocketAddress();
            System.out.println("LISTENING " + local.getAddress().getHostAddress() + ":" + local.getPort());
            System.out.flush();
            while (true) {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    out.write(ok);
                }
            }
        }
    }
}
