package io.svccfg.demo;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** {@code datagram-channel}: a blocking {@link DatagramChannel} answering each datagram. */
final class DatagramChannelListener implements Listener {
    private final DatagramChannel channel;

    DatagramChannelListener(Options options) throws IOException {
        channel = DatagramChannel.open();
        try {
            if (options.lateBind()) {
                channel.socket().bind(options.address()); // through the socket adaptor
            } else {
                channel.bind(options.address());
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public SocketAddress localAddress() throws IOException {
        return channel.getLocalAddress();
    }

    @Override
    public void serve() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        while (true) {
            try {
                buffer.clear();
                SocketAddress from = channel.receive(buffer); // blocking mode: never null
                channel.send(ByteBuffer.wrap(Lines.udp(Kind.DATAGRAM_CHANNEL, localAddress(), from)), from);
            } catch (IOException | RuntimeException e) {
                if (!channel.isOpen()) {
                    throw e;
                }
                Out.error(e);
                Out.pauseAfterError();
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
