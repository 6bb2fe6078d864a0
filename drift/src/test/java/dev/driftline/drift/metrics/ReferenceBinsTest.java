package dev.driftline.drift.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReferenceBinsTest {

    @Test
    void quantileType7InterpolatesBetweenOrderStatistics() {
        double[] sorted = {1, 2, 3, 4, 5};
        // h = (n−1)·p = 4p
        assertThat(ReferenceBins.quantileType7(sorted, 0)).isEqualTo(1);
        assertThat(ReferenceBins.quantileType7(sorted, 0.1)).isCloseTo(1.4, within(1e-15)); // h = 0.4
        assertThat(ReferenceBins.quantileType7(sorted, 0.5)).isEqualTo(3); // h = 2
        assertThat(ReferenceBins.quantileType7(sorted, 0.9)).isCloseTo(4.6, within(1e-15)); // h = 3.6
        assertThat(ReferenceBins.quantileType7(sorted, 1)).isEqualTo(5);
        assertThat(ReferenceBins.quantileType7(new double[] {7}, 0.3)).isEqualTo(7);
    }

    @Test
    void quantileRejectsBadInput() {
        assertThatThrownBy(() -> ReferenceBins.quantileType7(new double[0], 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReferenceBins.quantileType7(new double[] {1}, 1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReferenceBins.quantileType7(new double[] {1}, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void edgesAreTheReferenceDecilesOfAnUnsortedSample() {
        double[] reference = {10, 3, 7, 1, 9, 2, 8, 4, 6, 5};
        // n = 10, h = 9p: 0.9, 1.8, … 8.1 → x[h] interpolated = 1.9, 2.8, 3.7, 4.6, 5.5, 6.4, 7.3, 8.2, 9.1
        double[] edges = ReferenceBins.fromReference(reference).edges();
        assertThat(edges).containsExactly(new double[] {1.9, 2.8, 3.7, 4.6, 5.5, 6.4, 7.3, 8.2, 9.1}, within(1e-12));
        assertThat(reference[0]).as("input not modified").isEqualTo(10);
    }

    @Test
    void tiedDecilesCollapseToDistinctEdges() {
        double[] reference = {1, 1, 1, 1, 1, 2, 2, 2, 2, 2};
        // h = 0.9 … 3.6 lie between two 1s → 1; h = 4.5 between x4 = 1 and x5 = 2 → 1.5; h ≥ 5.4 between 2s → 2
        ReferenceBins bins = ReferenceBins.fromReference(reference);
        assertThat(bins.edges()).containsExactly(1, 1.5, 2);
        assertThat(bins.binCount()).isEqualTo(4);
        assertThat(bins.edgeList()).containsExactly(1.0, 1.5, 2.0);
    }

    @Test
    void constantReferenceGivesOneEdgeAndTwoBins() {
        ReferenceBins bins = ReferenceBins.fromReference(new double[] {4, 4, 4});
        assertThat(bins.edges()).containsExactly(4);
        assertThat(bins.counts(new double[] {3, 4, 5})).containsExactly(2, 1);
    }

    @Test
    void binsAreRightClosed() {
        ReferenceBins bins = ReferenceBins.ofEdges(1, 1.5, 2);
        // (−∞,1], (1,1.5], (1.5,2], (2,+∞): a value equal to an edge belongs to the lower bin
        assertThat(bins.binOf(0)).isZero();
        assertThat(bins.binOf(1)).isZero();
        assertThat(bins.binOf(Math.nextUp(1.0))).isEqualTo(1);
        assertThat(bins.binOf(1.5)).isEqualTo(1);
        assertThat(bins.binOf(2)).isEqualTo(2);
        assertThat(bins.binOf(Double.POSITIVE_INFINITY)).isEqualTo(3);
        assertThat(bins.binOf(Double.NEGATIVE_INFINITY)).isZero();
    }

    @Test
    void countsDoNotDependOnOrder() {
        ReferenceBins bins = ReferenceBins.ofEdges(1, 1.5, 2);
        assertThat(bins.counts(new double[] {0, 1, 1.2, 1.5, 1.7, 2, 3})).containsExactly(2, 2, 2, 1);
        assertThat(bins.counts(new double[] {3, 2, 1.7, 1.5, 1.2, 1, 0})).containsExactly(2, 2, 2, 1);
        assertThat(bins.counts(new double[0])).containsExactly(0, 0, 0, 0);
    }

    @Test
    void rejectsNaNAndBadEdges() {
        ReferenceBins bins = ReferenceBins.ofEdges(1);
        assertThatThrownBy(() -> bins.binOf(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
        assertThatThrownBy(ReferenceBins::ofEdges).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReferenceBins.ofEdges(1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> ReferenceBins.ofEdges(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReferenceBins.fromReference(new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReferenceBins.fromReference(new double[] {1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void edgesAreCopies() {
        double[] edges = {1, 2};
        ReferenceBins bins = ReferenceBins.ofEdges(edges);
        edges[0] = 5;
        bins.edges()[1] = 7;
        assertThat(bins.edges()).containsExactly(1, 2);
    }
}
