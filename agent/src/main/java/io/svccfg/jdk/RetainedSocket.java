package io.svccfg.jdk;

import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A listening socket that a move took from under the application and kept open: it still holds its accept queue
 * and still takes connections at its endpoint. svccfg accepts them here and hands each to the application's own
 * accept, then closes it. Held as a bare descriptor, which no Java object of the application knows.
 */
public final class RetainedSocket {
    /** {@code sun.nio.ch.IOStatus.UNAVAILABLE}, the same on JDK 17 and 25: nothing to accept now. */
    private static final int UNAVAILABLE = -2;

    private final Descriptors descriptors;
    private final FileDescriptor fd;
    private final int fdVal;
    private final InetSocketAddress endpoint;
    private boolean closed;

    RetainedSocket(Descriptors descriptors, int fdVal, InetSocketAddress endpoint) throws IOException {
        this.descriptors = descriptors;
        this.fdVal = fdVal;
        this.endpoint = endpoint;
        this.fd = descriptors.wrap(fdVal);
        // O_NONBLOCK of the old socket: the application's number is about to refer to the fresh one.
        descriptors.configureBlocking(fd, false);
    }

    /** Where it listens: the endpoint the listener left. */
    public InetSocketAddress endpoint() {
        return endpoint;
    }

    /**
     * Takes the next connection of its queue, waiting at most {@code waitMillis} for one to arrive (0: not at all);
     * null when none came, or once closed.
     */
    public synchronized HeldConnection accept(long waitMillis) throws IOException {
        HeldConnection taken = acceptNow();
        if (taken == null && waitMillis > 0 && !closed) {
            descriptors.awaitReadable(fd, waitMillis);
            taken = acceptNow();
        }
        return taken;
    }

    private HeldConnection acceptNow() throws IOException {
        if (closed) {
            return null;
        }
        FileDescriptor connection = new FileDescriptor();
        InetSocketAddress[] remote = new InetSocketAddress[1];
        int n = descriptors.accept(fd, connection, remote);
        return n > 0 ? new HeldConnection(descriptors, descriptors.fdVal(connection), remote[0], endpoint) : null;
    }

    /**
     * Shortens its accept queue to the least the kernel allows, before the last look at it: the kernel then drops
     * (rather than completes) most handshakes that arrive in the instant before the close, and a dropped one is
     * retried by its client and refused, instead of completed and then reset with the close.
     */
    public synchronized void closeQueue() throws IOException {
        if (!closed) {
            descriptors.listen(fd, 0);
        }
    }

    /** Closes the socket: what is still in its queue is reset by the kernel. */
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            descriptors.close(fdVal);
        }
    }
}
