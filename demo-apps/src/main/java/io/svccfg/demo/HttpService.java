package io.svccfg.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP service that knows nothing of svccfg: it listens on the port given (default 8080, a well-known http
 * port) and its page says which endpoint served it. Run it under the agent to see DNS decide where it listens.
 */
public final class HttpService {
    private HttpService() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 50);
        server.createContext("/", exchange -> {
            byte[] body = ("served by " + InetAddress.getLocalHost().getHostName() + " at "
                    + exchange.getLocalAddress() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("http service listening on " + server.getAddress());
    }
}
