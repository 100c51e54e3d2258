package io.svccfg.demo;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Stdout lines that tests read: one whole line at a time, flushed at once, never interleaved. */
final class Out {
    private Out() {
    }

    static synchronized void line(String line) {
        System.out.println(line);
        System.out.flush();
    }

    static void error(Throwable e) {
        line("ERROR " + describe(e));
    }

    /** {@code SimpleClassName: message}, always on one line so a reader can split the output by lines. */
    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' ');
    }

    /**
     * A short pause after a failure that left the listener open: enough that an error repeating forever cannot turn
     * a loop into a hot spin that floods stdout, short enough that a transient error costs clients nothing visible.
     */
    static void pauseAfterError() {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
}
