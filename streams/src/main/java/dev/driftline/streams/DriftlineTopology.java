package dev.driftline.streams;

import dev.driftline.drift.decision.DriftPolicy;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * Everything {@code driftline streams} runs, as one pure builder: the ingest job ({@link InferenceTopology}) and,
 * as a separate sub-topology reading {@code window.partials}, the merge of partial window profiles
 * ({@link WindowMergeTopology}), and, reading {@code profiles} with the global table of baselines, the drift
 * evaluation ({@link DriftEvaluationTopology}).
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
        InferenceTopology.addTo(builder, topics, pairing, window, late);
        WindowMergeTopology.addTo(builder, topics, window, merge);
        DriftEvaluationTopology.addTo(builder, topics, policy);
        return builder.build();
    }
}
