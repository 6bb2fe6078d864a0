package dev.driftline.drift.profile;

import java.util.Arrays;

/**
 * Sorts an exact sample's values ascending in {@link Double#compare} order (-0.0 before 0.0), the order
 * {@link Arrays#sort(double[])} gives, by a least-significant-digit radix sort on the values' bits. A window partial
 * sorts each column's sample (up to {@link ExactSample#CAP} values) when it is written at close; with
 * {@code Arrays.sort} that was 7 % of the stream thread in {@code driftline bench pipeline} (JFR), its comparisons of
 * unordered values mispredicting about every other branch. The radix sort has no data-dependent branches and skips a
 * byte position all values share (the top bytes of values of one magnitude): about twice as fast from a few hundred
 * values (833 gaussian values: 17–25 µs against 33–38 µs, a JIT-warm loop on the 2-core box), slower below.
 * (fastutil's radix sort hands arrays under 1,024 values to a quicksort, i.e. every sample.)
 */
final class SampleSort {
    /** Below this {@code Arrays.sort} is faster (167 values: 2.1–2.7 µs against 3.3–3.6 µs) and allocates nothing. */
    static final int RADIX_FROM = 200;

    private SampleSort() {
    }

    /** Sorts {@code values[0, size)}, which are finite (an exact sample holds no NaN). */
    static void sort(double[] values, int size) {
        if (size < RADIX_FROM) {
            Arrays.sort(values, 0, size);
            return;
        }
        long[] src = new long[size];
        long[] dst = new long[size];
        for (int i = 0; i < size; i++) {
            src[i] = key(values[i]);
        }
        int[] count = new int[256];
        for (int shift = 0; shift < Long.SIZE; shift += Byte.SIZE) {
            Arrays.fill(count, 0);
            for (int i = 0; i < size; i++) {
                count[(int) (src[i] >>> shift) & 0xff]++;
            }
            if (count[(int) (src[0] >>> shift) & 0xff] == size) {
                continue; // every value has this byte: the pass would not move anything
            }
            for (int b = 0, sum = 0; b < count.length; b++) {
                int c = count[b];
                count[b] = sum;
                sum += c;
            }
            for (int i = 0; i < size; i++) {
                dst[count[(int) (src[i] >>> shift) & 0xff]++] = src[i];
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        for (int i = 0; i < size; i++) {
            values[i] = value(src[i]);
        }
    }

    /**
     * The bits of {@code v} as a long whose unsigned order is {@link Double#compare}'s: a negative value's bits all
     * flipped (larger magnitude, smaller key), a positive value's sign bit set.
     */
    static long key(double v) {
        long bits = Double.doubleToRawLongBits(v);
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }

    /** The value of a {@link #key}. */
    static double value(long key) {
        return Double.longBitsToDouble(key ^ (((~key) >> 63) | Long.MIN_VALUE));
    }
}
