package io.svccfg.reconcile;

import io.svccfg.dns.DnsRead;
import io.svccfg.identity.Identity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the agent knows: this host's identity, the last good DNS read, and whether a first read was attempted yet.
 * A failed read never replaces a good one.
 */
public final class ReadState {
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private volatile Identity identity = Identity.of(List.of());
    private volatile DnsRead lastGood;
    private volatile String lastError;

    void identity(Identity identity) {
        this.identity = identity;
    }

    /** The addresses that count as this host (empty until the agent's thread has read them). */
    public Identity identity() {
        return identity;
    }

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
