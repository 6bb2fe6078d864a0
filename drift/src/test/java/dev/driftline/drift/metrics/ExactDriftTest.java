package dev.driftline.drift.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Edge cases of exact mode, on samples small enough to check by hand. */
class ExactDriftTest {

    @Test
    void identicalSamplesShowNoDrift() {
        double[] x = {3.5, -1, 2, 2, 8, 0.25, 7, 7, 7, 1};
        NumericDriftFigures f = ExactDrift.numeric(x, x.clone());
        assertThat(f.ksStatistic()).isZero();
        assertThat(f.ksPValue()).isEqualTo(1);
        assertThat(f.psi()).isZero();
        assertThat(f.jensenShannon()).isZero();
        assertThat(f.hellinger()).isZero();
        assertThat(f.wasserstein()).isZero();
        assertThat(f.wassersteinNorm()).isZero();
    }

    @Test
    void tiesAreConsumedInBothSamplesBeforeComparing() {
        // F_R: 0.5 at 1, 1 at 2. F_C: 0.25 at 1, 1 at 2. D = 0.25 (at x = 1); at x = 2 both are 1.
        // Stepping one value at a time would pass through F_R = 1, F_C = 0.25 (gap 0.75) inside the tie at 2.
        double[] r = {2, 1, 2, 1};
        double[] c = {2, 2, 1, 2};
        NumericDriftFigures f = ExactDrift.numeric(r, c);
        assertThat(f.ksStatistic()).isEqualTo(0.25);
        // |F_R − F_C| = 0.25 on [1, 2), 0 elsewhere → W1 = 0.25
        assertThat(f.wasserstein()).isEqualTo(0.25);
        assertThat(r).as("input not sorted in place").containsExactly(2, 1, 2, 1);
    }

    @Test
    void shiftByOne() {
        // R = {0,1,2}, C = {1,2,3}: the gap is 1/3 on [0,3) → D = 1/3, W1 = 3·1/3 = 1; sd(R) = 1 → norm 1.
        NumericDriftFigures f = ExactDrift.numeric(new double[] {0, 1, 2}, new double[] {3, 2, 1});
        assertThat(f.ksStatistic()).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(f.wasserstein()).isCloseTo(1, within(1e-15));
        assertThat(f.wassersteinNorm()).isCloseTo(1, within(1e-15));
        assertThat(f.nReference()).isEqualTo(3);
        assertThat(f.nCurrent()).isEqualTo(3);
        // Kolmogorov distribution with N = round(9/6) = 2
        assertThat(f.ksPValue()).isEqualTo(KolmogorovSmirnov.sf(1.0 / 3, 2));
    }

    @Test
    void unequalSampleSizes() {
        // R = {1,2,3,4}, C = {2.5, 10}. F_R − F_C on each interval between merged values:
        //   [1,2): 1/4 − 0;  [2,2.5): 1/2 − 0;  [2.5,3): 1/2 − 1/2;  [3,4): 3/4 − 1/2;  [4,10): 1 − 1/2
        // D = 1/2; W1 = 1·1/4 + 0.5·1/2 + 0.5·0 + 1·1/4 + 6·1/2 = 3.75
        // (check via quantile functions: (|1−2.5| + |2−2.5| + |3−10| + |4−10|)/4 = 15/4).
        NumericDriftFigures f = ExactDrift.numeric(new double[] {1, 2, 3, 4}, new double[] {2.5, 10});
        assertThat(f.ksStatistic()).isEqualTo(0.5);
        assertThat(f.wasserstein()).isCloseTo(3.75, within(1e-15));
        assertThat(f.wassersteinNorm()).isCloseTo(3.75 / Math.sqrt(5.0 / 3), within(1e-15));
    }

    @Test
    void binnedDistancesUseReferenceDecileBins() {
        double[] r = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] c = {10, 10, 10, 10, 10, 10, 10, 10, 10, 10};
        NumericDriftFigures f = ExactDrift.numeric(r, c);
        assertThat(f.binEdges()).hasSize(9);
        // p = one tenth per bin; q = all in the last bin (10 > 9.1)
        double[] p = new double[10];
        Arrays.fill(p, 0.1);
        double[] q = new double[10];
        q[9] = 1;
        assertThat(f.psi()).isEqualTo(Distances.psi(p, q));
        assertThat(f.jensenShannon()).isEqualTo(Distances.jensenShannon(p, q));
        assertThat(f.hellinger()).isEqualTo(Distances.hellinger(p, q));
        assertThat(f.ksStatistic()).isCloseTo(0.9, within(1e-15));
    }

    @Test
    void constantReferenceNormalisesToZeroOrInfinity() {
        NumericDriftFigures same = ExactDrift.numeric(new double[] {0.1, 0.1, 0.1}, new double[] {0.1});
        assertThat(same.wasserstein()).isZero();
        assertThat(same.wassersteinNorm()).isZero();

        NumericDriftFigures moved = ExactDrift.numeric(new double[] {0, 0}, new double[] {5});
        assertThat(moved.ksStatistic()).isEqualTo(1);
        assertThat(moved.ksPValue()).isZero();
        assertThat(moved.wasserstein()).isEqualTo(5);
        assertThat(moved.wassersteinNorm()).isEqualTo(Double.POSITIVE_INFINITY);

        NumericDriftFigures single = ExactDrift.numeric(new double[] {2}, new double[] {3});
        assertThat(single.wassersteinNorm()).as("n = 1: sd undefined").isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(single.binEdges()).containsExactly(2.0);
    }

    @Test
    void numericGuardRails() {
        assertThatThrownBy(() -> ExactDrift.numeric(new double[0], new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference sample is empty");
        assertThatThrownBy(() -> ExactDrift.numeric(new double[] {1}, new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("current sample is empty");
        assertThatThrownBy(() -> ExactDrift.numeric(new double[] {1, Double.NaN}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN").hasMessageContaining("missing");
        assertThatThrownBy(() -> ExactDrift.numeric(new double[] {1}, new double[] {Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
    }

    @Test
    void twoByTwoChiSquareByHand() {
        // R: a 30, b 10 (n 40); C: a 20, b 40 (n 60); N 100; column totals 50, 50.
        // Expected R: 20, 20; C: 30, 30. χ² = 100/20 + 100/20 + 100/30 + 100/30 = 50/3, dof 1,
        // p = P(χ²₁ ≥ 50/3) = erfc(√(25/3)) = 4.455709060405608e-05 (no Yates correction).
        CategoricalDriftFigures f = ExactDrift.categorical(Map.of("a", 30L, "b", 10L), Map.of("b", 40L, "a", 20L));
        assertThat(f.categories()).containsExactly("a", "b");
        assertThat(f.chi2Dof()).isEqualTo(1);
        assertThat(f.chi2Statistic()).isCloseTo(50.0 / 3, within(1e-12));
        assertThat(f.chi2PValue()).isCloseTo(4.455709060405608e-05, within(1e-15));
        // p = (0.75, 0.25), q = (1/3, 2/3) → L∞ = 5/12
        assertThat(f.linf()).isCloseTo(5.0 / 12, within(1e-15));
        assertThat(f.nReference()).isEqualTo(40);
        assertThat(f.nCurrent()).isEqualTo(60);
    }

    @Test
    void listsAndCountsAgreeAndCategoriesAreTheSortedUnion() {
        List<String> r = List.of("b", "a", "b", "c", "b");
        List<String> c = List.of("d", "a", "b", "b");
        CategoricalDriftFigures fromLists = ExactDrift.categorical(r, c);
        CategoricalDriftFigures fromCounts = ExactDrift.categorical(
                Map.of("a", 1L, "b", 3L, "c", 1L, "z", 0L), Map.of("a", 1L, "b", 2L, "d", 1L));
        assertThat(fromLists).isEqualTo(fromCounts);
        assertThat(fromLists.categories()).as("z has no count on either side").containsExactly("a", "b", "c", "d");
        assertThat(fromLists.chi2Dof()).isEqualTo(3);
    }

    @Test
    void oneCategoryHasNoDegreesOfFreedom() {
        CategoricalDriftFigures f = ExactDrift.categorical(List.of("x", "x", "x"), List.of("x"));
        assertThat(f.chi2Dof()).isZero();
        assertThat(f.chi2Statistic()).isZero();
        assertThat(f.chi2PValue()).isEqualTo(1);
        assertThat(f.linf()).isZero();
        assertThat(f.psi()).isZero();
        assertThat(f.jensenShannon()).isZero();
        assertThat(f.hellinger()).isZero();
        assertThat(f.categories()).containsExactly("x");
    }

    @Test
    void identicalCategoricalSamplesShowNoDrift() {
        List<String> x = List.of("a", "b", "b", "c");
        CategoricalDriftFigures f = ExactDrift.categorical(x, List.of("c", "b", "a", "b"));
        assertThat(f.chi2Statistic()).isZero();
        assertThat(f.chi2PValue()).isEqualTo(1);
        assertThat(f.linf()).isZero();
        assertThat(f.psi()).isZero();
        assertThat(f.jensenShannon()).isZero();
        assertThat(f.hellinger()).isZero();
    }

    @Test
    void categoricalGuardRails() {
        assertThatThrownBy(() -> ExactDrift.categorical(List.of(), List.of("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference sample is empty");
        assertThatThrownBy(() -> ExactDrift.categorical(Map.of("a", 1L), Map.of("a", 0L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("current sample is empty");
        assertThatThrownBy(() -> ExactDrift.categorical(Arrays.asList("a", null), List.of("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> ExactDrift.categorical(Map.of("a", -1L, "b", 3L), Map.of("a", 1L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-negative");
    }
}
