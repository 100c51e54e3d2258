package io.svccfg.demo.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/** The UDP side: one thread reads a datagram, answers it, reads the next. */
final class UdpServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final Responder responder;
    private final Consumer<String> log;
    private final Thread thread;
    private volatile boolean closed;

    UdpServer(DatagramSocket socket, Responder responder, Consumer<String> log) {
        this.socket = socket;
        this.responder = responder;
        this.log = log;
        this.thread = new Thread(this::serve, "dns-udp");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void serve() {
        byte[] buffer = new byte[65535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!closed) {
                    log.accept("dns udp: receive failed: " + e);
                }
                continue;
            }
            InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
            try {
                Optional<byte[]> answer = responder.respond(Arrays.copyOf(buffer, packet.getLength()), from, true);
                if (answer.isPresent()) {
                    socket.send(new DatagramPacket(answer.get(), answer.get().length, from));
                }
            } catch (IOException | RuntimeException e) {
                // One bad request or a failed send must not stop the server.
                if (!closed) {
                    log.accept("dns udp: request from " + Responder.show(from) + " failed: " + e);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        join(thread);
    }

    /** Waits briefly for a stopped thread; an interrupt ends the wait but is kept for the caller. */
    static void join(Thread thread) {
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
