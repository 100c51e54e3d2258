package io.svccfg.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class PollingTest {
    private static final Duration POLL = Duration.ofSeconds(30);
    private static final Duration IDLE_POLL = Duration.ofSeconds(5);

    /** Always draws {@code draw(bound)}, and remembers the bound it was given. */
    static final class FixedDraw implements RandomGenerator {
        private final boolean highest;
        long bound = -1;

        FixedDraw(boolean highest) {
            this.highest = highest;
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only bounded draws are expected");
        }

        @Override
        public long nextLong(long bound) {
            this.bound = bound;
            return highest ? bound - 1 : 0;
        }
    }

    @Test
    void pollsEveryPollWhileATupleIsForThisHostAndEveryIdlePollWhileNoneIs() {
        assertEquals(POLL, Polling.interval(true, POLL, IDLE_POLL));
        assertEquals(IDLE_POLL, Polling.interval(false, POLL, IDLE_POLL));
    }

    @Test
    void jitterAddsZeroToATenthOfTheInterval() {
        FixedDraw lowest = new FixedDraw(false);
        assertEquals(30_000, Polling.delayMillis(POLL, lowest));
        assertEquals(3_001, lowest.bound, "the bound includes a tenth of the interval");

        assertEquals(33_000, Polling.delayMillis(POLL, new FixedDraw(true)));
        assertEquals(5_500, Polling.delayMillis(IDLE_POLL, new FixedDraw(true)));
    }

    @Test
    void aShortIntervalStillWorks() {
        assertEquals(9, Polling.delayMillis(Duration.ofMillis(9), new FixedDraw(true)), "a tenth of 9 ms is no jitter");
        assertEquals(0, Polling.delayMillis(Duration.ZERO, new FixedDraw(true)));
    }

    @Test
    void realDrawsStayInBoundsAndDiffer() {
        SplittableRandom random = new SplittableRandom(42);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            long delay = Polling.delayMillis(POLL, random);
            assertTrue(delay >= 30_000 && delay <= 33_000, "delay " + delay);
            seen.add(delay);
        }
        assertTrue(seen.size() > 100, "a fleet does not poll in step: " + seen.size() + " distinct delays");
    }
}
