package io.svccfg.it.servers;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Netty on {@code EpollDatagramChannel}, on the wildcard address and the given port: answers every datagram with
 * {@code netty-epoll-udp served at HOST:PORT}, naming where its channel is bound.
 */
public final class NettyEpollUdpServer {
    static final String KIND = "netty-epoll-udp";

    private NettyEpollUdpServer() {
    }

    public static void main(String[] args) {
        try {
            if (!Epoll.isAvailable()) {
                throw Epoll.unavailabilityCause();
            }
            int port = Served.port(args);
            new Bootstrap()
                    .group(new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory()))
                    .channel(EpollDatagramChannel.class)
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
                            InetSocketAddress local = (InetSocketAddress) context.channel().localAddress();
                            context.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer(Served.body(KIND, local),
                                    StandardCharsets.UTF_8), packet.sender()));
                        }
                    })
                    .bind(port).sync();
            Served.listening(KIND, port);
        } catch (Throwable e) {
            Served.startFailed(KIND, e);
        }
    }
}
