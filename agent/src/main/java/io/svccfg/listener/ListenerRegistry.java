package io.svccfg.listener;

import io.svccfg.plan.ListenerKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** Every managed listener that is still open; the ones the application closed or dropped are forgotten. */
public final class ListenerRegistry {
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /**
     * Orders the application's managed binds (held from the decision to the JDK's bind returning) and svccfg's
     * moves (held for one listener's move): svccfg's fresh socket then never takes an endpoint that the
     * application is binding at that moment, and a move never acts on a listener the application is replacing.
     */
    private final ReentrantLock relocation = new ReentrantLock();
    /** Done once the application's first managed bind has returned: start-up puts off what can wait until then. */
    private final CompletableFuture<Void> firstBound = new CompletableFuture<>();

    /** For a move: waits as long as it takes, the binds it waits for always end. */
    void lockRelocation() {
        relocation.lock();
    }

    /**
     * For an application's bind: waits at most a second. An application thread may hold a lock a move needs (a
     * channel's {@code blockingLock()} is public): rather than risk that deadlock, the bind then goes unordered.
     */
    boolean lockRelocationForBind() {
        try {
            return relocation.tryLock(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void unlockRelocationIfHeld() {
        if (relocation.isHeldByCurrentThread()) {
            relocation.unlock();
        }
    }

    /** Done once the application's first managed bind has returned. */
    public CompletableFuture<Void> firstBound() {
        return firstBound;
    }

    /** A managed bind has returned. */
    void bound() {
        firstBound.complete(null);
    }

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
        for (Listener l : listeners) { // a loop: the application's first bind waits for this, cold
            if (l.state() != ListenerState.BINDING && !isOpen(l)) {
                listeners.remove(l);
            }
        }
        return List.copyOf(listeners);
    }

    /** The keys of the open listeners, with {@code extra}: what the plan needs to split endpoints. */
    List<ListenerKey> keysWith(ListenerKey extra) {
        List<ListenerKey> keys = new java.util.ArrayList<>();
        for (Listener listener : open()) { // a loop: the application's first bind waits for this, cold
            keys.add(listener.key());
        }
        keys.add(extra);
        return keys;
    }

    static boolean isOpen(Listener l) {
        Object socket = l.socket();
        return socket != null && SocketView.isOpen(socket);
    }
}
