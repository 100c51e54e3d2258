package io.svccfg.reconcile;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Turns NOTIFYs into reads so that a burst costs one read: the first NOTIFY schedules the read a little later
 * ({@link #COALESCE}, plus a random part up to {@code notify-jitter=}, so that the hosts of a fleet that one DNS
 * server notifies at once do not all ask it in the same millisecond), the ones that come before it runs ride along,
 * and reads for NOTIFYs are at least {@link #SPACING} apart, so that a primary sending many NOTIFYs cannot make the
 * agent read without pause. NOTIFYs arrive on the receiver's threads; the reads run on the agent's thread.
 */
final class NotifyCoalescing {
    /** How long a NOTIFY waits for the rest of its burst before the read. */
    static final Duration COALESCE = Duration.ofMillis(50);
    /** The least time between two reads made for NOTIFYs, however many arrive. */
    static final Duration SPACING = Duration.ofMillis(250);

    private final ScheduledExecutorService thread;
    private final Runnable read;
    /** The random part of each delay, in nanoseconds. */
    private final LongSupplier jitter;
    private final AtomicBoolean readPending = new AtomicBoolean();
    /** When the last read for NOTIFYs started, in {@link System#nanoTime()}'s time. */
    private volatile long lastRead;

    /** {@code nowNanos} is the time at start, in {@link System#nanoTime()}'s time: a first NOTIFY waits no spacing. */
    NotifyCoalescing(ScheduledExecutorService thread, Runnable read, long nowNanos, LongSupplier jitter) {
        this.thread = thread;
        this.read = read;
        this.jitter = jitter;
        this.lastRead = nowNanos - SPACING.toNanos();
    }

    /** A NOTIFY was accepted: the read is scheduled, unless one already is. */
    void notified() {
        readDelay(System.nanoTime())
                .ifPresent(delay -> thread.schedule(this::readForBurst, delay, TimeUnit.NANOSECONDS));
    }

    /**
     * For a NOTIFY at {@code nowNanos}: in how many nanoseconds its read must run, or empty when a read is already
     * pending, which this NOTIFY rides along.
     */
    OptionalLong readDelay(long nowNanos) {
        if (!readPending.compareAndSet(false, true)) {
            return OptionalLong.empty();
        }
        long sinceLast = nowNanos - lastRead;
        return OptionalLong.of(Math.max(COALESCE.toNanos() + jitter.getAsLong(), SPACING.toNanos() - sinceLast));
    }

    /** Uniformly random from zero to {@code most}, in nanoseconds. */
    static LongSupplier jitter(Duration most) {
        long bound = most.toNanos() + 1;
        return () -> ThreadLocalRandom.current().nextLong(bound);
    }

    /** The pending read starts at {@code nowNanos}: a NOTIFY from now on needs a read of its own. */
    void readStarts(long nowNanos) {
        readPending.set(false);
        lastRead = nowNanos;
    }

    private void readForBurst() {
        readStarts(System.nanoTime());
        read.run();
    }
}
