package io.svccfg.it;

import java.util.List;

/** Figures of the move load test and benchmark. */
final class LoadStats {
    private LoadStats() {
    }

    /** The nearest-rank {@code p}th percentile of sorted values ({@code p} = 100: the largest). */
    static <T extends Comparable<? super T>> T percentile(List<T> sorted, int p) {
        if (sorted.isEmpty()) {
            throw new AssertionError("no values");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
