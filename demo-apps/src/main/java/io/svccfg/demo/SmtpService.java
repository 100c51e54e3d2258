package io.svccfg.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An SMTP service that knows nothing of svccfg: a blocking {@link ServerSocket} on the wildcard address and the port
 * given (default 25), a platform thread per connection, and enough of RFC 5321 for real clients (curl, Python's
 * smtplib); see {@link SmtpSession} for the dialogue. Messages are counted, not kept: the service exists to show
 * where it listens.
 *
 * <pre>
 * java -cp svccfg-demo.jar io.svccfg.demo.SmtpService [--host NAME] [--port P]
 * </pre>
 * Stdout: {@code smtp listening on ADDR:PORT} once bound, then for each message accepted
 * {@code smtp NAME accepted message N from <a> to [<b>, ...] (BYTES bytes) at ADDR:PORT}, ADDR:PORT being the local
 * address of the connection it came on; see {@link ServiceRunner} for the rest.
 */
public final class SmtpService implements Service {
    static final ServiceOptions.Port PORT = new ServiceOptions.Port("--port", 25);
    private static final int BACKLOG = 50;
    /** How long a connection may stay silent before it is closed, so that idle clients do not pile up. */
    static final int READ_TIMEOUT_MILLIS = 60_000;
    /** More connections at once are turned away with 421: a thread each, and threads are not free. */
    static final int MAX_CONNECTIONS = 100;

    private final ServerSocket socket;
    final String name;
    final int readTimeoutMillis;
    private final Consumer<String> report;
    private final AtomicLong messages = new AtomicLong();
    private final Semaphore connections = new Semaphore(MAX_CONNECTIONS);
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Stopping stopping = new Stopping();

    private SmtpService(ServerSocket socket, String name, int readTimeoutMillis, Consumer<String> report) {
        this.socket = socket;
        this.name = name;
        this.readTimeoutMillis = readTimeoutMillis;
        this.report = report;
    }

    public static void main(String[] args) {
        ServiceOptions options = ServiceOptions.parseOrExit(SmtpService.class, List.of(PORT), args);
        ServiceRunner.run("smtp", () -> start(options.port(PORT.option()), options.host()));
    }

    /** Binds the wildcard address and the port (0: an ephemeral one) and starts serving, as NAME. */
    static SmtpService start(int port, String name) throws IOException {
        return start(port, name, READ_TIMEOUT_MILLIS, Out::line);
    }

    /** As {@link #start(int, String)}, with the idle timeout and where the per-message lines go, for tests. */
    static SmtpService start(int port, String name, int readTimeoutMillis, Consumer<String> report)
            throws IOException {
        SmtpService service = new SmtpService(new ServerSocket(port, BACKLOG), name, readTimeoutMillis, report);
        Threads.startDaemon("smtp-accept", service::serve);
        return service;
    }

    private void serve() {
        while (true) {
            Socket accepted;
            try {
                accepted = socket.accept();
            } catch (IOException | RuntimeException e) {
                if (socket.isClosed()) {
                    stopping.loopEnded(e);
                    return;
                }
                Out.error(e);
                Out.pauseAfterError();
                continue;
            }
            if (!connections.tryAcquire()) {
                turnAway(accepted);
                continue;
            }
            open.add(accepted);
            Threads.startDaemon("smtp-session", () -> {
                try {
                    new SmtpSession(this, accepted).run();
                } finally {
                    open.remove(accepted);
                    connections.release();
                }
            });
        }
    }

    /** RFC 5321 4.3.2: a server that cannot take the connection may answer 421 instead of its greeting. */
    private void turnAway(Socket accepted) {
        try (accepted) {
            OutputStream out = accepted.getOutputStream();
            out.write(("421 " + name + " too many connections, try again later\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the client is gone already: nothing to tell it
        }
    }

    /** Numbers the messages of this service, from 1. */
    long nextMessageNumber() {
        return messages.incrementAndGet();
    }

    void report(String line) {
        report.accept(line);
    }

    @Override
    public String protocol() {
        return "smtp";
    }

    @Override
    public SocketAddress localAddress() {
        return socket.getLocalSocketAddress();
    }

    @Override
    public CompletableFuture<Void> stopped() {
        return stopping.future();
    }

    /** Closes the listening socket and every open connection, whose sessions then end. */
    @Override
    public void close() {
        stopping.closing();
        try {
            socket.close();
        } catch (IOException e) {
            Out.error(e);
        }
        for (Socket connection : open) {
            try {
                connection.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
