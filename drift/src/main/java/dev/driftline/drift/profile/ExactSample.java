package dev.driftline.drift.profile;

import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import java.util.function.DoubleConsumer;

/**
 * Every present value of a small profile, exactly (at most {@link #CAP} of them), so that a profile of a small sample
 * gives exact-mode drift figures rather than the sketch's. KLL's rank error (≈ 1.3 % at k = 200) is as large as a
 * decile bin's resolution for a few hundred values: one compaction of a 300-value reference can move a decile edge
 * past a few current values and PSI, whose log term weighs sparse bins heavily, by more than the spec's 0.02.
 *
 * <p>The owner drops the sample for good once it would exceed the cap ({@link NumericProfile}); the values are kept in
 * arrival order and sorted lazily (their order carries no meaning), and serialised sorted, so equal samples give
 * equal bytes. Not thread-safe, like the sketches next to it.
 */
final class ExactSample {
    /** Largest number of values kept: 8 KB of doubles. */
    static final int CAP = 1024;

    private double[] values;
    private int size;
    private boolean sorted = true;

    ExactSample() {
        this.values = new double[16];
    }

    private ExactSample(double[] values, int size, boolean sorted) {
        this.values = values;
        this.size = size;
        this.sorted = sorted;
    }

    /**
     * Rebuilds a stored sample (decoding).
     *
     * @throws IllegalArgumentException unless the values are finite, ascending and at most {@link #CAP}
     */
    static ExactSample ofSorted(double[] ascending) {
        if (ascending.length > CAP) {
            throw new IllegalArgumentException("exact sample of " + ascending.length + " values exceeds " + CAP);
        }
        for (int i = 0; i < ascending.length; i++) {
            if (!Double.isFinite(ascending[i]) || (i > 0 && Double.compare(ascending[i - 1], ascending[i]) > 0)) {
                throw new IllegalArgumentException("exact sample values are not finite and ascending");
            }
        }
        return new ExactSample(Arrays.copyOf(ascending, Math.max(16, ascending.length)), ascending.length, true);
    }

    /**
     * A sample of values the caller has checked to be finite, ascending and at most {@link #CAP}, taking the array
     * (not copied: a decoded partial's thousand values were copied one by one).
     */
    static ExactSample adoptSorted(double[] ascending) {
        double[] values = ascending.length < 16 ? Arrays.copyOf(ascending, 16) : ascending;
        return new ExactSample(values, ascending.length, true);
    }

    int size() {
        return size;
    }

    /** Appends a present (finite) value; the caller drops the sample instead once it would hold more than CAP. */
    void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.min(CAP, values.length * 2));
        }
        if (size > 0 && sorted && Double.compare(values[size - 1], value) > 0) {
            sorted = false;
        }
        values[size++] = value;
    }

    /** This sample plus the other's, or null when together they exceed {@link #CAP} (the caller then drops it). */
    ExactSample merged(ExactSample other) {
        if (size + other.size > CAP) {
            return null;
        }
        if (sorted && other.sorted) {
            return mergedSorted(other);
        }
        double[] all = Arrays.copyOf(values, Math.max(16, size + other.size));
        System.arraycopy(other.values, 0, all, size, other.size);
        return new ExactSample(all, size + other.size, false);
    }

    /**
     * Two ascending samples merged in one pass, still ascending: decoded samples are sorted (they are stored so),
     * and the merged window's encoding would otherwise sort what was sorted twice over (a tenth of the merge's time
     * in a profile of {@code driftline bench pipeline}).
     */
    private ExactSample mergedSorted(ExactSample other) {
        double[] all = new double[Math.max(16, size + other.size)];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < size && j < other.size) {
            // Double.compare, as Arrays.sort orders: -0.0 before 0.0, so the bytes equal a sort of the concatenation
            all[k++] = Double.compare(values[i], other.values[j]) <= 0 ? values[i++] : other.values[j++];
        }
        System.arraycopy(values, i, all, k, size - i);
        k += size - i;
        System.arraycopy(other.values, j, all, k, other.size - j);
        return new ExactSample(all, size + other.size, true);
    }

    /** Whether the values are held in ascending order. */
    boolean isSorted() {
        return sorted;
    }

    /** The m smallest and m largest values (all of them when fewer), from a sorted sample's ends. */
    ExtremeValues extremes(int m) {
        sortInPlace();
        int c = Math.min(m, size);
        return ExtremeValues.of(m, Arrays.copyOf(values, c), Arrays.copyOfRange(values, size - c, size));
    }

    /** Adds every value to {@code kll} in one bulk update. */
    void addTo(KllDoublesSketch kll) {
        kll.update(values, 0, size);
    }

    /** Each value, in the order held (arrival order unless sorted since). */
    void forEachValue(DoubleConsumer action) {
        for (int i = 0; i < size; i++) {
            action.accept(values[i]);
        }
    }

    ExactSample copy() {
        return new ExactSample(values.clone(), size, sorted);
    }

    /** The values, ascending (a copy). */
    double[] sortedValues() {
        sortInPlace();
        return Arrays.copyOf(values, size);
    }

    /**
     * The empirical distribution: ascending, equal values folded into one step with their summed weight, as
     * {@link StepCdf#of} folds a sketch that never compacted.
     */
    StepCdf toStepCdf() {
        sortInPlace();
        return StepCdf.exact(Arrays.copyOf(values, size));
    }

    private void sortInPlace() {
        if (!sorted) {
            SampleSort.sort(values, size);
            sorted = true;
        }
    }
}
