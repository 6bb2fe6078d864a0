package dev.driftline.streams.modelquality;


import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Settings of the model-quality stage ({@link ModelQualityTopology}).
 *
 * @param ttl                 the horizon of the label join ({@code streams.model-quality.label-ttl}, default 7 days),
 *                            in event time of the inference: a row waits for its label until its model's newest
 *                            rows are this much later in event time, and a label that came first waits this long in
 *                            label arrival time ({@link LabelJoinProcessor}); afterwards the entry is dropped and
 *                            counted ({@link ModelQualityCounters}). Windows are kept this long + 1 day of their
 *                            model's event time ({@link ModelQualityWindowProcessor})
 * @param minLabels           below this many labelled rows a window's status is {@code insufficient_labels}
 *                            (default 30)
 * @param thresholds          per model: the minimum accuracy (classification) or the maximum RMSE (regression); the
 *                            meaning follows the problem type detected in the window; wins over everything else
 * @param defaultMinAccuracy  the minimum accuracy of classification models with neither an entry in
 *                            {@code thresholds} nor a training-time quality in their baseline (default 0.7);
 *                            regression has no such default, so without either its status is {@code no_reference}
 * @param emitInterval        wall-clock interval of the emission punctuator: a window with new labels is emitted at
 *                            most once per interval (default 1 s), so a burst of labels gives one update
 * @param maxPairsPerWindow   cap of labelled pairs kept per (model, window) (default 200,000); pairs beyond it are
 *                            counted in the figure's {@code dropped_labels} and not used
 * @param tolerances          how much worse than the baseline's training-time quality a window may be
 *                            ({@link QualityThreshold#resolve} says which threshold applies)
 */
public record ModelQualityConfig(Duration ttl, int minLabels, Map<String, Double> thresholds,
                            OptionalDouble defaultMinAccuracy, Duration emitInterval, int maxPairsPerWindow,
                            QualityTolerances tolerances) {
    public ModelQualityConfig {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(emitInterval, "emitInterval");
        Objects.requireNonNull(defaultMinAccuracy, "defaultMinAccuracy");
        Objects.requireNonNull(tolerances, "tolerances");
        thresholds = Map.copyOf(Objects.requireNonNull(thresholds, "thresholds"));
        if (ttl.isNegative() || ttl.isZero() || emitInterval.isNegative() || emitInterval.isZero()) {
            throw new IllegalArgumentException("quality ttl and emit interval must be > 0");
        }
        if (minLabels < 1 || maxPairsPerWindow < 1) {
            throw new IllegalArgumentException("quality minLabels and maxPairsPerWindow must be >= 1");
        }
        thresholds.forEach((model, t) -> {
            if (t == null || !Double.isFinite(t)) {
                throw new IllegalArgumentException("quality threshold of model " + model + " must be finite");
            }
        });
    }

    public static ModelQualityConfig defaults() {
        return new ModelQualityConfig(Duration.ofDays(7), 30, Map.of(), OptionalDouble.of(0.7), Duration.ofSeconds(1),
                200_000, QualityTolerances.standard());
    }

    /** The same settings with another horizon ({@link #ttl()}). */
    public ModelQualityConfig withTtl(Duration newTtl) {
        return new ModelQualityConfig(newTtl, minLabels, thresholds, defaultMinAccuracy, emitInterval, maxPairsPerWindow, tolerances);
    }

    /** The same settings with another minimum number of labelled rows. */
    public ModelQualityConfig withMinLabels(int n) {
        return new ModelQualityConfig(ttl, n, thresholds, defaultMinAccuracy, emitInterval, maxPairsPerWindow, tolerances);
    }

    /** The same settings with these per-model thresholds. */
    public ModelQualityConfig withThresholds(Map<String, Double> perModel) {
        return new ModelQualityConfig(ttl, minLabels, perModel, defaultMinAccuracy, emitInterval, maxPairsPerWindow, tolerances);
    }

    /** The same settings with other tolerances. */
    public ModelQualityConfig withTolerances(QualityTolerances t) {
        return new ModelQualityConfig(ttl, minLabels, thresholds, defaultMinAccuracy, emitInterval, maxPairsPerWindow, t);
    }
}
