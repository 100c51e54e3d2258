package io.svccfg.demo;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** A port on 127.0.0.1 held by another socket of the kind's protocol, so that binding it fails. */
final class Taken implements Closeable {
    final int port;
    private final Closeable holder;

    private Taken(int port, Closeable holder) {
        this.port = port;
        this.holder = holder;
    }

    /** For UDP the holder leaves SO_REUSEADDR off, so even a MulticastSocket (which sets it) cannot share. */
    static Taken port(Kind kind) throws IOException {
        if (kind.tcp) {
            ServerSocket holder = new ServerSocket(0, 50, InetAddress.getByName(Clients.LOOPBACK));
            return new Taken(holder.getLocalPort(), holder);
        }
        DatagramSocket holder = new DatagramSocket(new InetSocketAddress(Clients.LOOPBACK, 0));
        return new Taken(holder.getLocalPort(), holder);
    }

    @Override
    public void close() throws IOException {
        holder.close();
    }
}
