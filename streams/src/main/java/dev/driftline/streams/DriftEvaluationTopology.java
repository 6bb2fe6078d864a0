package dev.driftline.streams;

import dev.driftline.contracts.Topics;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineJson;
import dev.driftline.drift.decision.DriftPolicy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drift evaluation: {@code baselines} (key model, BaselineJson) is read into the GlobalKTable {@value #STORE} (every
 * instance has every baseline); each merged window of {@code profiles} (key model, {@link MergedWindowJson}) is
 * joined with its model's baseline and becomes one {@link DriftReportJson} on {@code drift} (key model, record
 * timestamp = window start). A window whose model has no baseline gives a {@code "status": "no_baseline"} report.
 * A value of {@code profiles} that cannot be read is logged and dropped; so is a baseline that cannot be read
 * (the window then gets a {@code no_baseline} report).
 *
 * <p>The global store holds the baseline bytes; the parsed {@link Baseline} is cached per model and reused as long as
 * the stored bytes are unchanged, so a baseline is parsed once per update, not once per window.
 */
public final class DriftEvaluationTopology {
    /** The global store of baselines (its source topic is its changelog). */
    public static final String STORE = "baselines-global";
    private static final Logger LOG = LoggerFactory.getLogger(DriftEvaluationTopology.class);

    private DriftEvaluationTopology() {
    }

    public static Topology build(StreamsBuilder builder, Topics topics, DriftPolicy policy) {
        addTo(builder, topics, policy);
        return builder.build();
    }

    /** Adds the evaluation to {@code builder} without building (for {@link DriftlineTopology}). */
    static void addTo(StreamsBuilder builder, Topics topics, DriftPolicy policy) {
        addTo(builder, topics, policy, ReferenceMode.Choice.baseline());
    }

    static void addTo(StreamsBuilder builder, Topics topics, DriftPolicy policy, ReferenceMode.Choice reference) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(reference, "reference");
        builder.globalTable(topics.baselines.name(),
                Consumed.with(topics.baselines.keySerde(), topics.baselines.valueSerde()).withName("read-baselines"),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(topics.baselines.keySerde()).withValueSerde(topics.baselines.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ReferenceWindows.STORE),
                Serdes.String(), Serdes.ByteArray()));
        BaselineCache cache = new BaselineCache();
        builder.stream(topics.profiles.name(), Consumed.with(topics.profiles.keySerde(),
                        topics.profiles.valueSerde()).withName("read-profiles"))
                .filter((model, value) -> model != null && value != null, Named.as("drop-empty-windows"))
                .process(() -> new Evaluator(policy, reference, cache), Named.as("evaluate-drift"),
                        ReferenceWindows.STORE)
                .to(topics.drift.name(), Produced.with(topics.drift.keySerde(), topics.drift.valueSerde())
                        .withName("write-drift"));
    }

    /** Evaluates each merged window against its model's reference; keeps the history rolling/seasonal modes need. */
    private static final class Evaluator implements Processor<String, byte[], String, byte[]> {
        private final DriftPolicy policy;
        private final ReferenceMode.Choice reference;
        private final BaselineCache cache;
        private ProcessorContext<String, byte[]> context;
        private ReadOnlyKeyValueStore<String, Object> baselines;
        private ReferenceWindows history;

        Evaluator(DriftPolicy policy, ReferenceMode.Choice reference, BaselineCache cache) {
            this.policy = policy;
            this.reference = reference;
            this.cache = cache;
        }

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.baselines = context.getStateStore(STORE);
            this.history = new ReferenceWindows(context.getStateStore(ReferenceWindows.STORE));
        }

        @Override
        public void process(Record<String, byte[]> r) {
            Object raw = baselines.get(r.key());
            byte[] bytes = raw instanceof ValueAndTimestamp<?> vt ? (byte[]) vt.value() : (byte[]) raw;
            byte[] report = evaluate(r.key(), r.value(), cache.get(r.key(), bytes), policy, reference.of(r.key()),
                    history);
            if (report != null) {
                context.forward(r.withValue(report));
            }
        }
    }

    private static byte[] evaluate(String model, byte[] windowJson, Baseline baseline, DriftPolicy policy,
                                   ReferenceMode mode, ReferenceWindows history) {
        MergedWindowJson.MergedWindow w;
        try {
            w = MergedWindowJson.fromJson(windowJson);
        } catch (IllegalArgumentException ex) {
            LOG.warn("dropping an unreadable merged window of model {}: {}", model, ex.getMessage());
            return null;
        }
        List<MergedWindowJson.MergedWindow> refs = List.of();
        if (mode.kind() != ReferenceMode.Kind.BASELINE) {
            refs = history.referenceFor(w, mode);
            history.remember(w, windowJson, mode);
        }
        if (baseline == null) {
            return DriftReportJson.noBaseline(w);
        }
        try {
            Baseline ref = refs.isEmpty() ? baseline : ReferenceWindows.asBaseline(baseline, refs);
            return DriftReportJson.evaluate(w, ref, policy, mode,
                    refs.stream().map(MergedWindowJson.MergedWindow::windowStart).toList());
        } catch (RuntimeException ex) {
            LOG.warn("cannot evaluate window {} of model {} against its reference; dropped: {}", w.windowStart(),
                    model, ex.toString());
            return null;
        }
    }

    /** Parsed baselines per model, keyed to the bytes they were parsed from (shared by all tasks; thread-safe). */
    static final class BaselineCache {
        private static final ObjectMapper MAPPER = new ObjectMapper();
        private final Map<String, KeyValue<byte[], Baseline>> parsed = new ConcurrentHashMap<>();

        /** The baseline of {@code bytes}, or null when there are none or they cannot be read. */
        Baseline get(String model, byte[] bytes) {
            if (bytes == null) {
                parsed.remove(model);
                return null;
            }
            KeyValue<byte[], Baseline> hit = parsed.get(model);
            if (hit != null && Arrays.equals(hit.key, bytes)) {
                return hit.value;
            }
            try {
                Baseline b = BaselineJson.fromJson(MAPPER.readTree(bytes), "baseline of " + model);
                parsed.put(model, KeyValue.pair(bytes, b));
                return b;
            } catch (java.io.IOException | RuntimeException ex) {
                LOG.warn("the baseline of model {} cannot be read; its windows get no_baseline reports: {}", model,
                        ex.getMessage());
                parsed.remove(model);
                return null;
            }
        }
    }
}
