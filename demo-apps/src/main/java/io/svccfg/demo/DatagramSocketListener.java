package io.svccfg.demo;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketAddress;

/** {@code datagram-socket}: a {@link DatagramSocket} answering each datagram; the base of {@code multicast-socket}. */
class DatagramSocketListener implements Listener {
    private final Kind kind;
    private final DatagramSocket socket;

    DatagramSocketListener(Options options) throws IOException {
        this(Kind.DATAGRAM_SOCKET, options.lateBind() ? bind(new DatagramSocket(null), options)
                : new DatagramSocket(options.address()));
    }

    DatagramSocketListener(Kind kind, DatagramSocket socket) {
        this.kind = kind;
        this.socket = socket;
    }

    /** Binds an unbound socket, closing it if the bind fails. */
    static DatagramSocket bind(DatagramSocket unbound, Options options) throws IOException {
        try {
            unbound.bind(options.address());
            return unbound;
        } catch (IOException | RuntimeException e) {
            unbound.close();
            throw e;
        }
    }

    @Override
    public SocketAddress localAddress() {
        return socket.getLocalSocketAddress();
    }

    @Override
    public void serve() throws IOException {
        byte[] buffer = new byte[65536];
        while (true) {
            try {
                DatagramPacket received = new DatagramPacket(buffer, buffer.length);
                // No SO_TIMEOUT, on purpose: the agent must handle a thread blocked in an untimed receive.
                socket.receive(received);
                SocketAddress from = received.getSocketAddress();
                byte[] reply = Lines.udp(kind, localAddress(), from);
                socket.send(new DatagramPacket(reply, reply.length, from));
            } catch (IOException | RuntimeException e) {
                if (socket.isClosed()) {
                    throw e;
                }
                Out.error(e);
                Out.pauseAfterError();
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
