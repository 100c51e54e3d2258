package io.svccfg.jdk;

import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.SocketImpl;
import java.nio.channels.ServerSocketChannel;

/**
 * Moves a {@code java.net.ServerSocket} over the JDK's {@code NioSocketImpl}, under the impl's state lock and only
 * while it is open. The fresh socket is always non-blocking, and the impl told so: its accept then polls and
 * retries, whether the application's thread is a platform or a virtual one, and whatever mode the impl would have
 * switched to under its own read lock meanwhile.
 */
final class ServerSocketMove implements Move {
    private final JdkInternals jdk;
    private final Descriptors descriptors;

    ServerSocketMove(JdkInternals jdk, Descriptors descriptors) {
        this.jdk = jdk;
        this.descriptors = descriptors;
    }

    @Override
    public boolean handles(Object socket) {
        return socket instanceof ServerSocket && !(socket.getClass().getName().startsWith("sun.nio.ch."));
    }

    @Override
    public String missing() {
        return jdk.missingFor("java.net.ServerSocket", "java.net.SocketImpl", "sun.nio.ch.NioSocketImpl",
                "sun.nio.ch.ServerSocketChannelImpl");
    }

    @Override
    public Moved move(Object socket, InetSocketAddress to, int backlog, boolean retain) throws IOException {
        ServerSocket serverSocket = (ServerSocket) socket;
        SocketImpl impl = (SocketImpl) jdk.serverSocketImpl.get(serverSocket);
        if (!jdk.nioSocketImpl.isInstance(impl)) {
            throw new SocketException("not movable: its SocketImpl is " + impl.getClass().getName());
        }
        ServerSocketChannel fresh = ServerSocketChannel.open();
        try {
            FreshSockets.copy(FreshSockets.of(serverSocket), FreshSockets.of(fresh));
            InetSocketAddress from = (InetSocketAddress) serverSocket.getLocalSocketAddress();
            FreshSockets.bind(fresh, to, backlog, retain ? FreshSockets.of(serverSocket) : null, from);
            InetSocketAddress bound = (InetSocketAddress) fresh.getLocalAddress();
            int freshFd = descriptors.fdVal((FileDescriptor) jdk.serverChannelFd.get(fresh));
            synchronized (jdk.nioImplStateLock.get(impl)) {
                int state = (int) jdk.nioImplState.get(impl);
                if (state < jdk.nioImplUnconnected || state >= jdk.nioImplClosing) {
                    throw new SocketException("Socket is closed");
                }
                FileDescriptor fd = (FileDescriptor) jdk.socketImplFd.get(impl);
                int fdVal = descriptors.fdVal(fd);
                RetainedSocket old = null;
                try {
                    old = retain ? descriptors.retain(fdVal, from) : null;
                    descriptors.replace(fd, freshFd, false);
                } catch (IOException | RuntimeException e) {
                    Descriptors.closeQuietly(old);
                    throw e;
                }
                jdk.nioImplNonBlocking.set(impl, true);
                jdk.socketImplLocalPort.set(impl, bound.getPort());
                jdk.socketImplAddress.set(impl, bound.getAddress());
                descriptors.wake((long) jdk.nioImplReaderThread.get(impl), fdVal);
                // Only the application's descriptor holds the socket now: its close releases it at once.
                fresh.close();
                return new Moved(bound, old);
            }
        } finally {
            fresh.close();
        }
    }
}
