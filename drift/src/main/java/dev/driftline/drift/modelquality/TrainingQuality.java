package dev.driftline.drift.modelquality;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model's quality on its training (or validation) data — what SageMaker's model-quality baseline job suggests — as
 * the reference production windows are judged against: the same figures as a window's
 * ({@link ModelQualityFigures}, the problem type decided by the same rules), over every row that has both a label
 * and a prediction.
 *
 * @param labelledRows rows the figures are computed on
 * @param thresholds   thresholds taken over with the baseline (e.g. from a SageMaker model-quality constraints.json):
 *                     metric → limit, in the direction of {@link ProblemType#worse}; empty when built from data
 */
public record TrainingQuality(long labelledRows, ModelQualityFigures figures,
                              java.util.Map<String, Double> thresholds) {
    /** Default tolerance of accuracy: a window 5 points below the training accuracy is degraded. */
    public static final double DEFAULT_ACCURACY_TOLERANCE = 0.05;
    /** Default tolerance of RMSE: a window 20 % above the training RMSE is degraded. */
    public static final double DEFAULT_RMSE_TOLERANCE = 0.2;

    public TrainingQuality {
        Objects.requireNonNull(figures, "figures");
        thresholds = java.util.Map.copyOf(thresholds);
        if (labelledRows < 1) {
            throw new IllegalArgumentException("training quality needs at least one labelled row");
        }
    }

    public TrainingQuality(long labelledRows, ModelQualityFigures figures) {
        this(labelledRows, figures, java.util.Map.of());
    }

    public ProblemType type() {
        return figures.type();
    }

    /** The primary metric's training value ({@link ProblemType#primaryMetric()}). */
    public double primaryValue() {
        return figures.value();
    }

    /**
     * The limit of the primary metric {@code tolerance} worse than its training value: for a metric where higher is
     * better, {@code tolerance} points below it; for an error, {@code tolerance} times it above it.
     */
    public double relativeLimit(double tolerance) {
        return type().higherIsBetter() ? primaryValue() - tolerance : primaryValue() * (1 + tolerance);
    }

    /** The default tolerance of the primary metric ({@link #DEFAULT_ACCURACY_TOLERANCE}, {@link #DEFAULT_RMSE_TOLERANCE}). */
    public double defaultTolerance() {
        return type().higherIsBetter() ? DEFAULT_ACCURACY_TOLERANCE : DEFAULT_RMSE_TOLERANCE;
    }

    /** The same quality with thresholds taken over from elsewhere. */
    public TrainingQuality withThresholds(java.util.Map<String, Double> limits) {
        return new TrainingQuality(labelledRows, figures, limits);
    }

    /**
     * The quality of {@code predictions[i]} against {@code labels[i]}, over the rows where both are judgeable
     * scalars ({@link ModelQualityFigures#scalar}); empty when no row is.
     */
    public static Optional<TrainingQuality> of(List<?> labels, List<?> predictions) {
        if (labels.size() != predictions.size()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + predictions.size() + " predictions");
        }
        List<Object> y = new ArrayList<>();
        List<Object> p = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            Object label = ModelQualityFigures.scalar(labels.get(i));
            Object prediction = ModelQualityFigures.scalar(predictions.get(i));
            if (label != null && prediction != null) {
                y.add(label);
                p.add(prediction);
            }
        }
        return y.isEmpty() ? Optional.empty()
                : Optional.of(new TrainingQuality(y.size(), ModelQualityFigures.compute(y, p)));
    }
}
