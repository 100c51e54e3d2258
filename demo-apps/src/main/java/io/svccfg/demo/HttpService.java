package io.svccfg.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An HTTP service that knows nothing of svccfg: the JDK's {@link HttpServer} on the wildcard address and the port
 * given (default 8080, a well-known http port). Its page, for GET on any path, is one line that says which host and
 * which endpoint served it: {@code http served by NAME at ADDR:PORT}. Run it under the agent to see DNS decide where
 * it listens.
 *
 * <pre>
 * java -cp svccfg-demo.jar io.svccfg.demo.HttpService [--host NAME] [--port P]
 * </pre>
 * Stdout: {@code http listening on ADDR:PORT} once bound; see {@link ServiceRunner} for the rest.
 */
public final class HttpService implements Service {
    static final ServiceOptions.Port PORT = new ServiceOptions.Port("--port", 8080);
    /** The JDK's own default backlog for ServerSocket, as in {@link Options}. */
    private static final int BACKLOG = 50;

    private final HttpServer server;
    private final String name;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private HttpService(HttpServer server, String name) {
        this.server = server;
        this.name = name;
    }

    public static void main(String[] args) {
        ServiceOptions options = ServiceOptions.parseOrExit(HttpService.class, List.of(PORT), args);
        ServiceRunner.run("http", () -> start(options.port(PORT.option()), options.host()));
    }

    /** Binds the wildcard address and the port (0: an ephemeral one) and starts serving, as NAME. */
    static HttpService start(int port, String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), BACKLOG);
        HttpService service = new HttpService(server, name);
        server.createContext("/", service::handle);
        // A thread per exchange, not the default of running every exchange on the one dispatcher thread, where a
        // single client that sends half a request would hold up all the others.
        server.setExecutor(exchange -> Threads.startDaemon("http-exchange", exchange));
        server.start();
        return service;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            // The exchange's local address is asked of the accepted connection now, so it is where this very
            // request arrived, wherever the agent has moved the listener since.
            byte[] body = ("http served by " + name + " at " + Addresses.format(exchange.getLocalAddress()) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public String protocol() {
        return "http";
    }

    /** {@link HttpServer#getAddress()} asks the server's channel each time; it keeps no copy. */
    @Override
    public SocketAddress localAddress() {
        return server.getAddress();
    }

    @Override
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    @Override
    public void close() {
        server.stop(0);
        stopped.complete(null);
    }
}
