package io.svccfg.jdk;

import java.io.IOException;
import java.net.InetSocketAddress;

/** How one kind of JDK listener is moved. */
interface Move {
    /** Whether this is the kind of {@code socket}. */
    boolean handles(Object socket);

    /** Whether a move can retain the old socket of {@code socket} to drain it: a TCP listener's can. */
    default boolean drains(Object socket) {
        return true;
    }

    /** Null when this JVM has every internal name the move needs, else what it lacks. */
    String missing();

    /**
     * Binds a fresh socket to {@code to} and puts it under the application's object. With {@code retain}, a kind
     * that can be drained keeps the old socket open and returns it. When it throws, the listener is where it was.
     */
    Moved move(Object socket, InetSocketAddress to, int backlog, boolean retain) throws IOException;
}
