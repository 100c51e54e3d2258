package io.svccfg.jdk;

import io.svccfg.netty.NettyChannel;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketImpl;

/**
 * What the accept advice does with the connection the application's accept just took, in the JDK's two accept
 * paths: {@code ServerSocketChannelImpl.implAccept} (every {@code ServerSocketChannel}, blocking or with selectors,
 * and its {@code socket()} adaptor), whose new descriptor and remote address are still in its arguments; and
 * {@code NioSocketImpl.accept(SocketImpl)} ({@code java.net.ServerSocket}), whose new impl is already filled in;
 * and Netty's epoll {@code newChildChannel}, whose new channel is made but not yet registered.
 */
public final class AcceptSwap {
    private final JdkInternals jdk;
    private final Descriptors descriptors;

    AcceptSwap(JdkInternals jdk, Descriptors descriptors) {
        this.jdk = jdk;
        this.descriptors = descriptors;
    }

    /** Null when this JVM has what a hand-over needs, else what it lacks. */
    public String missing() {
        return jdk.missingFor("sun.nio.ch.Net", "java.net.SocketImpl", "sun.nio.ch.NioSocketImpl");
    }

    /**
     * The remote address of what was accepted: {@code accepted} is the new {@link FileDescriptor} with
     * {@code remote[0]} its peer, or the new {@link SocketImpl}.
     */
    public InetSocketAddress remote(Object accepted, SocketAddress[] remote) {
        NettyChannel netty = NettyChannel.of(accepted);
        if (netty != null) {
            return netty.remoteAddress();
        }
        if (accepted instanceof SocketImpl impl) {
            return new InetSocketAddress((java.net.InetAddress) jdk.socketImplAddress.get(impl),
                    (int) jdk.socketImplPort.get(impl));
        }
        return remote != null && remote.length > 0 && remote[0] instanceof InetSocketAddress inet ? inet : null;
    }

    /**
     * Puts {@code held} where the application's accept put what it took (closing that), and makes the application
     * see {@code held}'s peer and local endpoint, exactly as if its accept had taken {@code held} itself.
     */
    public void deliver(HeldConnection held, Object accepted, SocketAddress[] remote) throws IOException {
        Integer fdVal = held.release();
        if (fdVal == null) {
            throw new IOException("connection from " + held.remote() + " already handed over or closed");
        }
        NettyChannel netty = NettyChannel.of(accepted);
        if (netty != null) {
            // Not registered with its event loop yet: Netty hands it to the pipeline after this returns.
            int fd = netty.fd();
            descriptors.moveOnto(fdVal, fd);
            descriptors.configureBlocking(descriptors.wrap(fd), false);
            netty.remoteAddress(held.remote());
            netty.localAddress(held.local());
        } else if (accepted instanceof SocketImpl impl) {
            FileDescriptor fd = (FileDescriptor) jdk.socketImplFd.get(impl);
            descriptors.moveOnto(fdVal, fd);
            // The impl made its socket blocking before this ran; the held one must be too.
            descriptors.configureBlocking(fd, true);
            synchronized (jdk.nioImplStateLock.get(impl)) {
                jdk.socketImplAddress.set(impl, held.remote().getAddress());
                jdk.socketImplPort.set(impl, held.remote().getPort());
                jdk.socketImplLocalPort.set(impl, held.local().getPort());
            }
        } else {
            // The channel reads its local address from the descriptor itself, after this returns.
            descriptors.moveOnto(fdVal, (FileDescriptor) accepted);
            remote[0] = held.remote();
        }
    }
}
