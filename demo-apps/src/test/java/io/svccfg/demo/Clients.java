package io.svccfg.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Real clients, as a test under the agent would use them. */
final class Clients {
    static final String LOOPBACK = "127.0.0.1";
    /** How {@link #tcp} writes the client's own address in the server's answer. */
    static final String ME = "me";
    private static final int TIMEOUT_MILLIS = 10_000;

    private Clients() {
    }

    /**
     * Connects, sends nothing, and returns everything the server wrote before closing, with this client's own
     * address written {@value #ME} where the server names its peer.
     */
    static String tcp(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace(" PEER=" + LOOPBACK + ":" + socket.getLocalPort() + "\n", " PEER=" + ME + "\n");
        }
    }

    /** A client socket for {@link #udp(DatagramSocket, int)}; its port is what the server must see as FROM. */
    static DatagramSocket udpClient() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        socket.setSoTimeout(TIMEOUT_MILLIS); // the client may time out; the server may not
        return socket;
    }

    /** Sends one datagram and returns the one that comes back. */
    static String udp(DatagramSocket client, int port) throws IOException {
        byte[] ping = "ping".getBytes(StandardCharsets.UTF_8);
        client.send(new DatagramPacket(ping, ping.length, new InetSocketAddress(LOOPBACK, port)));
        DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
        client.receive(reply);
        return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
    }

    /** Asks the server on the port what it answers, as its kind's client would, and checks nothing. */
    static String ask(Kind kind, int port) throws IOException {
        if (kind.tcp) {
            return tcp(port);
        }
        try (DatagramSocket client = udpClient()) {
            return udp(client, port);
        }
    }

    /** What the server on 127.0.0.1:port must answer a client of {@link #ask}. */
    static String expectedTcp(Kind kind, int port) {
        return kind + " LISTENER=127.0.0.1:" + port + " LOCAL=127.0.0.1:" + port + " PEER=" + ME + "\n";
    }

    static String expectedUdp(Kind kind, int port, DatagramSocket client) {
        return kind + " LISTENER=127.0.0.1:" + port + " FROM=127.0.0.1:" + client.getLocalPort();
    }

    /** A port free at the moment of asking, for tests that need to request a fixed one. */
    static int freePort(Kind kind) throws IOException {
        if (kind.tcp) {
            try (Socket probe = new Socket()) {
                probe.bind(new InetSocketAddress(LOOPBACK, 0));
                return probe.getLocalPort();
            }
        }
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            return probe.getLocalPort();
        }
    }
}
