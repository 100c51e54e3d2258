package io.svccfg.reconcile;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The poll schedule: a poll at once, then one every {@code poll} while a tuple is for this host, every
 * {@code idle-poll} while none is (a host waiting for its first tuple wants it soon), each with up to 10% jitter so
 * that a fleet started together does not poll in step.
 */
final class Polling {
    private final Duration poll;
    private final Duration idlePoll;
    private final ReadState state;
    private final Runnable read;
    private final ScheduledExecutorService thread;

    /** {@code read} is one poll; {@code thread} is the agent's, on which every poll runs. */
    Polling(Duration poll, Duration idlePoll, ReadState state, Runnable read, ScheduledExecutorService thread) {
        this.poll = poll;
        this.idlePoll = idlePoll;
        this.state = state;
        this.read = read;
        this.thread = thread;
    }

    /** Polls now, on the calling thread (the agent's), then every interval after. */
    void start() {
        pollAndScheduleNext();
    }

    /** The next poll is scheduled whatever this one did: a poll that throws must not end polling. */
    private void pollAndScheduleNext() {
        try {
            read.run();
        } finally {
            long delay = delayMillis(interval(forThisHost(), poll, idlePoll), ThreadLocalRandom.current());
            thread.schedule(this::pollAndScheduleNext, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** {@code poll} while a tuple is for this host, else {@code idlePoll}. */
    static Duration interval(boolean forThisHost, Duration poll, Duration idlePoll) {
        return forThisHost ? poll : idlePoll;
    }

    /** The wait before the next poll, in milliseconds: {@code interval} plus a jitter of 0 to a tenth of it. */
    static long delayMillis(Duration interval, RandomGenerator random) {
        long millis = interval.toMillis();
        return millis + random.nextLong(millis / 10 + 1);
    }

    private boolean forThisHost() {
        return state.lastGood()
                .map(last -> last.tuples().stream().anyMatch(t -> state.identity().contains(t.address())))
                .orElse(false);
    }
}
