package io.svccfg.listener;

import io.svccfg.plan.ListenerKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every managed listener that is still open; the ones the application closed or dropped are forgotten. */
public final class ListenerRegistry {
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    void add(Listener listener) {
        listeners.add(listener);
    }

    void remove(Listener listener) {
        listeners.remove(listener);
    }

    /** The listener being bound for {@code socket}, if this bind is a managed one. */
    Listener binding(Object socket) {
        for (Listener l : listeners) {
            if (l.state() == ListenerState.BINDING && l.socket() == socket) {
                return l;
            }
        }
        return null;
    }

    /** The open listeners, in the order they were bound. */
    public List<Listener> open() {
        listeners.removeIf(l -> l.state() != ListenerState.BINDING && !isOpen(l));
        return List.copyOf(listeners);
    }

    /** The keys of the open listeners, with {@code extra}: what the plan needs to split endpoints. */
    List<ListenerKey> keysWith(ListenerKey extra) {
        List<ListenerKey> keys = new java.util.ArrayList<>(open().stream().map(Listener::key).toList());
        keys.add(extra);
        return keys;
    }

    private static boolean isOpen(Listener l) {
        Object socket = l.socket();
        return socket != null && SocketView.isOpen(socket);
    }
}
