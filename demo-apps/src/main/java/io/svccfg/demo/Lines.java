package io.svccfg.demo;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** What the servers answer; see {@link SocketServer} for the protocol. */
final class Lines {
    private Lines() {
    }

    /** The line a TCP kind writes on each connection it accepts, newline included. */
    static byte[] tcp(Kind kind, SocketAddress listener, SocketAddress local, SocketAddress peer) {
        return bytes(kind + " LISTENER=" + Addresses.format(listener) + " LOCAL=" + Addresses.format(local) + " PEER="
                + Addresses.format(peer) + "\n");
    }

    /** The datagram a UDP kind sends back for each datagram it receives. */
    static byte[] udp(Kind kind, SocketAddress listener, SocketAddress from) {
        return bytes(kind + " LISTENER=" + Addresses.format(listener) + " FROM=" + Addresses.format(from));
    }

    /** Writes a whole line to a blocking channel, then closes it. */
    static void replyAndClose(SocketChannel accepted, Kind kind, SocketAddress listener) throws IOException {
        try (accepted) {
            ByteBuffer line = ByteBuffer.wrap(tcp(kind, listener, accepted.getLocalAddress(),
                    accepted.getRemoteAddress()));
            while (line.hasRemaining()) {
                accepted.write(line);
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
