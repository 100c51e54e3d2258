package io.svccfg.it.servers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** The JDK's own {@link HttpServer} on the wildcard address and the given port, answering every request. */
public final class JdkHttpServer {
    static final String KIND = "jdk-httpserver";

    private JdkHttpServer() {
    }

    public static void main(String[] args) {
        try {
            int port = Served.port(args);
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext("/", JdkHttpServer::answer);
            server.start();
            Served.listening(KIND, port);
        } catch (Throwable e) {
            Served.startFailed(KIND, e);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        byte[] body = Served.body(KIND, exchange.getLocalAddress()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set(Served.PEER_HEADER, Served.peer(exchange.getRemoteAddress()));
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
