package io.svccfg.dns;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Bounds the questions outstanding at once. A read sends all its questions together (one round trip, not one per
 * question), but a zone with a thousand targets would then open two thousand sockets in one instant and overflow
 * the server's receive queue; beyond the bound, a question starts when an earlier one ends.
 */
final class InFlight {
    /** Set while a thread starts exchanges: one that ends at once, inline, must not start the next one deeper. */
    private static final ThreadLocal<Boolean> STARTING = ThreadLocal.withInitial(() -> false);

    private final int max;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int running;

    InFlight(int max) {
        this.max = max;
    }

    /** Starts {@code exchange} now or when a place frees up; the result completes as the exchange does. */
    <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> exchange) {
        CompletableFuture<T> result = new CompletableFuture<>();
        synchronized (this) {
            waiting.add(() -> relay(exchange, result));
        }
        startWhatFits();
        return result;
    }

    private <T> void relay(Supplier<CompletableFuture<T>> exchange, CompletableFuture<T> result) {
        CompletableFuture<T> started;
        try {
            started = exchange.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((value, error) -> {
            synchronized (this) {
                running--;
            }
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
            startWhatFits();
        });
    }

    /** Starts waiting exchanges while there is room; iterative, so that a long queue never deepens the stack. */
    private void startWhatFits() {
        if (STARTING.get()) {
            return; // the loop below, further up this thread's stack, goes on
        }
        STARTING.set(true);
        try {
            while (true) {
                Runnable next;
                synchronized (this) {
                    if (running >= max || waiting.isEmpty()) {
                        return;
                    }
                    running++;
                    next = waiting.poll();
                }
                next.run();
            }
        } finally {
            STARTING.set(false);
        }
    }
}
