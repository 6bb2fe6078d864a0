package dev.driftline.contracts.modelquality;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The value of {@code <prefix>model-quality}: the model quality of one (model, inference-time window) from the
 * ground-truth labels joined so far — of all the model's versions ({@code modelVersion} empty), or, while the window
 * saw two or more versions (a canary rollout, several variants), of one of them. Written by the model-quality stage,
 * read by the alerts (all-versions windows only), the lake and the remediation's rollout guardrail. JSON form:
 * {@link ModelQualityCodec}.
 *
 * @param modelVersion "" for the window of all the model's versions (the only one of single-version traffic), else
 *                     the version (KServe V2 {@code model_version}) whose rows alone this window counts
 * @param version      1, 2, … per emission of this (model, window); keep the highest per (model, model version,
 *                     window start). A version's window carries the number of the emission it was computed in, so
 *                     its first one may be above 1
 * @param problemType  {@code binary_classification}, {@code multiclass_classification} or {@code regression}
 * @param labelledRows labelled pairs the figures are computed on
 * @param droppedLabels pairs beyond the per-window cap, not used
 * @param metrics      figure → value in the order computed: whole counts as {@link Long}, figures as
 *                     {@link Double}; NaN (undefined, e.g. AUC with one class) is written as null
 * @param metric       the primary metric ({@code accuracy} or {@code rmse})
 * @param threshold    min accuracy / max rmse; null when there is none
 * @param thresholdSource where the threshold comes from: {@code configured} (a per-model setting),
 *                     {@code baseline_constraint} (a limit imported with the baseline), {@code baseline_relative} (the
 *                     training-time value with the tolerance), {@code default} (the default minimum accuracy); null
 *                     when there is no threshold
 * @param baselineValue the primary metric's training-time value from the model's baseline, or null
 * @param status       {@code insufficient_labels}, {@code no_reference}, {@code degraded} or {@code ok}
 * @param updatedAt    wall clock of this emission (epoch ms)
 */
public record ModelQualityWindow(String model, String modelVersion, long windowStart, long windowEnd, int version, String problemType,
                                 long labelledRows, long droppedLabels, Map<String, Number> metrics, String metric,
                                 double value, Double threshold, String thresholdSource, Double baselineValue,
                                 String status, long updatedAt) {
    public static final String OK = "ok";
    public static final String DEGRADED = "degraded";
    public static final String INSUFFICIENT_LABELS = "insufficient_labels";
    public static final String NO_REFERENCE = "no_reference";
    public static final String CONFIGURED = "configured";
    public static final String BASELINE_CONSTRAINT = "baseline_constraint";
    public static final String BASELINE_RELATIVE = "baseline_relative";
    public static final String DEFAULT = "default";

    public ModelQualityWindow {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelVersion, "modelVersion");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** Whether this is the window of all the model's versions, the one alerts and dashboards judge. */
    public boolean allVersions() {
        return modelVersion.isEmpty();
    }
}
