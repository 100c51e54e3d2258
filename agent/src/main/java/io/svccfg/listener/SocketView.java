package io.svccfg.listener;

import io.svccfg.netty.NettyChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.NetworkChannel;

/** What svccfg reads of an application's socket: the JDK's through public API, Netty's native channels' as Netty does. */
final class SocketView {
    private SocketView() {
    }

    static InetSocketAddress localAddress(Object socket) throws IOException {
        NettyChannel netty = NettyChannel.of(socket);
        if (netty != null) {
            return netty.localAddress();
        }
        SocketAddress local = socket instanceof ServerSocket s ? s.getLocalSocketAddress()
                : socket instanceof NetworkChannel c ? c.getLocalAddress() : null;
        return local instanceof InetSocketAddress inet ? inet : null;
    }

    static boolean isOpen(Object socket) {
        NettyChannel netty = NettyChannel.of(socket);
        if (netty != null) {
            return netty.isOpen();
        }
        if (socket instanceof ServerSocket s) {
            return !s.isClosed();
        }
        return socket instanceof Channel c && c.isOpen();
    }
}
