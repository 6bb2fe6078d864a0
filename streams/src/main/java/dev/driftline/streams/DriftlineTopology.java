package dev.driftline.streams;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * Everything {@code driftline streams} runs, as one pure builder: the ingest job ({@link InferenceTopology}) and,
 * as a separate sub-topology reading {@code window.partials}, the merge of partial window profiles
 * ({@link WindowMergeTopology}).
 */
public final class DriftlineTopology {
    private DriftlineTopology() {
    }

    public static Topology build(StreamsBuilder builder, Topics topics, PairingConfig pairing) {
        return build(builder, topics, pairing, WindowSpec.defaults(), new LateRecords(), MergeConfig.defaults());
    }

    public static Topology build(StreamsBuilder builder, Topics topics, PairingConfig pairing, WindowSpec window,
                                 LateRecords late, MergeConfig merge) {
        InferenceTopology.addTo(builder, topics, pairing, window, late);
        WindowMergeTopology.addTo(builder, topics, window, merge);
        return builder.build();
    }
}
