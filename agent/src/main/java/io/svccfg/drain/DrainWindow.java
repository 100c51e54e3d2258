package io.svccfg.drain;

import io.svccfg.jdk.HeldConnection;
import io.svccfg.jdk.RetainedSocket;
import io.svccfg.log.Logs;
import io.svccfg.tuple.AddressText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * One old endpoint draining, on a thread of its own: until its deadline it takes every connection that reaches the
 * retained socket and rings it through to the application; then it takes what is left in the queue once more,
 * closes the socket, and waits for its last connections to be handed over. It ends at once when the application
 * closes its listener.
 */
final class DrainWindow implements Runnable {
    private static final Logger log = Logs.of(DrainWindow.class);
    /**
     * How long one wait for a connection lasts: the window notices its end, an early end and a closed listener this
     * fast (a listener moving back to an endpoint that drains waits that long for it).
     */
    static final long POLL_MILLIS = 10;
    /**
     * Connections rung but not yet accepted by the application, at most: beyond them connections wait in the old
     * socket's kernel queue, as they would in any listener's, instead of piling up as descriptors in svccfg.
     */
    static final int OUTSTANDING = 64;
    /** A connection the application has not accepted this long after its ring is closed: it stopped accepting. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    private final DrainTarget target;
    private final RetainedSocket old;
    /** Volatile: {@link #endNow} brings it forward. */
    private volatile long deadline;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Doorbells doorbells;
    private final Consumer<DrainWindow> ended;
    private final Semaphore room = new Semaphore(OUTSTANDING);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    DrainWindow(DrainTarget target, RetainedSocket old, Duration window, Doorbells doorbells,
            Consumer<DrainWindow> ended) {
        this.target = target;
        this.old = old;
        this.deadline = System.nanoTime() + window.toNanos();
        this.doorbells = doorbells;
        this.ended = ended;
    }

    DrainTarget target() {
        return target;
    }

    Window status() {
        return new Window(target.label(), old.endpoint(),
                Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())), delivered.get());
    }

    @Override
    public void run() {
        long started = System.nanoTime();
        try {
            drain();
        } catch (IOException | RuntimeException e) {
            log.warn("{}: draining {} stopped: {}", target.label(), endpointText(), e.toString());
        } finally {
            close();
            closed.countDown();
            awaitHandovers();
            doorbells.forget(this);
            ended.accept(this);
        }
        log.info("{}: {} drained for {} ms: {} connections delivered{}{}", target.label(), endpointText(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), delivered.get(),
                dropped.get() == 0 ? "" : ", " + dropped.get() + " closed unanswered",
                target.isOpen() ? "" : "; ended early: the application closed its listener");
    }

    private void drain() throws IOException {
        while (System.nanoTime() < deadline && target.isOpen()) {
            if (awaitRoom(POLL_MILLIS)) {
                HeldConnection connection = old.accept(Math.min(POLL_MILLIS, millisLeft()));
                if (connection == null) {
                    room.release();
                } else {
                    doorbells.take(connection, this);
                }
            }
        }
        // The last drain: what reached the queue up to now is delivered too.
        old.closeQueue();
        while (target.isOpen() && awaitRoom(ANSWER_WITHIN.toMillis())) {
            HeldConnection connection = old.accept(0);
            if (connection == null) {
                room.release();
                return;
            }
            doorbells.take(connection, this);
        }
    }

    private boolean awaitRoom(long millis) {
        try {
            return room.tryAcquire(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private long millisLeft() {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    /** The old endpoint it drains. */
    InetSocketAddress endpoint() {
        return old.endpoint();
    }

    /**
     * Ends the window now: what is queued is delivered, the old socket closed. Returns once it is closed (or after
     * {@code within}, if the last drain takes longer).
     */
    void endNow(Duration within) {
        deadline = System.nanoTime();
        try {
            closed.await(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String endpointText() {
        return AddressText.of(old.endpoint().getAddress(), old.endpoint().getPort());
    }

    private void close() {
        try {
            old.close();
        } catch (IOException e) {
            log.debug("{}: closing {}: {}", target.label(), endpointText(), e.toString());
        }
    }

    /** Until each connection rung is handed over, or the listener closed, or the application stopped accepting. */
    private void awaitHandovers() {
        long giveUp = System.nanoTime() + ANSWER_WITHIN.toNanos();
        while (target.isOpen() && System.nanoTime() < giveUp) {
            try {
                if (room.tryAcquire(OUTSTANDING, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A connection it rang was handed to the application. */
    void delivered() {
        delivered.incrementAndGet();
        room.release();
    }

    /** A connection it rang was closed undelivered. */
    void dropped() {
        dropped.incrementAndGet();
        room.release();
    }

    /** What it took was a ring of another window, rung again for that one: it holds no room here. */
    void passedOn() {
        room.release();
    }
}
