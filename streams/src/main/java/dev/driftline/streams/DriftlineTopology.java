package dev.driftline.streams;

import dev.driftline.contracts.Topics;

import dev.driftline.drift.decision.DriftPolicy;
import dev.driftline.streams.alerts.AlertTopology;
import dev.driftline.streams.metrics.MetricsTopology;
import dev.driftline.streams.modelquality.QualityConfig;
import dev.driftline.streams.modelquality.QualityCounters;
import java.util.Optional;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * Everything {@code driftline streams} runs, as one pure builder:
 * <ol>
 *   <li>the ingest job ({@link InferenceTopology}: pairing, dedupe, normalisation, dead letters, per-task partial
 *   window profiles, and the label join of model quality with its per-window figures);</li>
 *   <li>the merge of partial window profiles ({@link WindowMergeTopology}), reading {@code window.partials};</li>
 *   <li>the drift evaluation ({@link DriftEvaluationTopology}), reading {@code profiles} with the global table of
 *   baselines and the reference windows;</li>
 *   <li>the alerts ({@link AlertTopology}), reading {@code drift} and {@code model-quality};</li>
 *   <li>when meters are given, the metrics taps on the outputs ({@link MetricsTopology}).</li>
 * </ol>
 */
public final class DriftlineTopology {
    private DriftlineTopology() {
    }

    public static Topology build(StreamsBuilder builder, PipelineConfig config, PipelineInstruments instruments) {
        InferenceTopology.addTo(builder, config.topics(), config.pairing(), config.window(), instruments.late(),
                config.quality(), instruments.quality());
        MergeConfig merge = config.merge().expectedSources() > 0 ? config.merge()
                : config.merge().withExpectedSources(config.topics().inferenceEvents.partitions());
        WindowMergeTopology.addTo(builder, config.topics(), config.window(), merge);
        DriftEvaluationTopology.addTo(builder, config.topics(), config.policy(), config.reference());
        AlertTopology.addTo(builder, config.topics(), config.alerts());
        instruments.metrics().ifPresent(m -> MetricsTopology.addTo(builder, config.topics(), m));
        return builder.build();
    }

    /** The whole pipeline with default settings (tests). */
    public static Topology build(StreamsBuilder builder, Topics topics, PairingConfig pairing) {
        return build(builder, PipelineConfig.defaults(topics).withPairing(pairing), PipelineInstruments.none());
    }

    /** The whole pipeline with these stage settings and defaults for the rest (tests). */
    public static Topology build(StreamsBuilder builder, Topics topics, PairingConfig pairing, WindowSpec window,
                                 LateRecords late, MergeConfig merge, DriftPolicy policy, QualityConfig quality,
                                 QualityCounters qualityCounters) {
        PipelineConfig d = PipelineConfig.defaults(topics);
        return build(builder, new PipelineConfig(topics, pairing, window, merge, policy, d.reference(), d.alerts(),
                quality), new PipelineInstruments(late, qualityCounters, Optional.empty()));
    }
}
