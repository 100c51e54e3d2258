package io.svccfg.reconcile;

import io.svccfg.dns.DnsRead;
import io.svccfg.identity.Identity;
import io.svccfg.tuple.ServiceType;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the agent knows: this host's identity, the last good DNS read, and the services in use, which the next read
 * asks for. A failed read never replaces a good one.
 *
 * <p>A service is in use from the moment a managed bind asks for it ({@link #awaitCovering}) or a look finds an
 * unmanaged listener of it ({@link #use}), and stays in use: an application that closes a listener often binds it
 * again, and a service read for nothing costs one question per domain. A bind whose service the last good read did
 * not cover asks the agent's thread to read now and waits for that read; the reads themselves tell this state when
 * they start and end ({@link #readStarts}, {@link #succeeded}, {@link #unchanged}, {@link #failed}).
 */
public final class ReadState {
    private volatile Identity identity = Identity.of(List.of());
    /** Open once the agent has listed this host's addresses, at start, beside the first read. */
    private final CountDownLatch identityListed = new CountDownLatch(1);
    private volatile DnsRead lastGood;
    private volatile String lastError;
    /** Asks the agent's thread to read soon; set by the reconciler (null before it: its first read comes anyway). */
    private volatile Runnable readNow;

    /**
     * Guards what follows: a bind's want and a read's start are ordered, so that a read that starts after a want
     * asks for it. A lock, not a monitor: a bind may run on a virtual thread, which a monitor's wait pins to its
     * carrier on JDK 21-23.
     */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readEnded = lock.newCondition();
    private final Set<ServiceType> inUse = new TreeSet<>();
    /** Reads started so far; one at a time, on the agent's thread. */
    private long started;
    /** The number of the last read that ended: {@link #started} once the read in progress ended. */
    private long ended;
    private long failures;

    void identity(Identity identity) {
        this.identity = identity;
        identityListed.countDown();
    }

    /**
     * Waits until the identity has been listed: a read ends only then, so that no bind is decided, and no listener
     * moved, with this host's addresses still unknown.
     */
    void awaitIdentity() {
        awaitUninterruptibly(identityListed);
    }

    /** Waits for {@code latch}, an interrupt meanwhile kept for the caller to see: start-up's waits are short. */
    static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The addresses that count as this host (empty until start-up has listed them, beside the first read). */
    public Identity identity() {
        return identity;
    }

    /** How to ask the agent's thread for a read of the services in use that the last good read did not cover. */
    void readsWith(Runnable readNow) {
        this.readNow = readNow;
    }

    /** A read starts: the services in use now, which it asks for. */
    Set<ServiceType> readStarts() {
        lock.lock();
        try {
            started++;
            return Set.copyOf(inUse);
        } finally {
            lock.unlock();
        }
    }

    void succeeded(DnsRead read) {
        lock.lock();
        try {
            lastGood = read;
            lastError = null;
            ended();
        } finally {
            lock.unlock();
        }
    }

    /** A read found the serials unchanged: the last good read still stands. */
    void unchanged() {
        lock.lock();
        try {
            lastError = null;
            ended();
        } finally {
            lock.unlock();
        }
    }

    void failed(String error) {
        lock.lock();
        try {
            lastError = error;
            failures++;
            ended();
        } finally {
            lock.unlock();
        }
    }

    /** The read in progress ended (its outcome recorded): wakes the binds waiting for it. Under {@link #lock}. */
    private void ended() {
        ended = started;
        readEnded.signalAll();
    }

    /** The services in use, in order. */
    public Set<ServiceType> inUse() {
        lock.lock();
        try {
            return Set.copyOf(inUse);
        } finally {
            lock.unlock();
        }
    }

    /** Marks {@code services} in use; true when one of them was not, so that a read should ask for it. */
    boolean use(Collection<ServiceType> services) {
        lock.lock();
        try {
            return inUse.addAll(services);
        } finally {
            lock.unlock();
        }
    }

    /**
     * For a managed bind: marks {@code service} in use and gives the last good read once it covers the service. When
     * it does not, asks the agent's thread to read now and waits at most {@code max} for a read that started after
     * this call to end; a failed read ends the wait at once (the DNS does not answer: the bind goes on without it,
     * and the reads after it bring the listener where DNS says). When the last read failed already, it does not
     * wait at all. The read given may still not cover the service (a failure, the time was up): check.
     */
    public Optional<DnsRead> awaitCovering(ServiceType service, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        long startedBefore;
        long failuresBefore;
        boolean lastFailed;
        lock.lock();
        try {
            inUse.add(service);
            if (covers(service)) {
                return lastGood();
            }
            startedBefore = started;
            failuresBefore = failures;
            lastFailed = lastError != null;
        } finally {
            lock.unlock();
        }
        Runnable asked = readNow;
        if (asked != null) {
            asked.run();
        }
        if (lastFailed) {
            return lastGood();
        }
        lock.lock();
        try {
            // Reads run one at a time: "ended > startedBefore" means a read that asked for the service ended.
            while (!covers(service) && ended <= startedBefore && failures == failuresBefore) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                readEnded.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        return lastGood();
    }

    private boolean covers(ServiceType service) {
        DnsRead read = lastGood;
        return read != null && read.covers(service);
    }

    public Optional<DnsRead> lastGood() {
        return Optional.ofNullable(lastGood);
    }

    /** Why the last read failed; null when it succeeded. */
    public String lastError() {
        return lastError;
    }
}
