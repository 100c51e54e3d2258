package io.svccfg.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightTest {
    @Test
    void noMoreThanTheBoundRunAtOnceAndEveryOneRunsInTheEnd() {
        InFlight inFlight = new InFlight(3);
        List<CompletableFuture<Integer>> exchanges = new ArrayList<>();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            CompletableFuture<Integer> exchange = new CompletableFuture<>();
            exchanges.add(exchange);
            results.add(inFlight.submit(() -> exchange));
        }
        AtomicInteger started = new AtomicInteger();
        InFlight counting = new InFlight(3);
        List<CompletableFuture<Integer>> pending = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            counting.submit(() -> {
                started.incrementAndGet();
                CompletableFuture<Integer> f = new CompletableFuture<>();
                pending.add(f);
                return f;
            });
        }
        assertEquals(3, started.get(), "three start at once");
        pending.get(0).complete(0);
        assertEquals(4, started.get(), "one more when one ends");
        for (int i = 0; i < 10; i++) {
            exchanges.get(i).complete(i);
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(i, results.get(i).join());
        }
    }

    @Test
    void aLongQueueOfExchangesThatEndAtOnceDoesNotDeepenTheStack() {
        InFlight inFlight = new InFlight(1);
        CompletableFuture<Integer> first = new CompletableFuture<>();
        inFlight.submit(() -> first);
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            int n = i;
            results.add(inFlight.submit(() -> CompletableFuture.completedFuture(n)));
        }
        first.complete(-1);
        assertTrue(results.stream().allMatch(CompletableFuture::isDone));
        assertEquals(99_999, results.get(99_999).join());
    }
}
