package dev.driftline.streams.modelquality;

import dev.driftline.drift.modelquality.ModelQualityFigures;
import dev.driftline.drift.modelquality.ProblemType;
import dev.driftline.drift.modelquality.TrainingQuality;

import dev.driftline.contracts.modelquality.ModelQualityWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one emission of a model-quality window says: its figures, its primary metric against the model's threshold
 * and the status that follows, as a {@link ModelQualityWindow} (the format is {@code ModelQualityCodec}'s).
 */
final class ModelQualityResults {
    private ModelQualityResults() {
    }

    /**
     * What one emission of a window counts; {@code labelledRows} ≥ 1; {@code modelVersion} "" for all the model's
     * versions, else the one version whose pairs alone it counts.
     */
    record Window(String model, String modelVersion, long windowStart, long windowEnd, int version, long labelledRows,
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
     * A version's window is judged by the model's threshold like the model's own: the canary and the stable version
     * meet the same bar.
     */
    static ModelQualityWindow of(Window w, ModelQualityFigures f, ModelQualityConfig config,
                                 Optional<TrainingQuality> baseline) {
        Optional<QualityThreshold> t = QualityThreshold.resolve(w.model(), f.type(), config, baseline);
        Optional<Double> threshold = t.map(QualityThreshold::value);
        Double trained = QualityThreshold.trainedValue(f.type(), baseline);
        return new ModelQualityWindow(w.model(), w.modelVersion(), w.windowStart(), w.windowEnd(), w.version(), f.type().id(),
                w.labelledRows(), w.droppedLabels(), f.metrics(), f.type().primaryMetric(), f.value(),
                threshold.orElse(null), t.map(QualityThreshold::source).orElse(null), trained,
                status(f, w.labelledRows(), threshold, config.minLabels()), w.updatedAtMs());
    }

    /**
     * The windows of each named model version of a window judged per version ({@link WindowHeader#byVersion()}):
     * {@code slots[i]} is the index in {@code h.versions()} of pair i. Each is computed on its version's pairs alone,
     * as the problem {@code type} of the model's window {@code all} (so the versions' figures compare), with that version's
     * drops and the emission number of {@code all}. Pairs of version "" (unknown) count in {@code all} only; a
     * version with no pair kept (all over the cap) has no window.
     */
    static List<ModelQualityWindow> byVersion(ModelQualityWindow all, ProblemType type, WindowHeader h,
                                              List<Object> labels,
                                              List<Object> predictions, List<Integer> slots,
                                              ModelQualityConfig config, Optional<TrainingQuality> baseline) {
        List<List<Object>> vl = new ArrayList<>();
        List<List<Object>> vp = new ArrayList<>();
        for (int slot = 0; slot < h.versions().size(); slot++) {
            vl.add(new ArrayList<>());
            vp.add(new ArrayList<>());
        }
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i) < vl.size()) {
                vl.get(slots.get(i)).add(labels.get(i));
                vp.get(slots.get(i)).add(predictions.get(i));
            }
        }
        List<ModelQualityWindow> out = new ArrayList<>();
        for (int slot = 0; slot < vl.size(); slot++) {
            WindowHeader.Versioned v = h.versions().get(slot);
            if (!v.name().isEmpty() && !vl.get(slot).isEmpty()) {
                out.add(of(new Window(all.model(), v.name(), all.windowStart(), all.windowEnd(), all.version(),
                        vl.get(slot).size(), v.dropped(), all.updatedAt()),
                        ModelQualityFigures.compute(vl.get(slot), vp.get(slot), type), config, baseline));
            }
        }
        return out;
    }
}
