package io.svccfg.netty;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs svccfg's work on a channel's event loop, the one thread that touches the channel's socket and epoll
 * registration in Netty, and waits for it. A loop that does not get to it within {@link #WITHIN_MILLIS} (busy or
 * blocked by the application) never runs it late: the call is withdrawn and the move fails, the listener untouched.
 */
public final class EventLoopCall {
    static final long WITHIN_MILLIS = 5_000;
    private static final int WAITING = 0;
    private static final int RUNNING = 1;
    private static final int WITHDRAWN = 2;

    /** The work, on the event loop. */
    public interface Body<T> {
        T run() throws Exception;
    }

    private EventLoopCall() {
    }

    static <T> T run(NettyChannel channel, Body<T> body) throws IOException {
        AtomicInteger state = new AtomicInteger(WAITING);
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            channel.eventLoop().execute(() -> {
                if (!state.compareAndSet(WAITING, RUNNING)) {
                    return;
                }
                try {
                    result.complete(body.run());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
            try {
                return result.get(WITHIN_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (state.compareAndSet(WAITING, WITHDRAWN)) {
                    throw new IOException("Netty's event loop did not run svccfg's move within " + WITHIN_MILLIS
                            + " ms");
                }
                // It started meanwhile: its outcome decides.
                return result.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state.compareAndSet(WAITING, WITHDRAWN);
            throw new InterruptedIOException("interrupted while waiting for Netty's event loop");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        } catch (ReflectiveOperationException | java.util.concurrent.RejectedExecutionException e) {
            throw new IOException("cannot reach Netty's event loop: " + e, e);
        }
    }
}
