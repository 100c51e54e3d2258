package io.svccfg.reconcile;

import io.svccfg.dns.DnsRead;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The last good DNS read, and whether a first read was attempted yet. A failed read never replaces a good one. */
public final class ReadState {
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private volatile DnsRead lastGood;
    private volatile String lastError;

    void succeeded(DnsRead read) {
        lastGood = read;
        lastError = null;
        firstAttempt.countDown();
    }

    void failed(String error) {
        lastError = error;
        firstAttempt.countDown();
    }

    /** Waits at most {@code max} for the first read to end, then gives the last good read, if any. */
    public Optional<DnsRead> awaitFirst(Duration max) {
        try {
            firstAttempt.await(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return lastGood();
    }

    public Optional<DnsRead> lastGood() {
        return Optional.ofNullable(lastGood);
    }

    /** Why the last read failed; null when it succeeded. */
    public String lastError() {
        return lastError;
    }
}
