package io.svccfg.demo;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * {@code nio-selector}: a non-blocking {@link ServerSocketChannel} on a {@link Selector}, the way Netty and Jetty
 * listen. The selector waits without a timeout, as Jetty's does: if the agent moves the socket, the selector must
 * still report new connections, and a timeout here would hide it if it did not.
 */
final class NioSelectorListener implements Listener {
    private final ServerSocketChannel channel;
    private final Selector selector;

    NioSelectorListener(Options options) throws IOException {
        channel = ServerSocketChannel.open();
        try {
            channel.configureBlocking(false);
            if (options.lateBind()) {
                channel.socket().bind(options.address(), options.backlog());
            } else {
                channel.bind(options.address(), options.backlog());
            }
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_ACCEPT);
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
    public void serve() throws Exception {
        while (true) {
            try {
                selector.select();
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    SocketChannel accepted = key.isValid() && key.isAcceptable() ? channel.accept() : null;
                    if (accepted != null) { // null: another accept took it, or a spurious wakeup
                        // Accepted channels start in blocking mode: one short line is written at once.
                        Lines.replyAndClose(accepted, Kind.NIO_SELECTOR, localAddress());
                    }
                }
            } catch (IOException | RuntimeException e) { // ClosedSelectorException is a RuntimeException
                if (!channel.isOpen() || !selector.isOpen()) {
                    throw e;
                }
                Out.error(e);
                Out.pauseAfterError();
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            selector.close(); // wakes the loop blocked in select()
        }
    }
}
