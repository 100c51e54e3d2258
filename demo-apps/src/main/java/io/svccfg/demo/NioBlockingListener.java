package io.svccfg.demo;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** {@code nio-blocking}: a {@link ServerSocketChannel} left in blocking mode, answered in its accept loop. */
final class NioBlockingListener implements Listener {
    private final ServerSocketChannel channel;

    NioBlockingListener(Options options) throws IOException {
        channel = ServerSocketChannel.open();
        try {
            if (options.lateBind()) {
                channel.socket().bind(options.address(), options.backlog()); // through the socket adaptor
            } else {
                channel.bind(options.address(), options.backlog());
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
        while (true) {
            try {
                SocketChannel accepted = channel.accept();
                Lines.replyAndClose(accepted, Kind.NIO_BLOCKING, localAddress());
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
