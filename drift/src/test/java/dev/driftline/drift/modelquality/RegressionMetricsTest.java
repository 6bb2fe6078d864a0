package dev.driftline.drift.modelquality;

import static dev.driftline.drift.metrics.ExactTolerance.assertFigure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.driftline.drift.metrics.ReferenceVectors;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegressionMetricsTest {
    /** The vectors' inputs are written with 6 decimals. */
    private static final double INPUT_QUANTUM = 1e-6;


    /**
     * Exact-mode precision on the vectors' inputs, against the same figures in exact decimal arithmetic (BigDecimal
     * holds every double exactly; only the final division and square root round, at 34 digits). numpy on the stored
     * inputs agrees: mae 0.5562528353333334, rmse 0.6924176673040076, r2 0.8750458998580866.
     */
    @Test
    void exactOnTheReferenceInputs() {
        ReferenceVectors.Regression v = ReferenceVectors.load().regression();
        RegressionMetrics m = RegressionMetrics.compute(v.label(), v.prediction());
        MathContext mc = MathContext.DECIMAL128;
        BigDecimal n = BigDecimal.valueOf(v.label().length);
        BigDecimal abs = BigDecimal.ZERO;
        BigDecimal squares = BigDecimal.ZERO;
        BigDecimal labelSum = BigDecimal.ZERO;
        for (int i = 0; i < v.label().length; i++) {
            BigDecimal e = new BigDecimal(v.label()[i]).subtract(new BigDecimal(v.prediction()[i]));
            abs = abs.add(e.abs());
            squares = squares.add(e.multiply(e));
            labelSum = labelSum.add(new BigDecimal(v.label()[i]));
        }
        BigDecimal mean = labelSum.divide(n, mc);
        BigDecimal total = BigDecimal.ZERO;
        for (double y : v.label()) {
            BigDecimal d = new BigDecimal(y).subtract(mean);
            total = total.add(d.multiply(d));
        }
        BigDecimal mse = squares.divide(n, mc);
        assertFigure("mae", m.mae(), abs.divide(n, mc).doubleValue());
        assertFigure("mse", m.mse(), mse.doubleValue());
        assertFigure("rmse", m.rmse(), mse.sqrt(mc).doubleValue());
        assertFigure("r2", m.r2(), BigDecimal.ONE.subtract(squares.divide(total, mc)).doubleValue());
    }

    /**
     * The vectors' labels and predictions are stored rounded to 6 decimals, but their expected figures were computed
     * before rounding (e.g. mae 0.5562528390069974 in the file vs 0.5562528353333334 from the stored values, 6.6e-9
     * relative), so the spec's 1e-9 cannot be met against the file on these inputs. Rounding moves each error
     * e = y − ŷ by at most 1e-6, hence MAE and RMSE by at most 1e-6; R² moves by about (1 − R²)·2·mae/mse·1e-6
     * ≈ 3e-7 here. We check the file's figures within that 1e-6 (observed: 4e-9).
     */
    @Test
    void matchesReferenceVectorsUpToTheirInputRounding() {
        ReferenceVectors.Regression v = ReferenceVectors.load().regression();
        RegressionMetrics m = RegressionMetrics.compute(v.label(), v.prediction());
        assertThat(m.mae()).isCloseTo(v.expected().mae(), within(INPUT_QUANTUM));
        assertThat(m.rmse()).isCloseTo(v.expected().rmse(), within(INPUT_QUANTUM));
        assertThat(m.r2()).isCloseTo(v.expected().r2(), within(INPUT_QUANTUM));
    }

    @Test
    void smallExampleByHand() {
        // errors −0.5, 0, 1, −1 → MAE 2.5/4 = 0.625; MSE 2.25/4 = 0.5625; RMSE 0.75
        // mean label 2.5 → SS_tot = 2.25 + 0.25 + 0.25 + 2.25 = 5; R² = 1 − 2.25/5 = 0.55
        RegressionMetrics m = RegressionMetrics.compute(new double[] {1, 2, 3, 4}, new double[] {1.5, 2, 2, 5});
        assertThat(m.asMap()).containsExactly(Map.entry("mae", 0.625), Map.entry("mse", 0.5625),
                Map.entry("rmse", 0.75), Map.entry("r2", 0.55));
    }

    @Test
    void largeOffsetKeepsR2() {
        // Same example shifted by 1e9 (all values exact in double): SS_tot must still be 5.
        double o = 1e9;
        RegressionMetrics m = RegressionMetrics.compute(new double[] {o + 1, o + 2, o + 3, o + 4},
                new double[] {o + 1.5, o + 2, o + 2, o + 5});
        assertThat(m.r2()).isCloseTo(0.55, within(1e-15));
    }

    @Test
    void constantLabelsFollowScikitLearn() {
        assertThat(RegressionMetrics.compute(new double[] {2, 2}, new double[] {2, 2}).r2()).isEqualTo(1);
        assertThat(RegressionMetrics.compute(new double[] {2, 2}, new double[] {1, 3}).r2()).isZero();
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> RegressionMetrics.compute(new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length");
        assertThatThrownBy(() -> RegressionMetrics.compute(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegressionMetrics.compute(new double[] {Double.NaN}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
    }
}
