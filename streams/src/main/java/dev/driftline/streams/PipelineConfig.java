package dev.driftline.streams;

import dev.driftline.contracts.Topics;
import dev.driftline.drift.decision.DriftPolicy;
import dev.driftline.streams.alerts.AlertConfig;
import dev.driftline.streams.evaluate.DataQualityOverrides;
import dev.driftline.streams.evaluate.ReferenceMode;
import dev.driftline.streams.merge.MergeConfig;
import dev.driftline.streams.modelquality.ModelQualityConfig;
import dev.driftline.streams.pairing.PairingConfig;
import dev.driftline.streams.window.WindowSpec;
import java.util.Objects;

/**
 * Every setting of the streaming pipeline in one immutable place, as {@link DriftlineTopology} takes it: topics,
 * pairing, windows, merge, drift policy, reference choice per model, alert rules, model-quality settings and the
 * data-quality overrides.
 * {@code driftline streams} resolves it from configuration keys ({@code StreamsSettings}); tests start from
 * {@link #defaults} and replace what they need, e.g. {@code PipelineConfig.defaults(topics).withPairing(p)
 * .withWindow(w)}.
 */
public record PipelineConfig(Topics topics, PairingConfig pairing, WindowSpec window, MergeConfig merge,
                             DriftPolicy policy, ReferenceMode.Choice reference, AlertConfig alerts,
                             ModelQualityConfig modelQuality, DataQualityOverrides dataQuality) {
    public PipelineConfig {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(pairing, "pairing");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(merge, "merge");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(modelQuality, "modelQuality");
        Objects.requireNonNull(dataQuality, "dataQuality");
    }

    /** The documented defaults over {@code topics}. */
    public static PipelineConfig defaults(Topics topics) {
        return new PipelineConfig(topics, PairingConfig.defaults(), WindowSpec.defaults(), MergeConfig.defaults(),
                DriftPolicy.defaults(), ReferenceMode.Choice.baseline(), AlertConfig.defaults(),
                ModelQualityConfig.defaults(), DataQualityOverrides.none());
    }

    public PipelineConfig withPairing(PairingConfig p) {
        return new PipelineConfig(topics, p, window, merge, policy, reference, alerts, modelQuality, dataQuality);
    }

    public PipelineConfig withWindow(WindowSpec w) {
        return new PipelineConfig(topics, pairing, w, merge, policy, reference, alerts, modelQuality, dataQuality);
    }

    public PipelineConfig withMerge(MergeConfig m) {
        return new PipelineConfig(topics, pairing, window, m, policy, reference, alerts, modelQuality, dataQuality);
    }

    public PipelineConfig withPolicy(DriftPolicy p) {
        return new PipelineConfig(topics, pairing, window, merge, p, reference, alerts, modelQuality, dataQuality);
    }

    public PipelineConfig withReference(ReferenceMode.Choice r) {
        return new PipelineConfig(topics, pairing, window, merge, policy, r, alerts, modelQuality, dataQuality);
    }

    public PipelineConfig withAlerts(AlertConfig a) {
        return new PipelineConfig(topics, pairing, window, merge, policy, reference, a, modelQuality, dataQuality);
    }

    public PipelineConfig withDataQuality(DataQualityOverrides d) {
        return new PipelineConfig(topics, pairing, window, merge, policy, reference, alerts, modelQuality, d);
    }

    public PipelineConfig withModelQuality(ModelQualityConfig q) {
        return new PipelineConfig(topics, pairing, window, merge, policy, reference, alerts, q, dataQuality);
    }
}
