package io.svccfg.demo;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;

/**
 * One bound listener of one {@link Kind}. Implementations bind in their constructor (so a failed bind is a thrown
 * exception and nothing else) and keep no copy of any address: the agent may move the kernel socket under the
 * listener at any moment, so every address is asked of the listener object at the moment it is reported.
 */
interface Listener extends Closeable {

    /** The listener's local address as the application sees it right now. */
    SocketAddress localAddress() throws IOException;

    /**
     * Answers clients until the listener is closed, then throws the exception that showed it was closed. Any other
     * failure is printed as an {@code ERROR} line and the loop goes on: a transient error must not stop a server.
     */
    void serve() throws Exception;
}
