package io.svccfg.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LongSummaryStatistics;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class NotifyCoalescingTest {
    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }

    private static NotifyCoalescing startedAt(long nanos) {
        return new NotifyCoalescing(null, () -> { }, nanos, () -> 0);
    }

    @Test
    void theJitterPutsOffTheFirstRead() {
        NotifyCoalescing notifies = new NotifyCoalescing(null, () -> { }, ms(1_000), () -> ms(70));

        assertEquals(OptionalLong.of(ms(120)), notifies.readDelay(ms(1_000)));
    }

    @Test
    void theJitterIsSpreadFromZeroToItsBound() {
        LongSummaryStatistics drawn = LongStream.generate(NotifyCoalescing.jitter(Duration.ofMillis(100)))
                .limit(10_000).summaryStatistics();

        assertTrue(drawn.getMin() >= 0 && drawn.getMax() <= ms(100), drawn.toString());
        assertTrue(drawn.getMin() < ms(5) && drawn.getMax() > ms(95), "spread over the range: " + drawn);
        assertEquals(0, NotifyCoalescing.jitter(Duration.ZERO).getAsLong(), "off");
    }

    @Test
    void aFirstNotifyWaitsOnlyForItsBurst() {
        NotifyCoalescing notifies = startedAt(ms(1_000));

        assertEquals(OptionalLong.of(ms(50)), notifies.readDelay(ms(1_000)));
    }

    @Test
    void notifiesBeforeTheReadRunsRideAlong() {
        NotifyCoalescing notifies = startedAt(0);

        assertEquals(OptionalLong.of(ms(50)), notifies.readDelay(ms(10)));
        assertEquals(OptionalLong.empty(), notifies.readDelay(ms(20)));
        assertEquals(OptionalLong.empty(), notifies.readDelay(ms(59)));
    }

    @Test
    void readsForNotifiesAreAtLeastTheSpacingApart() {
        NotifyCoalescing notifies = startedAt(0);
        notifies.readDelay(ms(0));
        notifies.readStarts(ms(50));

        assertEquals(OptionalLong.of(ms(200)), notifies.readDelay(ms(100)), "the next read starts 250 ms after the last");
        assertEquals(OptionalLong.empty(), notifies.readDelay(ms(120)));
        notifies.readStarts(ms(300));
        assertEquals(OptionalLong.of(ms(60)), notifies.readDelay(ms(490)), "the spacing, not the burst, is longer");
    }

    @Test
    void aNotifyLongAfterTheLastReadWaitsOnlyForItsBurst() {
        NotifyCoalescing notifies = startedAt(0);
        notifies.readDelay(ms(0));
        notifies.readStarts(ms(50));

        assertEquals(OptionalLong.of(ms(50)), notifies.readDelay(ms(5_000)));
    }

    @Test
    void aBurstCostsOneReadOnTheAgentsThread() throws InterruptedException {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
        try {
            AtomicInteger reads = new AtomicInteger();
            CountDownLatch firstRead = new CountDownLatch(1);
            CountDownLatch secondRead = new CountDownLatch(2);
            NotifyCoalescing notifies = new NotifyCoalescing(thread, () -> {
                reads.incrementAndGet();
                firstRead.countDown();
                secondRead.countDown();
            }, System.nanoTime(), () -> 0);
            // The agent's thread is busy, so the burst's read cannot run before the whole burst has come.
            CountDownLatch busy = new CountDownLatch(1);
            thread.execute(() -> {
                try {
                    busy.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            for (int i = 0; i < 20; i++) {
                notifies.notified();
            }
            busy.countDown();
            assertTrue(firstRead.await(5, TimeUnit.SECONDS), "the burst is read");
            Thread.sleep(400);
            assertEquals(1, reads.get(), "one read for the burst");

            notifies.notified();
            assertTrue(secondRead.await(5, TimeUnit.SECONDS), "a NOTIFY after the read gets a read of its own");
            assertEquals(2, reads.get());
        } finally {
            thread.shutdownNow();
        }
    }
}
