package dev.driftline.streams.normalize;

import dev.driftline.contracts.Topics;
import dev.driftline.contracts.deadletter.DeadLetter;
import dev.driftline.contracts.inference.InferenceRowsCodec;
import dev.driftline.drift.kserve.KServePayloads;
import dev.driftline.drift.kserve.PayloadException;
import dev.driftline.drift.model.FeatureSchema;
import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.streams.evaluate.BaselineVersions;
import dev.driftline.streams.pairing.PendingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Builder of the second stage: each request/response pair becomes one inference record per batch row, published
 * together as one InferenceRowsCodec value per pair (a very large batch in several) on {@code inference.records}
 * (key = model, so the per-model aggregation downstream reads one key space); a pair that cannot be parsed goes to
 * {@code deadletter} with its original bytes (request and response as separate dead letters) and the reason, never
 * dropped silently.
 *
 * <p>A record's model version is the V2 response's {@code model_version}, else the pair's CloudEvent {@code endpoint}
 * attribute ({@link PendingEvent#endpoint()}: KServe's revision label, or the Data Capture variant of an import),
 * else "": so V1 traffic of a canary rollout is told apart by revision too.
 */
public final class NormalizeTopology {
    /** {@code dl_stage} of the dead letters written here. */
    static final String STAGE = "normalize";
    /**
     * Most bytes of one {@code inference.records} value: half of Kafka's default {@code max.request.size} and
     * {@code message.max.bytes} (1 MiB), the rest left for headers and batch framing. The events a value comes from
     * fit those limits as JSON, but binary doubles can take twice the bytes of short decimals.
     */
    static final long MAX_VALUE_BYTES = 512 * 1024;

    private NormalizeTopology() {
    }

    /**
     * Wires normalisation and its two sinks, and returns the parsed records still keyed by event id (same
     * partitioning as the input, so a stateful step attached to it needs no repartition).
     */
    public static KStream<String, InferenceRecord> addTo(KStream<String, PendingEvent> pairs, Topics topics) {
        return addTo(pairs, topics, new BaselineVersions());
    }

    /**
     * As {@link #addTo(KStream, Topics)}, with the counts of baseline updates the global store's processor keeps
     * ({@link dev.driftline.streams.evaluate.DriftEvaluationTopology}): each model's column names are then read
     * from the store once per update, not once per event.
     */
    public static KStream<String, InferenceRecord> addTo(KStream<String, PendingEvent> pairs, Topics topics,
                                                         BaselineVersions versions) {
        return addToEvents(pairs, topics, versions).flatMapValues(list -> list, Named.as("normalized-rows"));
    }

    /**
     * As {@link #addTo(KStream, Topics, BaselineVersions)}, returning each event's records together (its batch
     * rows, in order; events that were dead-lettered are left out), still keyed by event id: stages that can take
     * an event's rows at once (the model-quality predictions) then send one record per event, not per row.
     */
    public static KStream<String, List<InferenceRecord>> addToEvents(KStream<String, PendingEvent> pairs,
                                                                     Topics topics, BaselineVersions versions) {
        return addToEvents(pairs, topics, versions, true);
    }

    /**
     * As {@link #addToEvents(KStream, Topics, BaselineVersions)}; without {@code writeOutputs} neither
     * {@code inference.records} nor the dead letters are written (what {@code bench pipeline --up-to} measures
     * the records' cost against; the service always writes them).
     */
    public static KStream<String, List<InferenceRecord>> addToEvents(KStream<String, PendingEvent> pairs,
                                                                     Topics topics, BaselineVersions versions,
                                                                     boolean writeOutputs) {
        BaselineSchemas.Cache schemas = new BaselineSchemas.Cache(); // one per instance, shared by its tasks
        KStream<String, List<Normalized>> normalized = pairs.processValues(() -> new NormalizeProcessor(versions,
                schemas), Named.as("normalize"));
        if (writeOutputs) {
            addOutputs(normalized, topics);
        }
        return normalized.mapValues(NormalizeTopology::records, Named.as("normalized-records"))
                .filter((eventId, records) -> !records.isEmpty(), Named.as("normalized-events"));
    }

    private static void addOutputs(KStream<String, List<Normalized>> normalized, Topics topics) {
        // one node per output between the events and each sink: rekeyed (and, for the dead letters, exploded) at
        // once; an event's rows go out as one value, not one per row
        normalized.<String, List<InferenceRecord>>flatMap((eventId, list) -> rows(list),
                        Named.as("normalize-rows"))
                .to(topics.inferenceRecords.name(), Produced.with(topics.inferenceRecords.keySerde(),
                        topics.inferenceRecords.valueSerde()).withName("write-records"));
        normalized.<String, DeadLetter>flatMap((eventId, list) -> deadLetters(list),
                        Named.as("normalize-dead-letters"))
                .to(topics.deadLetter.name(), Produced.with(topics.deadLetter.keySerde(),
                        topics.deadLetter.valueSerde()).withName("write-deadletter"));
    }

    /** The dead letters of one event (key the original key), for their sink. */
    private static List<KeyValue<String, DeadLetter>> deadLetters(List<Normalized> normalized) {
        List<KeyValue<String, DeadLetter>> out = new ArrayList<>(2);
        for (Normalized n : normalized) {
            if (n.isDeadLetter()) {
                out.add(KeyValue.pair(n.key(), n.deadLetter()));
            }
        }
        return out;
    }

    /**
     * The records of one event as one value keyed by model (all of an event's records are of one model; an event
     * is either all records or all dead letters), or nothing for a dead-lettered event. A batch too large for one
     * Kafka record (over {@link #MAX_VALUE_BYTES}) goes out as several values of consecutive rows.
     */
    private static List<KeyValue<String, List<InferenceRecord>>> rows(List<Normalized> normalized) {
        List<InferenceRecord> records = records(normalized);
        if (records.isEmpty()) {
            return List.of();
        }
        String model = normalized.get(0).key();
        List<List<InferenceRecord>> groups = InferenceRowsCodec.split(records, MAX_VALUE_BYTES);
        if (groups.size() == 1) {
            return List.of(KeyValue.pair(model, records));
        }
        List<KeyValue<String, List<InferenceRecord>>> out = new ArrayList<>(groups.size());
        groups.forEach(g -> out.add(KeyValue.pair(model, g)));
        return out;
    }

    private static List<InferenceRecord> records(List<Normalized> normalized) {
        List<InferenceRecord> out = new ArrayList<>(normalized.size());
        for (Normalized n : normalized) {
            if (!n.isDeadLetter()) {
                out.add(n.record());
            }
        }
        return out;
    }

    /** Turns a pair into its records, or dead letters with the reason. */
    static final class NormalizeProcessor implements FixedKeyProcessor<String, PendingEvent, List<Normalized>> {
        private FixedKeyProcessorContext<String, List<Normalized>> context;
        private final BaselineVersions versions;
        private final BaselineSchemas.Cache cache;
        private BaselineSchemas schemas = BaselineSchemas.NONE;

        NormalizeProcessor(BaselineVersions versions, BaselineSchemas.Cache cache) {
            this.versions = versions;
            this.cache = cache;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, List<Normalized>> context) {
            this.context = context;
            this.schemas = BaselineSchemas.from(context, versions, cache);
        }

        @Override
        public void process(FixedKeyRecord<String, PendingEvent> r) {
            String model = r.value().model();
            context.forward(r.withValue(normalize(r.key(), r.value(), schemas.inputs(model),
                    schemas.outputs(model))));
        }
    }

    static List<Normalized> normalize(String eventId, PendingEvent e) {
        return normalize(eventId, e, Optional.empty(), Optional.empty());
    }

    /**
     * With the model's baseline schema, positional features and scalar predictions get the baseline's column
     * names. A payload whose shape does not fit the schema is normalised without it (default names), not dead-
     * lettered: the data-quality checks then report the columns as missing/extra, which says more than a dead letter.
     */
    static List<Normalized> normalize(String eventId, PendingEvent e,
                                      Optional<FeatureSchema> inputs, Optional<FeatureSchema> outputs) {
        String model = e.model() == null ? "_none" : e.model();
        try {
            List<InferenceRecord> records;
            try {
                records = KServePayloads.normalize(model, eventId, Instant.ofEpochMilli(e.eventTime()), e.request(),
                        e.response(), e.endpoint(), inputs, outputs);
            } catch (PayloadException schemaProblem) {
                if (schemaProblem.reason() != PayloadException.Reason.SCHEMA_MISMATCH
                        || (inputs.isEmpty() && outputs.isEmpty())) {
                    throw schemaProblem;
                }
                records = KServePayloads.normalize(model, eventId, Instant.ofEpochMilli(e.eventTime()), e.request(),
                        e.response(), e.endpoint(), Optional.empty(), Optional.empty());
            }
            List<Normalized> out = new ArrayList<>(records.size());
            for (InferenceRecord rec : records) {
                out.add(new Normalized(model, rec, null));
            }
            return out;
        } catch (PayloadException ex) {
            List<Normalized> out = new ArrayList<>(2);
            if (e.hasRequest()) {
                out.add(deadLetter(eventId, e.model(), e.request(), "request", ex));
            }
            if (e.hasResponse()) {
                out.add(deadLetter(eventId, e.model(), e.response(), "response", ex));
            }
            return out;
        }
    }

    private static Normalized deadLetter(String eventId, String model, byte[] original, String part,
                                         PayloadException ex) {
        return new Normalized(eventId, null, new DeadLetter(original, ex.reasonCode(),
                String.valueOf(ex.getMessage()), part, STAGE, model));
    }
}
