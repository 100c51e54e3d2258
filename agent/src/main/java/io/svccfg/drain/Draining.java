package io.svccfg.drain;

import io.svccfg.interception.AgentThreads;
import io.svccfg.interception.Interception;
import io.svccfg.jdk.AcceptSwap;
import io.svccfg.jdk.RetainedSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The old endpoints that still accept after a move ("retain and drain"), each for its window, on a thread of its
 * own that ends with it. The accept hook is on only while a window runs, so that otherwise an accept costs svccfg
 * one volatile read.
 */
public final class Draining {
    /**
     * Windows at once, at most: each holds a thread and a socket. A listener moved among more endpoints than this
     * within a TTL ends its oldest window early (its queue delivered, the socket closed).
     */
    static final int MAX_WINDOWS = 16;
    /** How long a move waits for a window to hand over its queue and close, at most. */
    private static final Duration RELEASE_WITHIN = Duration.ofSeconds(1);

    private final Doorbells doorbells;
    private final List<DrainWindow> windows = new CopyOnWriteArrayList<>();

    public Draining(AcceptSwap swap) {
        this.doorbells = new Doorbells(swap);
    }

    /**
     * Drains {@code old} for {@code window} (zero: only what is queued now), handing its connections to
     * {@code target}. False, with {@code old} closed, when the accept hook is not in place.
     */
    public synchronized boolean start(DrainTarget target, RetainedSocket old, Duration window) {
        if (windows.isEmpty() && !Interception.onAccepted(doorbells)) {
            try {
                old.close();
            } catch (java.io.IOException e) {
                // not drained either way
            }
            return false;
        }
        if (windows.size() >= MAX_WINDOWS) {
            windows.get(0).endNow(RELEASE_WITHIN);
        }
        DrainWindow drain = new DrainWindow(target, old, window, doorbells, this::ended);
        windows.add(drain);
        AgentThreads.start("svccfg-drain", drain);
        return true;
    }

    private synchronized void ended(DrainWindow window) {
        windows.remove(window);
        if (windows.isEmpty()) {
            Interception.onAccepted(null);
        }
    }

    /**
     * Ends at once the windows whose old socket holds what a bind to {@code to} needs (the same port on the same
     * address, or on the wildcard of either): a listener moving back to an endpoint it left takes it over from its
     * window, whose queued connections are delivered first.
     */
    public void release(InetSocketAddress to) {
        for (DrainWindow window : windows) {
            InetSocketAddress held = window.endpoint();
            if (held.getPort() == to.getPort() && (held.getAddress().equals(to.getAddress())
                    || held.getAddress().isAnyLocalAddress() || to.getAddress().isAnyLocalAddress())) {
                window.endNow(RELEASE_WITHIN);
            }
        }
    }

    /** The endpoints draining now. */
    public List<Window> windows() {
        return windows.stream().map(DrainWindow::status).toList();
    }
}
