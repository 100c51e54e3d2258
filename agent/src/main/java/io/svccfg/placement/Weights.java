package io.svccfg.placement;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * SRV weights for a service's records at one priority: {@value #TOTAL} apportioned in proportion to their amounts by
 * largest remainders, each at least 1.
 *
 * <p>Why a fixed total rather than scaling the largest: the weights of a service then read as its shares in
 * ten-thousandths, a service whose shares do not change keeps its weights whatever its volume, and shares read back
 * from DNS as weight / {@value #TOTAL} give back the very same weights.
 */
final class Weights {
    static final int TOTAL = 10_000;

    private Weights() {
    }

    /**
     * The weights for {@code amounts} (all positive, or all 0 for an even split), in the same order. When the weights
     * DNS holds now for the same records ({@code now}, 0 where none) add up to {@value #TOTAL} and each is within 1,
     * or {@code slack} of its quota, they are kept, so that amounts that barely moved change no record.
     */
    static int[] apportion(double[] amounts, int[] now, double slack) {
        int n = amounts.length;
        if (n == 0) {
            return new int[0];
        }
        double sum = Arrays.stream(amounts).sum();
        double[] quota = new double[n];
        for (int i = 0; i < n; i++) {
            quota[i] = sum > 0 ? amounts[i] / sum * TOTAL : (double) TOTAL / n;
        }
        if (IntStream.of(now).sum() == Math.max(TOTAL, n)
                && IntStream.range(0, n).allMatch(i -> now[i] >= 1
                        && Math.abs(quota[i] - now[i]) < Math.max(1, slack * quota[i]))) {
            return now.clone();
        }
        int[] weight = new int[n];
        int left = Math.max(TOTAL, n);
        for (int i = 0; i < n; i++) {
            weight[i] = Math.max(1, (int) Math.floor(quota[i]));
            left -= weight[i];
        }
        // Ties go to the earlier record, so the same amounts always give the same weights.
        Integer[] byRemainder = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -(quota[i] - Math.floor(quota[i])))
                        .thenComparingInt(i -> i))
                .toArray(Integer[]::new);
        for (int k = 0; left > 0; k = (k + 1) % n) {
            weight[byRemainder[k]]++;
            left--;
        }
        // Records raised to 1 took more than their quota: the smallest remainders above 1 give it back.
        for (int k = n - 1; left < 0; k = (k + n - 1) % n) {
            if (weight[byRemainder[k]] > 1) {
                weight[byRemainder[k]]--;
                left++;
            }
        }
        return weight;
    }
}
