package io.svccfg.demo.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * The TCP side (RFC 1035 4.2.2, RFC 7766): each message has a two-byte length prefix, a connection may carry many,
 * and one that stays idle is closed. Each connection has its own thread, so a slow client holds up only itself.
 */
final class TcpServer implements AutoCloseable {
    static final Duration IDLE = Duration.ofSeconds(10);
    /** More connections than this wait to be accepted: a flood of idle clients cannot take every thread. */
    private static final int MAX_CONNECTIONS = 64;

    private final ServerSocket server;
    private final Responder responder;
    private final Consumer<String> log;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private volatile boolean closed;

    TcpServer(ServerSocket server, Responder responder, Consumer<String> log) {
        this.server = server;
        this.responder = responder;
        this.log = log;
        this.acceptor = new Thread(this::accept, "dns-tcp");
        acceptor.setDaemon(true);
    }

    void start() {
        acceptor.start();
    }

    private void accept() {
        while (!closed) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                slots.release();
                if (!closed) {
                    log.accept("dns tcp: accept failed: " + e);
                }
                continue;
            }
            open.add(socket);
            if (closed) {
                closeQuietly(socket);
            }
            Thread t = new Thread(() -> serve(socket), "dns-tcp-" + Responder.show(
                    (InetSocketAddress) socket.getRemoteSocketAddress()));
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket socket) {
        InetSocketAddress from = (InetSocketAddress) socket.getRemoteSocketAddress();
        try (socket) {
            socket.setSoTimeout((int) IDLE.toMillis());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            while (!closed) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (EOFException | SocketTimeoutException e) {
                    return; // the client is done, or idle too long
                }
                byte[] request = new byte[length];
                in.readFully(request);
                Optional<byte[]> answer = responder.respond(request, from, false);
                if (answer.isPresent()) {
                    // One write for prefix and message, so that no client sees the length alone.
                    byte[] framed = new byte[answer.get().length + 2];
                    framed[0] = (byte) (answer.get().length >> 8);
                    framed[1] = (byte) answer.get().length;
                    System.arraycopy(answer.get(), 0, framed, 2, answer.get().length);
                    out.write(framed);
                    out.flush();
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                log.accept("dns tcp: connection from " + Responder.show(from) + " failed: " + e);
            }
        } finally {
            open.remove(socket);
            slots.release();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(TcpServer::closeQuietly);
        acceptor.interrupt();
        UdpServer.join(acceptor);
    }
}
