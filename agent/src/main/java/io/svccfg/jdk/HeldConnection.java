package io.svccfg.jdk;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A connection svccfg accepted on a retained socket, held as a bare descriptor until {@link AcceptSwap} puts it
 * under what the application's accept returned, or until it is closed.
 */
public final class HeldConnection {
    private final Descriptors descriptors;
    private final int fdVal;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private boolean released;

    HeldConnection(Descriptors descriptors, int fdVal, InetSocketAddress remote, InetSocketAddress local) {
        this.descriptors = descriptors;
        this.fdVal = fdVal;
        this.remote = remote;
        this.local = local;
    }

    /** The client's address, as the application must see it. */
    public InetSocketAddress remote() {
        return remote;
    }

    /** The endpoint it reached: the retained socket's. */
    public InetSocketAddress local() {
        return local;
    }

    /** The descriptor, once: from then on it belongs to the application. Null when already given or closed. */
    synchronized Integer release() {
        if (released) {
            return null;
        }
        released = true;
        return fdVal;
    }

    /** Closes it, unless it was handed over: the client sees the connection end. */
    public void close() throws IOException {
        Integer fd = release();
        if (fd != null) {
            descriptors.close(fd);
        }
    }
}
