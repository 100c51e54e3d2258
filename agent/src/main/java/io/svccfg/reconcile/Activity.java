package io.svccfg.reconcile;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** What the agent has done so far, as plain counters and times that operators and exporters read. */
public final class Activity {
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong readFailures = new AtomicLong();
    private final AtomicLong notifies = new AtomicLong();
    private volatile Instant lastRead;
    private volatile Instant lastFullRead;
    private volatile Instant lastChange;
    private volatile String lastError;

    void polled() {
        polls.incrementAndGet();
    }

    void readFailed(String error) {
        readFailures.incrementAndGet();
        error(error);
    }

    void notified() {
        notifies.incrementAndGet();
    }

    void read(Instant when) {
        lastRead = when;
    }

    /** A read asked the records, not only the serials: the last good read is the one that ended {@code when}. */
    void fullRead(Instant when) {
        lastFullRead = when;
    }

    void changed(Instant when) {
        lastChange = when;
    }

    void error(String error) {
        lastError = Instant.now() + " " + error;
    }

    public long polls() {
        return polls.get();
    }

    public long readFailures() {
        return readFailures.get();
    }

    public long notifies() {
        return notifies.get();
    }

    /** When the last good read ended; null before the first. */
    public Instant lastRead() {
        return lastRead;
    }

    /** When the last good read that asked the records (not only the serials) ended; null before the first. */
    public Instant lastFullRead() {
        return lastFullRead;
    }

    /** When a read last changed the tuples or a listener; null before the first. */
    public Instant lastChange() {
        return lastChange;
    }

    /** The last error of a read or a move, with its time; null if none yet. */
    public String lastError() {
        return lastError;
    }
}
