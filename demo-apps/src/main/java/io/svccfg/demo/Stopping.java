package io.svccfg.demo;

import java.util.concurrent.CompletableFuture;

/**
 * How a service's loop ended, for {@link Service#stopped()}: normally when its owner closed it, exceptionally when
 * its listening socket was closed under it.
 */
final class Stopping {
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile boolean closing;

    /** The owner is closing the service: the loop's end that follows is the normal one. */
    void closing() {
        closing = true;
    }

    /** The loop saw its socket closed, shown by {@code e}. */
    void loopEnded(Throwable e) {
        if (closing) {
            stopped.complete(null);
        } else {
            stopped.completeExceptionally(e);
        }
    }

    CompletableFuture<Void> future() {
        return stopped;
    }
}
