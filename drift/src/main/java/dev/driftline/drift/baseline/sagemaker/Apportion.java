package dev.driftline.drift.baseline.sagemaker;

import java.math.BigInteger;
import java.util.Arrays;

/** Integer scaling of counts to a new total that keeps their proportions (largest-remainder method). */
final class Apportion {
    private Apportion() {
    }

    /**
     * Counts proportional to {@code weights} that sum to exactly {@code total}: each gets the floor of its exact
     * share and the units left over go to the largest remainders, ties to the lower index. Deterministic.
     */
    static long[] scale(long[] weights, long total) {
        long sum = 0;
        for (long w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("negative weight " + w);
            }
            sum = Math.addExact(sum, w);
        }
        if (sum == total) {
            return weights.clone();
        }
        if (sum == 0) {
            throw new IllegalArgumentException("cannot scale zero weights to " + total);
        }
        BigInteger bTotal = BigInteger.valueOf(total);
        BigInteger bSum = BigInteger.valueOf(sum);
        long[] scaled = new long[weights.length];
        long[] remainder = new long[weights.length];
        long assigned = 0;
        for (int i = 0; i < weights.length; i++) {
            BigInteger[] qr = BigInteger.valueOf(weights[i]).multiply(bTotal).divideAndRemainder(bSum);
            scaled[i] = qr[0].longValueExact();
            remainder[i] = qr[1].longValueExact();
            assigned += scaled[i];
        }
        Integer[] order = new Integer[weights.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> remainder[a] != remainder[b] ? Long.compare(remainder[b], remainder[a])
                : Integer.compare(a, b));
        for (int j = 0; assigned < total; j++) {
            scaled[order[j]]++;
            assigned++;
        }
        return scaled;
    }
}
