package dev.driftline.drift.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.statistics.inference.ChiSquareTest;

/**
 * Exact mode: every drift figure of the spec (drift-metrics.md) computed from the full reference and current
 * samples, to be matched to the reference vectors at relative 1e-9. Sketch mode applies the same definitions to
 * summaries elsewhere; this class is the yardstick it is measured against.
 *
 * <p>Missing values are the caller's business: NaN (numeric) and null (categorical) are refused here rather than
 * silently dropped, so a caller cannot lose them from its missing-value counts by accident.
 */
public final class ExactDrift {
    private static final ChiSquareTest CHI_SQUARE = ChiSquareTest.withDefaults();

    private ExactDrift() {
    }

    /**
     * Numeric drift figures of {@code current} against {@code reference} (neither is modified).
     *
     * @throws IllegalArgumentException if a sample is empty or holds a non-finite value
     */
    public static NumericDriftFigures numeric(double[] reference, double[] current) {
        double[] r = sortedFiniteCopy(reference, "reference");
        double[] c = sortedFiniteCopy(current, "current");

        EmpiricalCdfs.Comparison cdfs = EmpiricalCdfs.compare(r, c);
        double ksPValue = KolmogorovSmirnov.pValue(cdfs.ksStatistic(), r.length, c.length);

        ReferenceBins bins = ReferenceBins.fromSortedReference(r);
        double[] p = Distances.fractions(bins.counts(r));
        double[] q = Distances.fractions(bins.counts(c));

        double wasserstein = cdfs.wasserstein();
        return new NumericDriftFigures(r.length, c.length, cdfs.ksStatistic(), ksPValue, Distances.psi(p, q),
                wasserstein, normalise(wasserstein, SampleMoments.sampleStandardDeviation(r)),
                Distances.jensenShannon(p, q), Distances.hellinger(p, q), bins.edgeList());
    }

    /**
     * Categorical drift figures from the two samples' values.
     *
     * @throws IllegalArgumentException if a sample is empty or holds null
     */
    public static CategoricalDriftFigures categorical(List<String> reference, List<String> current) {
        return categorical(countValues(reference, "reference"), countValues(current, "current"));
    }

    /**
     * Categorical drift figures from per-category counts (the streaming path keeps counts, not values). Categories
     * with a zero count in both maps are ignored: the spec's categories are those seen in R or C.
     *
     * @throws IllegalArgumentException if a total is zero, a count is negative or a category is null
     */
    public static CategoricalDriftFigures categorical(Map<String, Long> referenceCounts,
                                                      Map<String, Long> currentCounts) {
        validateCounts(referenceCounts, "reference");
        validateCounts(currentCounts, "current");
        // Sorted union: the order is only for reporting, but it must not depend on map iteration order.
        TreeMap<String, long[]> table = new TreeMap<>();
        referenceCounts.forEach((category, count) -> addCount(table, category, 0, count));
        currentCounts.forEach((category, count) -> addCount(table, category, 1, count));

        int k = table.size();
        long[] r = new long[k];
        long[] c = new long[k];
        List<String> categories = new ArrayList<>(k);
        int i = 0;
        for (Map.Entry<String, long[]> e : table.entrySet()) {
            categories.add(e.getKey());
            r[i] = e.getValue()[0];
            c[i] = e.getValue()[1];
            i++;
        }
        long nReference = Arrays.stream(r).sum();
        long nCurrent = Arrays.stream(c).sum();

        double chi2;
        double chi2PValue;
        if (k < 2) {
            // One category: both samples are identical distributions and the test has no degrees of freedom.
            // Commons refuses a 2×1 table, so report "no evidence of drift" ourselves.
            chi2 = 0;
            chi2PValue = 1;
        } else {
            // test(long[], long[]) is Commons' 2×k homogeneity test: Pearson's statistic on the contingency table,
            // no continuity correction, dof k−1 — scipy's chi2_contingency(correction=False). It rejects a
            // category that is zero in both rows, which the union construction above rules out.
            var result = CHI_SQUARE.test(r, c);
            chi2 = result.getStatistic();
            chi2PValue = result.getPValue();
        }

        double[] p = Distances.fractions(r);
        double[] q = Distances.fractions(c);
        return new CategoricalDriftFigures(nReference, nCurrent, chi2, chi2PValue, k - 1, Distances.linf(p, q),
                Distances.psi(p, q), Distances.jensenShannon(p, q), Distances.hellinger(p, q), categories);
    }

    /**
     * W1 / sd(R). A constant reference (sd 0, or a single value whose n−1 sd is undefined) has no scale to
     * normalise by: we report 0 when the samples do not differ at all and +∞ when they do, rather than numpy's
     * NaN/∞, so an identical window never looks like drift and a moved one never looks like none.
     */
    private static double normalise(double wasserstein, double referenceSd) {
        if (referenceSd > 0) {
            return wasserstein / referenceSd;
        }
        return wasserstein == 0 ? 0 : Double.POSITIVE_INFINITY;
    }

    private static double[] sortedFiniteCopy(double[] sample, String name) {
        Objects.requireNonNull(sample, name);
        if (sample.length == 0) {
            throw new IllegalArgumentException(name + " sample is empty: drift needs at least one value on each side");
        }
        for (int i = 0; i < sample.length; i++) {
            if (!Double.isFinite(sample[i])) {
                // Infinities are refused too: the Wasserstein integral and the decile edges are undefined with them.
                throw new IllegalArgumentException(name + " sample holds " + sample[i] + " at index " + i
                        + "; count NaN/infinite values as missing before computing drift");
            }
        }
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    private static Map<String, Long> countValues(List<String> values, String name) {
        Objects.requireNonNull(values, name);
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null) {
                throw new IllegalArgumentException(name + " sample holds null at index " + i
                        + "; count missing values before computing drift");
            }
            counts.merge(v, 1L, Long::sum);
        }
        return counts;
    }

    private static void validateCounts(Map<String, Long> counts, String name) {
        Objects.requireNonNull(counts, name);
        long total = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException(name + " counts hold a null category; count it as missing");
            }
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException(name + " count for '" + e.getKey() + "' is " + e.getValue()
                        + "; counts must be non-negative");
            }
            total = Math.addExact(total, e.getValue());
        }
        if (total == 0) {
            throw new IllegalArgumentException(name + " sample is empty: drift needs at least one value on each side");
        }
    }

    private static void addCount(TreeMap<String, long[]> table, String category, int row, long count) {
        if (count > 0) {
            table.computeIfAbsent(category, x -> new long[2])[row] += count;
        }
    }
}
