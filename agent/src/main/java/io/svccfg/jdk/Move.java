package io.svccfg.jdk;

import java.io.IOException;
import java.net.InetSocketAddress;

/** How one kind of JDK listener is moved. */
interface Move {
    /** Whether this is the kind of {@code socket}. */
    boolean handles(Object socket);

    /** Null when this JVM has every internal name the move needs, else what it lacks. */
    String missing();

    /**
     * Binds a fresh socket to {@code to} and puts it under the application's object; returns where it is bound.
     * When it throws, the listener is where it was.
     */
    InetSocketAddress move(Object socket, InetSocketAddress to, int backlog) throws IOException;
}
