package io.svccfg.listener;

import io.svccfg.plan.Assignment;
import io.svccfg.plan.ListenerKey;
import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;

/**
 * A managed listener: a socket the application bound on a port that maps to a service. The socket is held weakly:
 * svccfg never keeps alive what the application dropped.
 */
public final class Listener {
    private final ListenerKey key;
    private final InetSocketAddress requested;
    private final int backlog;
    private final WeakReference<Object> socket;
    private final String socketType;

    private final ListenerState target;
    private volatile ListenerState state = ListenerState.BINDING;
    private volatile Assignment assignment;
    private volatile InetSocketAddress bound;
    private volatile String why;
    private volatile String lastError;
    private volatile int moves;
    private volatile long lastMoveNanos;
    private volatile boolean everMoved;

    /** A listener being bound, that becomes {@code target} (active, parked, or failed and parked) once bound. */
    Listener(ListenerKey key, InetSocketAddress requested, int backlog, Object socket, Assignment assignment,
            ListenerState target, String why) {
        this.key = key;
        this.target = target;
        this.why = why;
        this.requested = requested;
        this.backlog = backlog;
        this.socket = new WeakReference<>(socket);
        this.socketType = socket.getClass().getName();
        this.assignment = assignment;
    }

    public ListenerKey key() {
        return key;
    }

    /** The address and port the application asked for. */
    public InetSocketAddress requested() {
        return requested;
    }

    /** The backlog the application asked for (the JDK does not keep it); 0 for UDP or the default. */
    public int backlog() {
        return backlog;
    }

    /** The application's socket object, or null once the application dropped it. */
    public Object socket() {
        return socket.get();
    }

    public String socketType() {
        return socketType;
    }

    public ListenerState state() {
        return state;
    }

    public Assignment assignment() {
        return assignment;
    }

    /** Where the socket is bound now; null while binding. */
    public InetSocketAddress bound() {
        return bound;
    }

    /** Why it is bound where it is, in words. */
    public String why() {
        return why;
    }

    public String lastError() {
        return lastError;
    }

    /** The application's bind returned: the socket is at {@code where}. */
    void bound(InetSocketAddress where) {
        this.bound = where;
        this.state = target;
    }

    /** The listener is at {@code where} now, for {@code assignment}, after a move if {@code moved}. */
    void relocated(InetSocketAddress where, Assignment assignment, ListenerState state, String why, boolean moved) {
        this.bound = where;
        this.assignment = assignment;
        this.state = state;
        this.why = why;
        this.lastError = null;
        if (moved) {
            moves++;
            lastMoveNanos = System.nanoTime();
            everMoved = true;
        }
    }

    /** A move failed: the listener is where it was, and the next read tries again. */
    void failed(String error) {
        this.lastError = error;
        this.state = ListenerState.FAILED;
    }

    /** Why the listener is not where DNS says, before it is even bound. */
    void lastError(String error) {
        this.lastError = error;
    }

    /** How long until this listener may move again, at most {@code damping} after its last move; 0: now. */
    long nanosUntilMovable(long damping, long now) {
        return everMoved ? Math.max(0, damping - (now - lastMoveNanos)) : 0;
    }

    /** How many times svccfg moved it (parking and unparking are moves too). */
    public int moves() {
        return moves;
    }

    @Override
    public String toString() {
        return key.service() + "/" + key.transport().label() + " asked " + Addresses.text(requested) + ", "
                + state.name().toLowerCase(java.util.Locale.ROOT) + (bound == null ? "" : " at " + Addresses.text(bound));
    }
}
