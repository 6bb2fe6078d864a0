package dev.driftline.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineJson;
import dev.driftline.drift.decision.DriftPolicy;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
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
        Objects.requireNonNull(policy, "policy");
        GlobalKTable<String, byte[]> baselines = builder.globalTable(topics.baselines.name(),
                Consumed.with(topics.baselines.keySerde(), topics.baselines.valueSerde()).withName("read-baselines"),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(topics.baselines.keySerde()).withValueSerde(topics.baselines.valueSerde()));
        BaselineCache cache = new BaselineCache();
        builder.stream(topics.profiles.name(), Consumed.with(topics.profiles.keySerde(),
                        topics.profiles.valueSerde()).withName("read-profiles"))
                .filter((model, value) -> model != null && value != null, Named.as("drop-empty-windows"))
                .leftJoin(baselines, (model, value) -> model,
                        (model, window, baseline) -> evaluate(model, window, cache.get(model, baseline), policy),
                        Named.as("evaluate-drift"))
                .filter((model, report) -> report != null, Named.as("drop-unreadable-windows"))
                .to(topics.drift.name(), Produced.with(topics.drift.keySerde(), topics.drift.valueSerde())
                        .withName("write-drift"));
    }

    private static byte[] evaluate(String model, byte[] windowJson, Baseline baseline, DriftPolicy policy) {
        MergedWindowJson.MergedWindow w;
        try {
            w = MergedWindowJson.fromJson(windowJson);
        } catch (IllegalArgumentException ex) {
            LOG.warn("dropping an unreadable merged window of model {}: {}", model, ex.getMessage());
            return null;
        }
        if (baseline == null) {
            return DriftReportJson.noBaseline(w);
        }
        try {
            return DriftReportJson.evaluate(w, baseline, policy);
        } catch (RuntimeException ex) {
            LOG.warn("cannot evaluate window {} of model {} against its baseline; dropped: {}", w.windowStart(),
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
