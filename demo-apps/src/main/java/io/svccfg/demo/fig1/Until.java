package io.svccfg.demo.fig1;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Waits for a condition about other processes, checking it every few milliseconds, up to a deadline. */
final class Until {
    /** A condition that may fail while it is not true yet (a server not up, a connection refused). */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    private Until() {
    }

    /** Whether {@code condition} held within {@code limit}; a condition that throws counts as not holding yet. */
    static boolean holds(Duration limit, Duration every, Condition condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                if (condition.holds()) {
                    return true;
                }
            } catch (Exception e) {
                // not yet
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(every.toMillis()));
        }
    }
}
