package dev.driftline.streams;

import dev.driftline.contracts.Topics;

import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.streams.modelquality.ModelQualityTopology;
import dev.driftline.streams.modelquality.QualityConfig;
import dev.driftline.streams.modelquality.QualityCounters;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The ingest job as one pure builder: raw inference events → pair + dedupe → normalise → inference records and
 * dead letters, and, in the same sub-topology (no repartition), per-task partial window profiles → window.partials
 * and the join of ground-truth labels to the records, whose pairs feed the model quality per window
 * ({@link ModelQualityTopology}). Merging the partials per model and evaluation attach in later stages.
 */
public final class InferenceTopology {
    private InferenceTopology() {
    }

    public static Topology build(StreamsBuilder builder, Topics topics, PairingConfig pairing) {
        return build(builder, topics, pairing, WindowSpec.defaults(), new LateRecords());
    }

    public static Topology build(StreamsBuilder builder, Topics topics, PairingConfig pairing, WindowSpec window,
                                 LateRecords late) {
        return build(builder, topics, pairing, window, late, QualityConfig.defaults(), new QualityCounters());
    }

    public static Topology build(StreamsBuilder builder, Topics topics, PairingConfig pairing, WindowSpec window,
                                 LateRecords late, QualityConfig quality, QualityCounters qualityCounters) {
        addTo(builder, topics, pairing, window, late, quality, qualityCounters);
        return builder.build();
    }

    /** Adds the ingest job to {@code builder} without building (for {@link DriftlineTopology}). */
    static void addTo(StreamsBuilder builder, Topics topics, PairingConfig pairing, WindowSpec window,
                      LateRecords late) {
        addTo(builder, topics, pairing, window, late, QualityConfig.defaults(), new QualityCounters());
    }

    static void addTo(StreamsBuilder builder, Topics topics, PairingConfig pairing, WindowSpec window,
                      LateRecords late, QualityConfig quality, QualityCounters qualityCounters) {
        KStream<String, InferenceRecord> records = NormalizeTopology.build(PairingTopology.build(builder, topics,
                pairing), topics);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WindowProfilerProcessor.STORE),
                Serdes.String(), Serdes.ByteArray()));
        records.process(() -> new WindowProfilerProcessor(window, late), Named.as("window-profile"),
                        WindowProfilerProcessor.STORE)
                .to(topics.partialProfiles.name(), Produced.with(topics.partialProfiles.keySerde(),
                        topics.partialProfiles.valueSerde()).withName("write-window-partials"));
        ModelQualityTopology.addTo(builder, topics, records, window, quality, qualityCounters);
    }
}
