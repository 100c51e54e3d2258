package io.svccfg.jmx;

import io.svccfg.listener.Addresses;
import io.svccfg.listener.Listener;
import io.svccfg.listener.UnmanagedListeners;
import javax.management.ConstructorParameters;

/** One managed listener, as JMX shows it; endpoints as {@code address:port}. */
public final class ListenerInfo {
    private final String service;
    private final String transport;
    private final String requested;
    private final String bound;
    private final String state;
    private final int moves;
    private final String why;
    private final String lastError;
    private final String socketType;

    @ConstructorParameters({"service", "transport", "requested", "bound", "state", "moves", "why", "lastError",
        "socketType"})
    public ListenerInfo(String service, String transport, String requested, String bound, String state, int moves,
            String why, String lastError, String socketType) {
        this.service = service;
        this.transport = transport;
        this.requested = requested;
        this.bound = bound;
        this.state = state;
        this.moves = moves;
        this.why = why;
        this.lastError = lastError;
        this.socketType = socketType;
    }

    static ListenerInfo of(Listener l) {
        return new ListenerInfo(l.key().service(), l.key().transport().label(), Addresses.text(l.requested()),
                l.bound() == null ? null : Addresses.text(l.bound()), l.state().name(), l.moves(), l.why(),
                l.lastError(), l.socketType());
    }

    /** A listener of the process on a managed port that svccfg does not manage. */
    static ListenerInfo of(UnmanagedListeners.Unmanaged u) {
        String endpoint = Addresses.text(u.endpoint());
        return new ListenerInfo(u.service(), u.transport().label(), endpoint, endpoint, "UNMANAGED", 0,
                "bound through a path svccfg does not intercept; " + u.assigned(), null,
                "unknown (socket inode " + u.inode() + ")");
    }

    public String getService() {
        return service;
    }

    public String getTransport() {
        return transport;
    }

    public String getRequested() {
        return requested;
    }

    public String getBound() {
        return bound;
    }

    public String getState() {
        return state;
    }

    public int getMoves() {
        return moves;
    }

    public String getWhy() {
        return why;
    }

    public String getLastError() {
        return lastError;
    }

    public String getSocketType() {
        return socketType;
    }
}
