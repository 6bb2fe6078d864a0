package dev.driftline.streams;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * The ingest job as one pure builder: raw inference events → pair + dedupe → normalise → inference records and
 * dead letters. Window profiling and evaluation attach to the records stream in later stages.
 */
public final class InferenceTopology {
    private InferenceTopology() {
    }

    public static Topology build(StreamsBuilder builder, Topics topics, PairingConfig pairing) {
        NormalizeTopology.build(PairingTopology.build(builder, topics, pairing), topics);
        return builder.build();
    }
}
