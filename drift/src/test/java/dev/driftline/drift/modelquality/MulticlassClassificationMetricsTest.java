package dev.driftline.drift.modelquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MulticlassClassificationMetricsTest {

    @Test
    void supportWeightedAveragesByHand() {
        String[] labels = {"a", "a", "a", "a", "b", "b", "c"};
        String[] predicted = {"a", "a", "a", "b", "b", "a", "a"};
        // class  support  predicted  TP  precision  recall  F1 = 2TP/(2TP+FP+FN)
        //   a       4         5       3     3/5       3/4    6/(6+2+1) = 2/3
        //   b       2         2       1     1/2       1/2    2/(2+1+1) = 1/2
        //   c       1         0       0     0/0 → 0    0     0
        // accuracy = 4/7
        // weighted precision = (4·3/5 + 2·1/2 + 1·0)/7 = 3.4/7 = 17/35
        // weighted recall    = (4·3/4 + 2·1/2 + 0)/7 = 4/7 (always equals accuracy)
        // weighted F1        = (4·2/3 + 2·1/2 + 0)/7 = (11/3)/7 = 11/21
        MulticlassClassificationMetrics m = MulticlassClassificationMetrics.compute(labels, predicted);
        assertThat(m.accuracy()).isCloseTo(4.0 / 7, within(1e-15));
        assertThat(m.weightedPrecision()).isCloseTo(17.0 / 35, within(1e-15));
        assertThat(m.weightedRecall()).isCloseTo(4.0 / 7, within(1e-15));
        assertThat(m.weightedF1()).isCloseTo(11.0 / 21, within(1e-15));
    }

    @Test
    void classOnlyPredictedCarriesNoWeight() {
        // labels a a b, predicted a x b. a: support 2, predicted 1, TP 1 → P 1, R 1/2, F1 2/3.
        // b: P 1, R 1, F1 1. x: support 0 (precision 0, weight 0).
        // weighted P = (2·1 + 1·1)/3 = 1; weighted R = (2·1/2 + 1)/3 = 2/3; weighted F1 = (2·2/3 + 1)/3 = 7/9
        MulticlassClassificationMetrics m = MulticlassClassificationMetrics.compute(
                new String[] {"a", "a", "b"}, new String[] {"a", "x", "b"});
        assertThat(m.accuracy()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(m.weightedPrecision()).isCloseTo(1, within(1e-15));
        assertThat(m.weightedRecall()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(m.weightedF1()).isCloseTo(7.0 / 9, within(1e-15));
    }

    @Test
    void perfectPrediction() {
        String[] labels = {"x", "y", "z", "y"};
        MulticlassClassificationMetrics m = MulticlassClassificationMetrics.compute(labels, labels.clone());
        assertThat(m.asMap()).containsExactly(
                java.util.Map.entry("accuracy", 1.0), java.util.Map.entry("weighted_precision", 1.0),
                java.util.Map.entry("weighted_recall", 1.0), java.util.Map.entry("weighted_f1", 1.0));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> MulticlassClassificationMetrics.compute(new String[] {"a"}, new String[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MulticlassClassificationMetrics.compute(new String[0], new String[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MulticlassClassificationMetrics.compute(new String[] {"a"}, new String[] {null}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
    }
}
