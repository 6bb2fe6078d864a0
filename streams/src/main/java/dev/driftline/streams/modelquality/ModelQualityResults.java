package dev.driftline.streams.modelquality;

import dev.driftline.drift.modelquality.ModelQualityFigures;
import dev.driftline.drift.modelquality.TrainingQuality;

import dev.driftline.contracts.modelquality.ModelQualityWindow;
import java.util.Optional;

/**
 * What one emission of a model-quality window says: its figures, its primary metric against the model's threshold
 * and the status that follows, as a {@link ModelQualityWindow} (the format is {@code ModelQualityCodec}'s).
 */
final class ModelQualityResults {
    private ModelQualityResults() {
    }

    /** What one emission of a window counts; {@code labelledRows} ≥ 1. */
    record Window(String model, long windowStart, long windowEnd, int version, long labelledRows,
                  long droppedLabels, long updatedAtMs) {
    }

    /**
     * The status, in this order: fewer than {@code minLabels} labelled rows → {@code insufficient_labels} (too few to
     * judge, whatever the threshold); no threshold → {@code no_reference}; primary metric worse than the threshold
     * (accuracy below it, RMSE above it) → {@code degraded}; else {@code ok}.
     */
    static String status(ModelQualityFigures f, long labelledRows, Optional<Double> threshold, int minLabels) {
        if (labelledRows < minLabels) {
            return ModelQualityWindow.INSUFFICIENT_LABELS;
        }
        if (threshold.isEmpty()) {
            return ModelQualityWindow.NO_REFERENCE;
        }
        return f.type().worse(f.value(), threshold.get()) ? ModelQualityWindow.DEGRADED : ModelQualityWindow.OK;
    }

    /**
     * The window's record: figures in the order computed, the primary metric, its threshold (and where it comes
     * from, {@link QualityThreshold#resolve}, given the model's training-time quality {@code baseline}) and the status.
     */
    static ModelQualityWindow of(Window w, ModelQualityFigures f, ModelQualityConfig config,
                                 Optional<TrainingQuality> baseline) {
        Optional<QualityThreshold> t = QualityThreshold.resolve(w.model(), f.type(), config, baseline);
        Optional<Double> threshold = t.map(QualityThreshold::value);
        Double trained = QualityThreshold.trainedValue(f.type(), baseline);
        return new ModelQualityWindow(w.model(), w.windowStart(), w.windowEnd(), w.version(), f.type().id(),
                w.labelledRows(), w.droppedLabels(), f.metrics(), f.type().primaryMetric(), f.value(),
                threshold.orElse(null), t.map(QualityThreshold::source).orElse(null), trained,
                status(f, w.labelledRows(), threshold, config.minLabels()), w.updatedAtMs());
    }
}
