package io.svccfg.jdk;

import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

/**
 * Moves a {@code DatagramChannel}, which is also what {@code DatagramSocket} and {@code MulticastSocket} are made
 * of. Same lock order as {@link ServerChannelMove}; a connected channel is a client, not a listener, and is left
 * alone.
 */
final class DatagramChannelMove implements Move {
    private final JdkInternals jdk;
    private final Descriptors descriptors;

    DatagramChannelMove(JdkInternals jdk, Descriptors descriptors) {
        this.jdk = jdk;
        this.descriptors = descriptors;
    }

    @Override
    public boolean handles(Object socket) {
        return jdk.datagramChannel != null && jdk.datagramChannel.isInstance(socket);
    }

    @Override
    public boolean drains(Object socket) {
        return false;
    }

    @Override
    public String missing() {
        return jdk.missingFor("sun.nio.ch.DatagramChannelImpl", "sun.nio.ch.EPollSelectorImpl");
    }

    @Override
    public Moved move(Object socket, InetSocketAddress to, int backlog, boolean retain) throws IOException {
        DatagramChannel channel = (DatagramChannel) socket;
        DatagramChannel fresh = DatagramChannel.open((ProtocolFamily) jdk.datagramFamily.get(channel));
        try {
            FreshSockets.copy(FreshSockets.of(channel), FreshSockets.of(fresh));
            fresh.bind(to);
            InetSocketAddress bound = (InetSocketAddress) fresh.getLocalAddress();
            int freshFd = descriptors.fdVal((FileDescriptor) jdk.datagramFd.get(fresh));
            synchronized (jdk.regLock.get(channel)) {
                synchronized (jdk.datagramStateLock.get(channel)) {
                    if ((int) jdk.datagramState.get(channel) != jdk.datagramUnconnected) {
                        throw new ClosedChannelException();
                    }
                    FileDescriptor fd = (FileDescriptor) jdk.datagramFd.get(channel);
                    int fdVal = descriptors.fdVal(fd);
                    boolean forced = jdk.datagramForcedNonBlocking != null
                            && (boolean) jdk.datagramForcedNonBlocking.get(channel);
                    descriptors.replace(fd, freshFd, channel.isBlocking() && !forced);
                    jdk.datagramLocalAddress.set(channel, bound);
                    descriptors.rearm(channel, fdVal);
                    descriptors.wake((long) jdk.datagramReaderThread.get(channel), fdVal);
                    descriptors.wake((long) jdk.datagramWriterThread.get(channel), fdVal);
                    // Only the application's descriptor holds the socket now: its close releases it at once.
                    fresh.close();
                }
            }
            // Not retained: a reply must come from the address the client sent to, which a drained socket is not.
            return new Moved(bound, null);
        } finally {
            fresh.close();
        }
    }
}
