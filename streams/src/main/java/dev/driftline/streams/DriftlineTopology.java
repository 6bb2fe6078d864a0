package dev.driftline.streams;

import dev.driftline.drift.decision.DriftPolicy;
import dev.driftline.streams.metrics.MetricsTopology;
import dev.driftline.streams.metrics.PipelineMetrics;
import dev.driftline.streams.quality.QualityConfig;
import dev.driftline.streams.quality.QualityCounters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * Everything {@code driftline streams} runs, as one pure builder: the ingest job ({@link InferenceTopology}) and,
 * as a separate sub-topology reading {@code window.partials}, the merge of partial window profiles
 * ({@link WindowMergeTopology}), and, reading {@code profiles} with the global table of baselines, the drift
 * evaluation ({@link DriftEvaluationTopology}). The ingest job includes the model-quality stage (labels joined to
 * records, figures per window on {@code model-quality}).
 */
public final class DriftlineTopology {
    private DriftlineTopology() {
    }

    public static Topology build(StreamsBuilder builder, Topics topics, PairingConfig pairing) {
        return build(builder, topics, pairing, WindowSpec.defaults(), new LateRecords(), MergeConfig.defaults());
    }

    public static Topology build(StreamsBuilder builder, Topics topics, PairingConfig pairing, WindowSpec window,
                                 LateRecords late, MergeConfig merge) {
        return build(builder, topics, pairing, window, late, merge, DriftPolicy.defaults());
    }

    public static Topology build(StreamsBuilder builder, Topics topics, PairingConfig pairing, WindowSpec window,
                                 LateRecords late, MergeConfig merge, DriftPolicy policy) {
        return build(builder, topics, pairing, window, late, merge, policy, null);
    }

    /** As above, plus the metrics taps on the outputs when {@code metrics} is not null. */
    public static Topology build(StreamsBuilder builder, Topics topics, PairingConfig pairing, WindowSpec window,
                                 LateRecords late, MergeConfig merge, DriftPolicy policy, PipelineMetrics metrics) {
        InferenceTopology.addTo(builder, topics, pairing, window, late);
        WindowMergeTopology.addTo(builder, topics, window, merge);
        DriftEvaluationTopology.addTo(builder, topics, policy);
        if (metrics != null) {
            MetricsTopology.addTo(builder, topics, metrics);
        }
        return builder.build();
    }

    /** As the seven-argument build, with the model-quality settings and the counters of what it drops. */
    public static Topology build(StreamsBuilder builder, Topics topics, PairingConfig pairing, WindowSpec window,
                                 LateRecords late, MergeConfig merge, DriftPolicy policy, QualityConfig quality,
                                 QualityCounters qualityCounters) {
        InferenceTopology.addTo(builder, topics, pairing, window, late, quality, qualityCounters);
        WindowMergeTopology.addTo(builder, topics, window, merge);
        DriftEvaluationTopology.addTo(builder, topics, policy);
        return builder.build();
    }
}
