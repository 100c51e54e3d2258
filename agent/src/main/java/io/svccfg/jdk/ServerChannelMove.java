package io.svccfg.jdk;

import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;

/**
 * Moves a {@code ServerSocketChannel} (blocking or with selectors; also what {@code ServerSocketChannel.socket()}
 * and the JDK's {@code HttpServer} use). Lock order, as the JDK's own close takes them: the channel's registration
 * lock, then its state lock; the swap happens only while the state is still "in use", so a descriptor the
 * application has closed is never touched.
 */
final class ServerChannelMove implements Move {
    private final JdkInternals jdk;
    private final Descriptors descriptors;

    ServerChannelMove(JdkInternals jdk, Descriptors descriptors) {
        this.jdk = jdk;
        this.descriptors = descriptors;
    }

    @Override
    public boolean handles(Object socket) {
        return jdk.serverChannel != null && jdk.serverChannel.isInstance(socket);
    }

    @Override
    public String missing() {
        return jdk.missingFor("sun.nio.ch.ServerSocketChannelImpl", "sun.nio.ch.EPollSelectorImpl");
    }

    @Override
    public Moved move(Object socket, InetSocketAddress to, int backlog, boolean retain) throws IOException {
        ServerSocketChannel channel = (ServerSocketChannel) socket;
        ServerSocketChannel fresh = ServerSocketChannel.open((ProtocolFamily) jdk.serverChannelFamily.get(channel));
        try {
            FreshSockets.copy(FreshSockets.of(channel), FreshSockets.of(fresh));
            InetSocketAddress from = (InetSocketAddress) channel.getLocalAddress();
            FreshSockets.bind(fresh, to, backlog, retain ? FreshSockets.of(channel) : null, from);
            InetSocketAddress bound = (InetSocketAddress) fresh.getLocalAddress();
            int freshFd = descriptors.fdVal((FileDescriptor) jdk.serverChannelFd.get(fresh));
            synchronized (jdk.regLock.get(channel)) {
                synchronized (jdk.serverChannelStateLock.get(channel)) {
                    if ((int) jdk.serverChannelState.get(channel) != jdk.serverChannelInUse) {
                        throw new ClosedChannelException();
                    }
                    FileDescriptor fd = (FileDescriptor) jdk.serverChannelFd.get(channel);
                    int fdVal = descriptors.fdVal(fd);
                    boolean forced = jdk.serverChannelForcedNonBlocking != null
                            && (boolean) jdk.serverChannelForcedNonBlocking.get(channel);
                    descriptors.forget(channel, fdVal);
                    RetainedSocket old = null;
                    try {
                        old = retain ? descriptors.retain(fdVal, from) : null;
                        descriptors.replace(fd, freshFd, channel.isBlocking() && !forced);
                    } catch (IOException | RuntimeException e) {
                        // The old socket stays under the application's number: its registrations come back.
                        Descriptors.closeQuietly(old);
                        descriptors.rearm(channel, fdVal);
                        throw e;
                    }
                    jdk.serverChannelLocalAddress.set(channel, bound);
                    descriptors.rearm(channel, fdVal);
                    descriptors.wake((long) jdk.serverChannelThread.get(channel), fdVal);
                    // Only the application's descriptor holds the socket now: its close releases it at once.
                    fresh.close();
                    return new Moved(bound, old);
                }
            }
        } finally {
            fresh.close();
        }
    }
}
