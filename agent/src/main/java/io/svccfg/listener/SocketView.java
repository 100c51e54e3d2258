package io.svccfg.listener;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.NetworkChannel;

/** What svccfg reads of an application's socket, through public API only. */
final class SocketView {
    private SocketView() {
    }

    static InetSocketAddress localAddress(Object socket) throws IOException {
        SocketAddress local = socket instanceof ServerSocket s ? s.getLocalSocketAddress()
                : socket instanceof NetworkChannel c ? c.getLocalAddress() : null;
        return local instanceof InetSocketAddress inet ? inet : null;
    }

    static boolean isOpen(Object socket) {
        if (socket instanceof ServerSocket s) {
            return !s.isClosed();
        }
        return socket instanceof Channel c && c.isOpen();
    }
}
