package dev.driftline.drift.baseline.sagemaker;

import dev.driftline.drift.profile.StepCdf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllSketch;
import org.apache.datasketches.memory.Memory;

/**
 * KLL sketches in Deequ's form, the {@code distribution.kll} of SageMaker's statistics.json: {@code sketch.data} is
 * the list of compactor levels and every item in level i stands for 2<sup>i</sup> values; {@code buckets} are 10
 * equal-width bins between the column's min and max with counts read off the sketch.
 *
 * <p>Both directions go through {@link WeightedItems} (distinct items, each with its total weight), which is exactly
 * what a step CDF is. Levels are derived from it canonically: while the total weight is at most k every value is
 * written once into level 0 (what Deequ, and DataSketches, hold before their first compaction); otherwise each
 * weight is written in binary, item x of weight 13 = 8 + 4 + 1 going into levels 3, 2 and 0. The distribution the
 * levels stand for is therefore exactly the step CDF's, whichever sketch produced it.
 *
 * <p>The DataSketches sketch is rebuilt with exactly these levels (no re-compaction, no randomness) by writing its
 * documented compact serial form (serial version 1, the form {@link KllDoublesSketch#toByteArray()} produces) and
 * {@link KllDoublesSketch#heapify heapifying} it; the result is checked to serialise back to the same bytes.
 */
final class DeequKll {
    /** Deequ's (and SageMaker's) KLL shrinking factor {@code c}; DataSketches' KLL uses 2/3 and has no parameter. */
    static final double SHRINKING_FACTOR = 0.64;
    /** SageMaker materialises the distribution in 10 buckets. */
    static final int BUCKETS = 10;

    private static final int MIN_K = 8;
    private static final int M = 8; // DataSketches' minimum level width
    private static final int MAX_LEVELS = 61;
    private static final long[] POWERS_OF_THREE = new long[31];

    static {
        POWERS_OF_THREE[0] = 1;
        for (int i = 1; i < POWERS_OF_THREE.length; i++) {
            POWERS_OF_THREE[i] = 3 * POWERS_OF_THREE[i - 1];
        }
    }

    private DeequKll() {
    }

    /** Distinct finite items, strictly increasing, each with a positive weight (number of values it stands for). */
    record WeightedItems(double[] items, long[] weights) {
        static final WeightedItems EMPTY = new WeightedItems(new double[0], new long[0]);

        WeightedItems {
            if (items.length != weights.length) {
                throw new IllegalArgumentException("items and weights differ in length");
            }
        }

        int size() {
            return items.length;
        }

        long total() {
            long t = 0;
            for (long w : weights) {
                t = Math.addExact(t, w);
            }
            return t;
        }

        /** The weights of a step CDF's items (steps of zero weight, which the sorted view may contain, dropped). */
        static WeightedItems of(StepCdf cdf) {
            double[] items = new double[cdf.size()];
            long[] weights = new long[cdf.size()];
            int size = 0;
            long previous = 0;
            for (int i = 0; i < cdf.size(); i++) {
                long w = cdf.cumulativeWeight(i) - previous;
                previous = cdf.cumulativeWeight(i);
                if (w > 0) {
                    items[size] = cdf.item(i);
                    weights[size++] = w;
                }
            }
            return new WeightedItems(Arrays.copyOf(items, size), Arrays.copyOf(weights, size));
        }

        /** Items of compactor levels (level i weighs 2^i), equal items summed. Items must be finite. */
        static WeightedItems ofLevels(List<double[]> levels) {
            if (levels.size() > 62) {
                throw new IllegalArgumentException(levels.size() + " compactor levels: weights would exceed 2^62");
            }
            TreeMap<Double, Long> sum = new TreeMap<>(Comparator.naturalOrder());
            for (int level = 0; level < levels.size(); level++) {
                long weight = 1L << level;
                for (double x : levels.get(level)) {
                    if (!Double.isFinite(x)) {
                        throw new IllegalArgumentException("sketch item is not finite: " + x);
                    }
                    sum.merge(x == 0 ? 0.0 : x, weight, Math::addExact); // -0.0 and 0.0 are one value
                }
            }
            double[] items = new double[sum.size()];
            long[] weights = new long[sum.size()];
            int i = 0;
            for (var e : sum.entrySet()) {
                items[i] = e.getKey();
                weights[i++] = e.getValue();
            }
            return new WeightedItems(items, weights);
        }

        /**
         * The same items with weights scaled to total {@code n} (largest-remainder rounding, ties to the smaller
         * item), for a file whose sketch does not add up to its {@code num_present}; items rounded to weight 0 go.
         */
        WeightedItems rescaledTo(long n) {
            long[] scaled = Apportion.scale(weights, n);
            double[] keptItems = new double[items.length];
            long[] keptWeights = new long[items.length];
            int size = 0;
            for (int i = 0; i < items.length; i++) {
                if (scaled[i] > 0) {
                    keptItems[size] = items[i];
                    keptWeights[size++] = scaled[i];
                }
            }
            return new WeightedItems(Arrays.copyOf(keptItems, size), Arrays.copyOf(keptWeights, size));
        }
    }

    /**
     * Compactor levels for these weighted items and accuracy k: one level-0 copy per value while the total weight
     * is at most k, otherwise each weight in binary (bit i → one copy in level i). Each level is ascending.
     */
    static List<double[]> levels(WeightedItems w, int k) {
        long total = w.total();
        List<double[]> levels = new ArrayList<>();
        if (total == 0) {
            return levels;
        }
        if (total <= k) {
            double[] level0 = new double[(int) total];
            int p = 0;
            for (int i = 0; i < w.size(); i++) {
                for (long c = 0; c < w.weights()[i]; c++) {
                    level0[p++] = w.items()[i];
                }
            }
            levels.add(level0);
            return levels;
        }
        int height = 64 - Long.numberOfLeadingZeros(Arrays.stream(w.weights()).reduce(0, (a, b) -> a | b));
        int[] sizes = new int[height];
        for (long weight : w.weights()) {
            for (int level = 0; level < height; level++) {
                if ((weight >>> level & 1) != 0) {
                    sizes[level]++;
                }
            }
        }
        for (int level = 0; level < height; level++) {
            levels.add(new double[sizes[level]]);
        }
        int[] fill = new int[height];
        for (int i = 0; i < w.size(); i++) {
            for (int level = 0; level < height; level++) {
                if ((w.weights()[i] >>> level & 1) != 0) {
                    levels.get(level)[fill[level]++] = w.items()[i];
                }
            }
        }
        return levels;
    }

    /**
     * A DataSketches KLL sketch holding exactly {@link #levels(WeightedItems, int) levels(w, k)}, so its sorted
     * view is {@code w} (plus the true min and max, which the view always includes). {@code k} is clamped to
     * DataSketches' 8 … 65535. The levels may hold more items than a DataSketches sketch of that k and height does:
     * Deequ sizes its levels differently (its level 0 alone takes k + 2 items), and a profile's step CDF has exact
     * tails (64 items of weight 1) and clamped weights that split into several levels. Empty top levels are then
     * added, each adding room, until they fit (in practice up to about ten); k is raised only if 61 levels do not
     * suffice. Keeping k keeps a second export identical to the first. Extra room changes nothing but where the
     * sketch compacts next, should it ever be updated.
     *
     * @param min the true minimum (≤ the smallest item), {@code max} the true maximum
     */
    static KllDoublesSketch sketch(WeightedItems w, int k, double min, double max) {
        int kk = Math.max(MIN_K, Math.min(KllSketch.MAX_K, k));
        long n = w.total();
        if (n == 0) {
            return KllDoublesSketch.newHeapInstance(kk);
        }
        if (n == 1) {
            KllDoublesSketch single = KllDoublesSketch.newHeapInstance(kk);
            single.update(w.items()[0]);
            return single;
        }
        List<double[]> levels = levels(w, kk);
        int retained = levels.stream().mapToInt(l -> l.length).sum();
        int numLevels = levels.size();
        while (capacity(kk, numLevels) < retained && numLevels < MAX_LEVELS) {
            numLevels++;
        }
        if (capacity(kk, numLevels) < retained) {
            numLevels = levels.size();
            kk = smallestFittingK(kk, numLevels, retained);
        }
        while (levels.size() < numLevels) {
            levels.add(new double[0]);
        }
        double lo = Math.min(min, w.items()[0]);
        double hi = Math.max(max, w.items()[w.size() - 1]);
        byte[] bytes = compactImage(kk, n, levels, retained, lo, hi);
        KllDoublesSketch sketch = KllDoublesSketch.heapify(Memory.wrap(bytes));
        if (sketch.getN() != n || !Arrays.equals(sketch.toByteArray(), bytes)) {
            throw new IllegalStateException("DataSketches did not read back the KLL sketch written for it (n=" + n
                    + ", k=" + kk + ", levels=" + numLevels + "): its serial format may have changed");
        }
        return sketch;
    }

    private static int smallestFittingK(int from, int numLevels, int retained) {
        if (capacity(KllSketch.MAX_K, numLevels) < retained) {
            throw new IllegalArgumentException("sketch holds " + retained + " items in " + numLevels
                    + " levels, more than a KLL sketch of any k can");
        }
        int lo = from;
        int hi = KllSketch.MAX_K;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (capacity(mid, numLevels) >= retained) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * DataSketches' total item capacity of a KLL sketch of accuracy k with that many levels: level h (of H) holds
     * max(8, round(k·(2/3)^(H−h−1))), computed in integers as the library does.
     */
    static int capacity(int k, int numLevels) {
        long total = 0;
        for (int h = 0; h < numLevels; h++) {
            total += Math.max(M, intCapAux(k, numLevels - h - 1));
        }
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    private static long intCapAux(int k, int depth) {
        if (depth <= 30) {
            return intCapAuxAux(k, depth);
        }
        int half = depth / 2;
        return intCapAuxAux(intCapAuxAux(k, half), depth - half);
    }

    private static long intCapAuxAux(long k, int depth) {
        long twoK = k << 1;
        long tmp = (twoK << depth) / POWERS_OF_THREE[depth];
        return (tmp + 1) >>> 1;
    }

    /**
     * The compact "full" serial image (preamble of 5 ints, little-endian): preInts 5, serVer 1, family 15 (KLL),
     * flags (level 0 sorted), k, m, n, min k, number of levels; then the level start offsets within the items
     * array of the library's full capacity (free space first, so offset 0 = capacity − retained; the end offset is
     * implied); then min, max and the retained items, level 0 first.
     */
    private static byte[] compactImage(int k, long n, List<double[]> levels, int retained, double min, double max) {
        int numLevels = levels.size();
        ByteBuffer b = ByteBuffer.allocate(20 + 4 * numLevels + 16 + 8 * retained).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 5).put((byte) 1).put((byte) 15).put((byte) 2);
        b.putShort((short) k).put((byte) M).put((byte) 0);
        b.putLong(n);
        b.putShort((short) k).put((byte) numLevels).put((byte) 0);
        int offset = capacity(k, numLevels) - retained;
        for (double[] level : levels) {
            b.putInt(offset);
            offset += level.length;
        }
        b.putDouble(min).putDouble(max);
        for (double[] level : levels) {
            for (double x : level) {
                b.putDouble(x);
            }
        }
        return b.array();
    }

    /** One of SageMaker's equal-width buckets. */
    record Bucket(double lowerBound, double upperBound, long count) {
    }

    /**
     * Deequ's 10 buckets: [lo_i, hi_i) with lo_i = min + (max − min)·i/10, the last one closed; counts are the
     * sketch's weights in each (exact when the sketch never compacted). The last upper bound is max itself.
     */
    static List<Bucket> buckets(StepCdf cdf, double min, double max) {
        List<Bucket> out = new ArrayList<>(BUCKETS);
        for (int i = 0; i < BUCKETS; i++) {
            double lo = min + (max - min) * i / BUCKETS;
            double hi = i == BUCKETS - 1 ? max : min + (max - min) * (i + 1) / BUCKETS;
            long below = cdf.weightAtOrBelow(Math.nextDown(lo));
            long upTo = i == BUCKETS - 1 ? cdf.weightAtOrBelow(hi) : cdf.weightAtOrBelow(Math.nextDown(hi));
            out.add(new Bucket(lo, hi, Math.max(0, upTo - below)));
        }
        return out;
    }
}
