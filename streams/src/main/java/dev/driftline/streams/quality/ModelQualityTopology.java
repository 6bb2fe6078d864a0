package dev.driftline.streams.quality;

import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.streams.Topics;
import dev.driftline.streams.WindowSpec;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Model quality as a pure builder, attached to the ingest sub-topology:
 * <pre>
 * normalised records (key event id) ─┐
 * &lt;prefix&gt;labels (key inference id) ─┴▶ [join-labels] ─▶ quality-pairs (repartition, key model)
 *                          store quality-join            ─▶ [aggregate-quality] ─▶ &lt;prefix&gt;model-quality
 *                                                            store quality-windows    (key model, ModelQualityJson)
 * </pre>
 * The records are still keyed by event id (= inference id) and {@code inference.events} and {@code labels} are
 * co-partitioned (both keyed by that id with the default partitioner, same partition count), so the join needs no
 * repartition; only the small labelled pairs are repartitioned, by model. Labels are timed by their Kafka record
 * timestamp (arrival); which window a pair counts in is decided by the inference's event time.
 */
public final class ModelQualityTopology {
    /** Name of the repartition topic: {@code <application.id>-quality-pairs-repartition}. */
    public static final String PAIRS = "quality-pairs";

    private ModelQualityTopology() {
    }

    public static void addTo(StreamsBuilder builder, Topics topics, KStream<String, InferenceRecord> records,
                             WindowSpec window, QualityConfig config) {
        addTo(builder, topics, records, window, config, new QualityCounters());
    }

    /** As above, counting what expires or is dropped into {@code counters}. */
    public static void addTo(StreamsBuilder builder, Topics topics, KStream<String, InferenceRecord> records,
                             WindowSpec window, QualityConfig config, QualityCounters counters) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(QualityJoinProcessor.STORE),
                Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(QualityWindowProcessor.STORE), Serdes.String(), Serdes.ByteArray()));
        KStream<String, QualityJoinProcessor.Input> labels = builder.stream(topics.labels.name(),
                        Consumed.with(topics.labels.keySerde(), topics.labels.valueSerde()).withName("read-labels"))
                .mapValues(v -> new QualityJoinProcessor.Input(null, v), Named.as("quality-label-inputs"));
        records.mapValues(r -> new QualityJoinProcessor.Input(r, null), Named.as("quality-record-inputs"))
                .merge(labels, Named.as("quality-join-inputs"))
                .process(() -> new QualityJoinProcessor(window, config, counters), Named.as("join-labels"),
                        QualityJoinProcessor.STORE)
                .repartition(Repartitioned.<String, byte[]>as(PAIRS).withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.ByteArray()))
                .process(() -> new QualityWindowProcessor(window, config, counters), Named.as("aggregate-quality"),
                        QualityWindowProcessor.STORE)
                .to(topics.modelQuality.name(), Produced.with(topics.modelQuality.keySerde(),
                        topics.modelQuality.valueSerde()).withName("write-model-quality"));
    }
}
