package io.svccfg.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.Channel;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringServerSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Netty's native channels are recognised by their shape, in the plain copy of Netty and in gRPC's relocated one
 * ({@code io.grpc.netty.shaded.io.netty}), and svccfg reads what a move needs from a real, bound channel.
 */
class NettyChannelTest {
    /** Loads both copies' native libraries, which not every channel constructor does itself. */
    @BeforeAll
    static void loadNativeLibraries() {
        Epoll.ensureAvailability();
        io.grpc.netty.shaded.io.netty.channel.epoll.Epoll.ensureAvailability();
    }

    @Test
    void epollServerAndDatagramChannelsAreMovableListeners() {
        NettyChannel server = NettyChannel.of(new EpollServerSocketChannel());
        NettyChannel datagram = NettyChannel.of(new EpollDatagramChannel());
        assertTrue(server.isServer());
        assertTrue(datagram.isDatagram());
        assertNull(server.whyNotMovable());
        assertNull(datagram.whyNotMovable());
        assertTrue(server.fd() > 2);
        assertTrue(server.isOpen());
    }

    @Test
    void grpcsRelocatedCopyHasTheSameShape() {
        var shaded = new io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel();
        NettyChannel server = NettyChannel.of(shaded);
        assertNotNull(server, "gRPC's relocated EpollServerSocketChannel");
        assertTrue(server.isServer());
        assertNull(server.whyNotMovable());
    }

    @Test
    void clientsAreNotListenersAndOtherTransportsAreNotNetty() {
        assertEquals("not a listener", NettyChannel.of(new EpollSocketChannel()).whyNotMovable());
        assertNull(NettyChannel.of(new NioServerSocketChannel()), "NIO goes through the JDK's own channels");
        assertNull(NettyChannel.of("not a channel"));
    }

    @Test
    void ioUringIsRecognisedButNotMovable() {
        assumeTrue(IoUring.isAvailable(), () -> "this kernel refuses io_uring: " + IoUring.unavailabilityCause());
        String why = NettyChannel.of(new IoUringServerSocketChannel()).whyNotMovable();
        assertTrue(why.contains("io_uring"), why);
    }

    /** A bound, registered channel: its endpoint, its backlog, its epoll instance and events, as Netty has them. */
    @Test
    void aBoundChannelShowsItsEpollRegistration() throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            EpollServerSocketChannel channel = new EpollServerSocketChannel();
            channel.config().setBacklog(77);
            group.register(channel).sync();
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync();
            NettyChannel view = NettyChannel.of(channel);
            assertEquals(channel.localAddress(), view.localAddress());
            assertEquals(77, view.backlog());
            int epollFd = view.onEventLoop(view::epollFd);
            assertTrue(epollFd > 2 && epollFd != view.fd(), "epoll fd " + epollFd);
            assertTrue((view.onEventLoop(view::epollEvents) & 1) != 0, "EPOLLIN asked for");

            InetSocketAddress elsewhere = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);
            view.onEventLoop(() -> {
                view.localAddress(elsewhere);
                return null;
            });
            assertEquals(elsewhere, ((Channel) channel).localAddress(), "Netty reports what svccfg set");
            channel.close().sync();
            assertTrue(!view.isOpen());
        } finally {
            group.shutdownGracefully().sync();
        }
    }
}
