package dev.driftline.bench.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiguresTest {
    @Test
    void nearestRankPercentiles() {
        List<Long> v = new ArrayList<>();
        for (long i = 100; i >= 1; i--) {
            v.add(i);
        }
        assertThat(Figures.percentile(v, 50)).isEqualTo(50);
        assertThat(Figures.percentile(v, 99)).isEqualTo(99);
        assertThat(Figures.percentile(List.of(7L), 99)).isEqualTo(7);
        assertThat(Figures.percentile(List.of(3L, 1L, 2L), 50)).isEqualTo(2);
        assertThatThrownBy(() -> Figures.percentile(List.of(), 50))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Figures.percentileOrNull(List.of(), 50)).isNull();
    }

    @Test
    void medianOfOddAndEvenCountsLeavesTheInputAlone() {
        double[] odd = {5, 1, 3};
        assertThat(Figures.median(odd)).isEqualTo(3);
        assertThat(odd).containsExactly(5, 1, 3);
        assertThat(Figures.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThatThrownBy(() -> Figures.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundingKeepsTheReportedPrecision() {
        assertThat(Figures.round(1234.5)).isEqualTo(1235.0);
        assertThat(Figures.round1(46.84)).isEqualTo(46.8);
        assertThat(Figures.round3(0.12345)).isEqualTo(0.123);
    }
}
