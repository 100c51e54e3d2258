package io.svccfg.it.servers;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;

/** {@link NettyServer} on Netty's native epoll transport ({@code EpollServerSocketChannel}). */
public final class NettyEpollServer {
    static final String KIND = "netty-epoll";

    private NettyEpollServer() {
    }

    public static void main(String[] args) {
        if (!Epoll.isAvailable()) {
            Served.startFailed(KIND, Epoll.unavailabilityCause());
        }
        NettyServer.serve(KIND, args, EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
    }
}
