package dev.driftline.streams.modelquality;



import dev.driftline.contracts.Topics;
import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.streams.window.WindowSpec;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Model quality as a pure builder, fed by the ingest sub-topology:
 * <pre>
 * normalised records (key event id) ─▶ quality-predictions (repartition, key inference id, one small value per event) ┐
 * &lt;prefix&gt;labels (key inference id) ────────────────────────────────────────────────────────────────────────┴▶
 *   [join-labels] ─▶ quality-pairs (repartition, key model)
 *                          store quality-join            ─▶ [aggregate-quality] ─▶ &lt;prefix&gt;model-quality
 *                                                            store quality-windows    (key model, ModelQualityWindow)
 * </pre>
 * The records are still keyed by event id (= inference id); their predictions are repartitioned by that key with the
 * labels topic's partition count, so they are co-partitioned with the labels. The join has a sub-topology of its own
 * because label timestamps run ahead of the events' event time and would otherwise drive the ingest job's stream
 * time. The small labelled pairs are then repartitioned by model. Labels are timed by their Kafka record
 * timestamp (arrival); which window a pair counts in, and the pair's timestamp, are the inference's event time. Neither
 * processor uses its task's stream time: the join expires each side on a clock of its own and the aggregation retires
 * windows on each model's event-time progress, so replayed history and labels imported days later still meet
 * ({@link LabelJoinProcessor}, {@link ModelQualityWindowProcessor}).
 */
public final class ModelQualityTopology {
    /** Name of the repartition topic: {@code <application.id>-quality-pairs-repartition}. */
    public static final String PAIRS = "quality-pairs";
    /**
     * Name of the repartition topic carrying each row's prediction to the join, keyed by inference id like the
     * labels topic and with its partition count, so each inference meets its labels in one task:
     * {@code <application.id>-quality-predictions-repartition}.
     */
    public static final String PREDICTIONS = "quality-predictions";

    private ModelQualityTopology() {
    }

    /**
     * Adds model quality to {@code builder}, fed by the normalised {@code records} (still keyed by event id),
     * counting what expires or is dropped into {@code counters}.
     */
    public static void addTo(StreamsBuilder builder, Topics topics, KStream<String, InferenceRecord> records,
                             WindowSpec window, ModelQualityConfig config, ModelQualityCounters counters) {
        addToEvents(builder, topics, records.mapValues((InferenceRecord r) -> List.of(r), Named.as("quality-rows-as-events")), window, config,
                counters);
    }

    /**
     * As {@link #addTo}, fed by each event's normalised records together (key event id): one repartition record
     * per event carries the judged predictions of all its rows.
     */
    public static void addToEvents(StreamsBuilder builder, Topics topics, KStream<String, List<InferenceRecord>> events,
                                   WindowSpec window, ModelQualityConfig config, ModelQualityCounters counters) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LabelJoinProcessor.STORE),
                Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ModelQualityWindowProcessor.STORE), Serdes.String(),
                Serdes.ByteArray()));
        // labels are decoded with their key (it may carry the inference id): bytes in, LabelCodec in the mapping
        KStream<String, LabelJoinProcessor.Input> labels = builder.stream(topics.labels.name(),
                        Consumed.with(topics.labels.keySerde(), Serdes.ByteArray()).withName("read-labels"))
                .mapValues(LabelJoinProcessor.Input::ofLabel, Named.as("quality-label-inputs"));
        // The join runs in a sub-topology of its own: labels carry arrival times (minutes to days after the
        // inference's event time), and sharing a task with the raw events would move the ingest job's stream time
        // ahead of the events, closing windows and releasing pairings early.
        events.mapValues(rows -> JoinInputs.rowPredictions(rows, window, counters),
                        Named.as("quality-row-predictions"))
                .filter((id, p) -> !p.isEmpty(), Named.as("quality-drop-rows-without-prediction"))
                .mapValues(RowPredictionCodec::toBytes, Named.as("quality-encode-row-predictions"))
                .repartition(Repartitioned.<String, byte[]>as(PREDICTIONS).withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.ByteArray()).withNumberOfPartitions(topics.labels.partitions()))
                .mapValues(b -> LabelJoinProcessor.Input.ofRows(RowPredictionCodec.fromBytes(b)),
                        Named.as("quality-record-inputs"))
                .merge(labels, Named.as("quality-join-inputs"))
                .process(() -> new LabelJoinProcessor(config, counters), Named.as("join-labels"),
                        LabelJoinProcessor.STORE)
                .repartition(Repartitioned.<String, byte[]>as(PAIRS).withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.ByteArray()))
                .process(() -> new ModelQualityWindowProcessor(window, config, counters), Named.as("aggregate-quality"),
                        ModelQualityWindowProcessor.STORE)
                .to(topics.modelQuality.name(), Produced.with(topics.modelQuality.keySerde(),
                        topics.modelQuality.valueSerde()).withName("write-model-quality"));
    }
}
