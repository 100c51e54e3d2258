package io.svccfg.notify;

import io.svccfg.log.Logs;
import io.svccfg.tuple.AddressText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Comparator;
import java.util.function.BiFunction;
import org.slf4j.Logger;

/**
 * DNS over TCP (RFC 1035 4.2.2: each message behind its two-byte length; RFC 7766: several per connection) for
 * NOTIFY, on one thread with one selector: every connection is served as its bytes arrive, so a peer that connects
 * and sends nothing, or a byte a second, never delays another. Each connection has a read deadline per message and
 * a size limit; at most {@link NotifyLimits#maxConnections()} are open, a new one beyond that closing the one
 * that has waited longest for its message.
 */
final class TcpNotifyServer {
    private static final Logger log = Logs.of(TcpNotifyServer.class);

    private final ServerSocketChannel server;
    private final Selector selector;
    private final NotifyLimits limits;
    /** Handles one message from a peer; returns the answer, or null for none. Never throws. */
    private final BiFunction<byte[], SocketAddress, byte[]> handler;

    TcpNotifyServer(InetSocketAddress at, NotifyLimits limits, BiFunction<byte[], SocketAddress, byte[]> handler)
            throws IOException {
        this.limits = limits;
        this.handler = handler;
        this.selector = Selector.open();
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open();
            channel.bind(at, limits.maxConnections());
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            selector.close();
            throw e;
        }
        this.server = channel;
    }

    /** Serves until the selector is closed; one connection's failure closes that connection only. */
    void serve() {
        while (selector.isOpen()) {
            try {
                selector.select(Math.max(1, limits.readDeadline().toMillis() / 4));
                long now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    serve(key, now);
                }
                selector.selectedKeys().clear();
                closeLate(now);
            } catch (IOException | RuntimeException e) {
                // The selector itself failing is not a peer's doing: say so, and go on serving.
                log.debug("NOTIFY over TCP: {}", e.toString());
            }
        }
    }

    private void serve(SelectionKey key, long now) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept(now);
            return;
        }
        Connection connection = (Connection) key.attachment();
        try {
            if (key.isWritable() && connection.flush()) {
                key.interestOps(SelectionKey.OP_READ);
            }
            if (key.isReadable()) {
                read(key, connection, now);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("NOTIFY over TCP from {}: {}", AddressText.of(connection.peer), e.toString());
            close(key);
        }
    }

    private void accept(long now) {
        SocketChannel channel;
        try {
            channel = server.accept();
        } catch (IOException e) {
            log.debug("NOTIFY over TCP: accept: {}", e.toString());
            return;
        }
        if (channel == null) {
            return;
        }
        try {
            if (selector.keys().size() - 1 >= limits.maxConnections()) {
                selector.keys().stream()
                        .filter(k -> k.attachment() instanceof Connection)
                        .min(Comparator.comparingLong(k -> ((Connection) k.attachment()).messageStart))
                        .ifPresent(TcpNotifyServer::close);
            }
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, new Connection(channel, now));
        } catch (IOException | RuntimeException e) {
            log.debug("NOTIFY over TCP: {}", e.toString());
            closeQuietly(channel);
        }
    }

    private void read(SelectionKey key, Connection connection, long now) throws IOException {
        int n = connection.channel.read(connection.input());
        if (n < 0) {
            close(key);
            return;
        }
        byte[] message;
        while ((message = connection.nextMessage(limits.maxMessage())) != null) {
            connection.messageStart = now;
            byte[] answer = handler.apply(message, connection.peer);
            if (answer != null && !connection.send(answer)) {
                key.interestOps(SelectionKey.OP_WRITE);
                // A peer that does not read its answers gets no more until it does.
                return;
            }
        }
        if (connection.tooLarge) {
            log.debug("NOTIFY over TCP from {}: a message over {} bytes; connection closed",
                    AddressText.of(connection.peer), limits.maxMessage());
            close(key);
        }
    }

    /** Closes the connections that took longer than the read deadline over their current message. */
    private void closeLate(long now) {
        long deadline = limits.readDeadline().toNanos();
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection c && now - c.messageStart > deadline) {
                close(key);
            }
        }
    }

    void close() {
        try {
            for (SelectionKey key : selector.keys()) {
                closeQuietly(key.channel());
            }
            selector.close();
        } catch (IOException e) {
            log.debug("closing the NOTIFY receiver: {}", e.toString());
        }
    }

    private static void close(SelectionKey key) {
        key.cancel();
        closeQuietly(key.channel());
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
    }

    /** One TCP peer: the bytes read so far towards its next message, and the answer not yet written. */
    private static final class Connection {
        final SocketChannel channel;
        final SocketAddress peer;
        /**
         * When the current message began (the connection opened, or the last message ended): the deadline counts
         * from here, so that a peer sending a byte a second is closed as surely as a silent one.
         */
        long messageStart;
        boolean tooLarge;
        private final ByteBuffer length = ByteBuffer.allocate(2);
        private ByteBuffer body;
        private ByteBuffer pending;

        Connection(SocketChannel channel, long now) throws IOException {
            this.channel = channel;
            this.peer = channel.getRemoteAddress();
            this.messageStart = now;
        }

        /** Where the next bytes go: the length prefix, then the message body. */
        ByteBuffer input() {
            return body == null ? length : body;
        }

        /**
         * The next whole message, when one has arrived; reading the buffers only (the channel is read once per
         * readiness, so that one peer cannot keep the thread).
         */
        byte[] nextMessage(int maxMessage) {
            if (body == null) {
                if (length.hasRemaining()) {
                    return null;
                }
                int size = ((length.get(0) & 0xff) << 8) | (length.get(1) & 0xff);
                if (size > maxMessage) {
                    tooLarge = true;
                    return null;
                }
                body = ByteBuffer.allocate(size);
            }
            if (body.hasRemaining()) {
                return null;
            }
            byte[] message = body.array();
            body = null;
            length.clear();
            return message;
        }

        /** Writes the answer; false when the peer's window is full and the rest must wait for OP_WRITE. */
        boolean send(byte[] answer) throws IOException {
            ByteBuffer out = ByteBuffer.allocate(2 + answer.length);
            out.putShort((short) answer.length).put(answer).flip();
            pending = out;
            return flush();
        }

        boolean flush() throws IOException {
            if (pending != null) {
                channel.write(pending);
                if (pending.hasRemaining()) {
                    return false;
                }
                pending = null;
            }
            return true;
        }
    }
}
