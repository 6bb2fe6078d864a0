package dev.driftline.drift.modelquality;

import dev.driftline.drift.metrics.SampleMoments;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Model quality of a regression model: mean absolute error, mean squared error, its root, and the coefficient of
 * determination R² = 1 − SS_res/SS_tot.
 *
 * <p>When the labels are constant (SS_tot = 0) R² is undefined; like scikit-learn's {@code r2_score} (default
 * {@code force_finite=True}) we report 1 for a perfect prediction and 0 otherwise, so a report never holds NaN/−∞.
 */
public record RegressionMetrics(double mae, double mse, double rmse, double r2) {

    /**
     * @throws IllegalArgumentException on empty or mismatched input or a non-finite value
     */
    public static RegressionMetrics compute(double[] labels, double[] predictions) {
        QualityInputs.requireSameNonZeroLength(labels.length, predictions.length, "labels", "predictions");
        double absSum = 0;
        double squaredSum = 0;
        for (int i = 0; i < labels.length; i++) {
            if (!Double.isFinite(labels[i]) || !Double.isFinite(predictions[i])) {
                throw new IllegalArgumentException("non-finite label or prediction at index " + i
                        + ": " + labels[i] + ", " + predictions[i]);
            }
            double e = labels[i] - predictions[i];
            absSum += Math.abs(e);
            squaredSum += e * e;
        }
        int n = labels.length;
        double mse = squaredSum / n;
        // SS_tot from deviations about a corrected mean: labels with a large offset would lose it to Σy² − n·ȳ².
        double totalSumOfSquares = SampleMoments.sumOfSquaredDeviations(labels);
        double r2;
        if (totalSumOfSquares > 0) {
            r2 = 1 - squaredSum / totalSumOfSquares;
        } else {
            r2 = squaredSum == 0 ? 1 : 0;
        }
        return new RegressionMetrics(absSum / n, mse, Math.sqrt(mse), r2);
    }

    /** The figures under SageMaker Model Monitor's names, in a fixed order. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mae", mae);
        m.put("mse", mse);
        m.put("rmse", rmse);
        m.put("r2", r2);
        return Collections.unmodifiableMap(m);
    }
}
