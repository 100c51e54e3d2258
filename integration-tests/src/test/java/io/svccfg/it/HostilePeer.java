package io.svccfg.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What anyone on the network can send to a NOTIFY port: datagrams of junk and of forged NOTIFYs, TCP connections
 * that say nothing or a byte at a time, and lengths announcing messages far too large. Holds its connections open
 * until closed.
 */
final class HostilePeer implements AutoCloseable {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final InetSocketAddress target;
    private final Random random = new Random(1996); // RFC 1996, DNS NOTIFY
    private final List<Socket> held = new ArrayList<>();

    HostilePeer(int port) {
        this.target = new InetSocketAddress(LOOPBACK, port);
    }

    /**
     * Sends {@code count} datagrams: random bytes of random sizes up to 64 KiB, headers with opcode NOTIFY and junk
     * after them, and unsigned NOTIFYs for the zone (refused when a key is set).
     */
    void floodUdp(int count, byte[] unsignedNotify) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            for (int i = 0; i < count; i++) {
                byte[] datagram = switch (i % 3) {
                    case 0 -> junk(random.nextInt(i % 30 == 0 ? 65507 : 600));
                    case 1 -> notifyHeaderThenJunk();
                    default -> unsignedNotify;
                };
                socket.send(new DatagramPacket(datagram, datagram.length, target));
            }
        }
    }

    /**
     * Opens {@code count} TCP connections and leaves them open: a third send nothing, a third the first byte of a
     * length, a third a length of 65535 and a little junk.
     */
    void holdTcp(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            socket.connect(target, 5000);
            held.add(socket);
            OutputStream out = socket.getOutputStream();
            switch (i % 3) {
                case 0 -> { }
                case 1 -> out.write(0);
                default -> {
                    out.write(new byte[] {(byte) 0xff, (byte) 0xff});
                    out.write(junk(300));
                }
            }
            out.flush();
        }
    }

    /** An unsigned NOTIFY for {@code zone}, id 0x1234, as anyone on the network could send. */
    static byte[] unsignedNotify(String zone) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[] {0x12, 0x34, 0x24, 0x00, 0, 1, 0, 0, 0, 0, 0, 0}); // id, opcode NOTIFY + AA, 1 question
        for (String label : zone.split("\\.")) {
            m.write(label.length());
            m.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        m.writeBytes(new byte[] {0, 0, 6, 0, 1}); // root, type SOA, class IN
        return m.toByteArray();
    }

    private byte[] junk(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] notifyHeaderThenJunk() {
        byte[] bytes = junk(12 + random.nextInt(200));
        bytes[2] = 0x20; // opcode NOTIFY, a query
        bytes[3] = 0;
        bytes[4] = 0;
        bytes[5] = 1; // one question, then junk where it should be
        return bytes;
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : held) {
            socket.close();
        }
    }
}
