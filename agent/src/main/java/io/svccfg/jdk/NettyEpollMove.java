package io.svccfg.jdk;

import io.svccfg.netty.NettyChannel;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;

/**
 * Moves a listener of Netty's epoll transport ({@code EpollServerSocketChannel}, {@code EpollDatagramChannel}, in
 * any copy of Netty 4.2): the fresh socket is bound by the JDK, then put under Netty's descriptor number on the
 * channel's event loop, between taking the number out of Netty's epoll instance and putting it back with the
 * events Netty had asked for; Netty's cached local address then names the new endpoint. Netty never sees a
 * descriptor change under its feet, since its event loop is the one running the swap.
 */
final class NettyEpollMove implements Move {
    private final JdkInternals jdk;
    private final Descriptors descriptors;

    NettyEpollMove(JdkInternals jdk, Descriptors descriptors) {
        this.jdk = jdk;
        this.descriptors = descriptors;
    }

    @Override
    public boolean handles(Object socket) {
        NettyChannel channel = NettyChannel.of(socket);
        return channel != null && channel.whyNotMovable() == null;
    }

    @Override
    public boolean drains(Object socket) {
        return NettyChannel.of(socket).isServer();
    }

    @Override
    public String missing() {
        return jdk.missingFor("sun.nio.ch.Net", "sun.nio.ch.ServerSocketChannelImpl", "sun.nio.ch.DatagramChannelImpl");
    }

    @Override
    public Moved move(Object socket, InetSocketAddress to, int backlog, boolean retain) throws IOException {
        NettyChannel channel = NettyChannel.of(socket);
        boolean datagram = channel.isDatagram();
        InetSocketAddress from = channel.localAddress();
        FileDescriptor appFd = descriptors.wrap(channel.fd()); // a view only: Netty owns and closes the number
        FreshSockets.Options old = FreshSockets.of(descriptors, appFd);
        try (NetworkChannel fresh = datagram ? DatagramChannel.open() : ServerSocketChannel.open()) {
            FreshSockets.copy(old, FreshSockets.of(fresh));
            if (datagram) {
                fresh.bind(to);
            } else {
                FreshSockets.bind((ServerSocketChannel) fresh, to, backlog, retain ? old : null, from);
            }
            InetSocketAddress bound = (InetSocketAddress) fresh.getLocalAddress();
            int freshFd = descriptors.fdVal((FileDescriptor) (datagram ? jdk.datagramFd.get(fresh)
                    : jdk.serverChannelFd.get(fresh)));
            return channel.onEventLoop(() -> swap(channel, appFd, freshFd, from, bound, retain && !datagram));
        }
    }

    /** On the event loop: the fresh socket under Netty's number, re-registered as Netty had it. */
    private Moved swap(NettyChannel channel, FileDescriptor appFd, int freshFd, InetSocketAddress from,
            InetSocketAddress bound, boolean retain) throws Exception {
        if (!channel.isOpen()) {
            throw new ClosedChannelException();
        }
        int fdVal = channel.fd();
        int epfd = channel.epollFd();
        int events = channel.epollEvents();
        // Out of the epoll set while it still names the old socket (see Descriptors.forget); ENOENT: it was not in.
        boolean registered = epfd >= 0 && descriptors.epollCtl(epfd, false, fdVal, 0) == 0;
        RetainedSocket old = null;
        try {
            old = retain ? descriptors.retain(fdVal, from) : null;
            descriptors.replace(appFd, freshFd, false);
        } catch (IOException | RuntimeException e) {
            Descriptors.closeQuietly(old);
            if (registered) {
                descriptors.epollCtl(epfd, true, fdVal, events);
            }
            throw e;
        }
        if (registered) {
            int errno = descriptors.epollCtl(epfd, true, fdVal, events);
            if (errno != 0) {
                throw new IOException("epoll_ctl ADD of Netty's socket failed, errno " + errno);
            }
        }
        channel.localAddress(bound);
        return new Moved(bound, old);
    }
}
