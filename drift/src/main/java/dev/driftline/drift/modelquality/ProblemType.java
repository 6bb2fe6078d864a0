package dev.driftline.drift.modelquality;

/**
 * The kind of model a window's labelled pairs describe (decided from the data, {@link ModelQualityFigures#detect}), with
 * the primary metric that judges it: accuracy (higher is better) for classification, RMSE (lower is better, in the
 * label's unit, and it weighs large misses more than MAE) for regression.
 */
public enum ProblemType {
    BINARY("binary_classification", "accuracy", true),
    MULTICLASS("multiclass_classification", "accuracy", true),
    REGRESSION("regression", "rmse", false);

    private final String id;
    private final String primaryMetric;
    private final boolean higherIsBetter;

    ProblemType(String id, String primaryMetric, boolean higherIsBetter) {
        this.id = id;
        this.primaryMetric = primaryMetric;
        this.higherIsBetter = higherIsBetter;
    }

    /** The name in the JSON ({@code "problem_type"}). */
    public String id() {
        return id;
    }

    public String primaryMetric() {
        return primaryMetric;
    }

    /** Whether a higher value of the primary metric is better (accuracy) rather than worse (RMSE). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether {@code value} is worse than {@code threshold} (a minimum for accuracy, a maximum for RMSE). */
    public boolean worse(double value, double threshold) {
        return higherIsBetter ? value < threshold : value > threshold;
    }
}
