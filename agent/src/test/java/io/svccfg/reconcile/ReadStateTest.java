package io.svccfg.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.dns.DnsRead;
import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A managed bind waits for a read that covers its service, asking for one; a failed read releases it at once. */
class ReadStateTest {
    private static final ServiceType HTTP = new ServiceType("http", Transport.TCP);
    private static final ServiceType SMTP = new ServiceType("smtp", Transport.TCP);
    private static final Duration LONG = Duration.ofSeconds(30);

    private static DnsRead covering(ServiceType... services) {
        return new DnsRead(List.of(), Map.of("example.test", 1L), Set.of(services), List.of());
    }

    @Test
    void aBindWhoseServiceTheLastReadCoveredDoesNotWaitNorAskARead() {
        ReadState state = new ReadState();
        AtomicInteger asked = new AtomicInteger();
        state.readsWith(asked::incrementAndGet);
        state.readStarts();
        state.succeeded(covering(HTTP));

        assertEquals(Set.of(HTTP), state.awaitCovering(HTTP, LONG).orElseThrow().covered());
        assertEquals(0, asked.get());
    }

    @Test
    void aBindOfAServiceNoReadCoveredAsksAReadAndWaitsForIt() throws Exception {
        ReadState state = new ReadState();
        // The agent's thread: a read started at the ask, which asks what is in use then.
        state.readsWith(() -> CompletableFuture.runAsync(() -> state.succeeded(covering(
                state.readStarts().toArray(ServiceType[]::new))), CompletableFuture.delayedExecutor(100,
                TimeUnit.MILLISECONDS)));
        state.readStarts();
        state.succeeded(covering(HTTP));

        Optional<DnsRead> read = state.awaitCovering(SMTP, LONG);
        assertTrue(read.orElseThrow().covers(SMTP), read.toString());
        assertEquals(Set.of(SMTP), state.inUse());
    }

    @Test
    void aReadThatStartedBeforeTheBindDoesNotEndItsWait() throws Exception {
        ReadState state = new ReadState();
        AtomicInteger asked = new AtomicInteger();
        state.readsWith(asked::incrementAndGet);
        Set<ServiceType> firstAsks = state.readStarts(); // the first read, before any bind: serials only
        assertEquals(Set.of(), firstAsks);

        CompletableFuture<Optional<DnsRead>> bind = CompletableFuture.supplyAsync(
                () -> state.awaitCovering(HTTP, LONG));
        while (asked.get() == 0) {
            Thread.onSpinWait();
        }
        state.succeeded(covering()); // the first read ends, covering nothing
        Thread.sleep(100);
        assertFalse(bind.isDone(), "the bind waits for the read it asked for");
        assertEquals(Set.of(HTTP), state.readStarts());
        state.succeeded(covering(HTTP));
        assertTrue(bind.get(5, TimeUnit.SECONDS).orElseThrow().covers(HTTP));
    }

    @Test
    void aFailedReadReleasesTheBindAtOnce() throws Exception {
        ReadState state = new ReadState();
        AtomicInteger asked = new AtomicInteger();
        state.readsWith(asked::incrementAndGet);
        state.readStarts();

        CompletableFuture<Optional<DnsRead>> bind = CompletableFuture.supplyAsync(
                () -> state.awaitCovering(HTTP, LONG));
        while (asked.get() == 0) {
            Thread.onSpinWait();
        }
        long start = System.nanoTime();
        state.failed("timed out");
        assertEquals(Optional.empty(), bind.get(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));

        // The DNS does not answer: the next bind asks a read but does not wait for it.
        start = System.nanoTime();
        assertEquals(Optional.empty(), state.awaitCovering(SMTP, LONG));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
        assertEquals(2, asked.get());
    }

    @Test
    void theWaitIsBounded() {
        ReadState state = new ReadState();
        long start = System.nanoTime();
        assertEquals(Optional.empty(), state.awaitCovering(HTTP, Duration.ofMillis(200)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 190 && millis < 5_000, millis + " ms");
    }

    @Test
    void unmanagedListenersServicesAreInUseToo() {
        ReadState state = new ReadState();
        assertTrue(state.use(Set.of(HTTP)));
        assertFalse(state.use(Set.of(HTTP)), "already in use");
        assertEquals(Set.of(HTTP), state.readStarts());
    }
}
