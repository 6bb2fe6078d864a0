package dev.driftline.streams.evaluate;

import dev.driftline.contracts.Topics;
import dev.driftline.contracts.drift.DriftReport;
import dev.driftline.contracts.window.MergedWindow;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.decision.DriftPolicy;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drift evaluation: {@code baselines} (key model, {@code BaselineCodec}) is read into the GlobalKTable
 * {@value #STORE} (every instance has every baseline); each merged window of {@code profiles} (key model,
 * {@link MergedWindow}) is compared with its model's reference ({@link DriftEvaluator}) and becomes one
 * {@link DriftReport} on {@code drift} (key model, record timestamp = window start). A window whose model has no
 * baseline gives a {@code no_baseline} report; so does a window whose baseline cannot be read. A value of
 * {@code profiles} that cannot be read becomes a dead letter (the deserialization handler).
 *
 * <p>The global store holds the baseline bytes as published; the parsed {@link Baseline} is cached per model and
 * reused while the model's update count ({@link BaselineVersions}, moved by the global store's processor) is
 * unchanged ({@link BaselineCache}), so a baseline is parsed once per update and not even read once per window.
 */
public final class DriftEvaluationTopology {
    /** The global store of baselines (its source topic is its changelog). */
    public static final String STORE = "baselines-global";
    private static final Logger LOG = LoggerFactory.getLogger(DriftEvaluationTopology.class);

    private DriftEvaluationTopology() {
    }

    /**
     * Adds the evaluation to {@code builder}: the global baselines table, {@code profiles} → [evaluate-drift]
     * (store {@value ReferenceWindows#STORE}) → {@code drift}.
     */
    public static void addTo(StreamsBuilder builder, Topics topics, DriftPolicy policy, ReferenceMode.Choice reference,
                             DataQualityOverrides dataQuality) {
        addTo(builder, topics, policy, reference, dataQuality, new BaselineVersions());
    }

    /**
     * As {@link #addTo(StreamsBuilder, Topics, DriftPolicy, ReferenceMode.Choice, DataQualityOverrides)}, counting
     * each baseline update into {@code versions} for the other stages that read the global store.
     */
    public static void addTo(StreamsBuilder builder, Topics topics, DriftPolicy policy, ReferenceMode.Choice reference,
                             DataQualityOverrides dataQuality, BaselineVersions versions) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(dataQuality, "dataQuality");
        Objects.requireNonNull(reference, "reference");
        // bytes in the store (the timestamped format a global KTable keeps, so existing state directories still
        // open): BaselineCache decodes them with the topic's codec once per update; the processor also counts the
        // update into versions
        builder.addGlobalStore(Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(STORE),
                        topics.baselines.keySerde(), Serdes.ByteArray()).withLoggingDisabled(),
                topics.baselines.name(),
                Consumed.with(topics.baselines.keySerde(), Serdes.ByteArray()).withName("read-baselines"),
                () -> new GlobalBaselines(versions));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ReferenceWindows.STORE),
                Serdes.String(), Serdes.ByteArray()));
        BaselineCache cache = new BaselineCache();
        builder.stream(topics.profiles.name(), Consumed.with(topics.profiles.keySerde(),
                        topics.profiles.valueSerde()).withName("read-profiles"))
                .filter((model, value) -> model != null && value != null, Named.as("drop-empty-windows"))
                .process(() -> new Evaluator(policy, reference, cache, versions, dataQuality),
                        Named.as("evaluate-drift"), ReferenceWindows.STORE)
                .to(topics.drift.name(), Produced.with(topics.drift.keySerde(), topics.drift.valueSerde())
                        .withName("write-drift"));
    }

    /** Keeps the global store of baselines and counts each update. */
    private static final class GlobalBaselines implements Processor<String, byte[], Void, Void> {
        private final BaselineVersions versions;
        private TimestampedKeyValueStore<String, byte[]> store;

        GlobalBaselines(BaselineVersions versions) {
            this.versions = versions;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> r) {
            if (r.key() == null) {
                return;
            }
            if (r.value() == null) {
                store.delete(r.key());
            } else {
                store.put(r.key(), ValueAndTimestamp.make(r.value(), r.timestamp()));
            }
            versions.bump(r.key());
        }
    }

    /** Evaluates each merged window against its model's reference; keeps the history rolling/seasonal modes need. */
    private static final class Evaluator implements Processor<String, MergedWindow, String, DriftReport> {
        private final DriftPolicy policy;
        private final ReferenceMode.Choice reference;
        private final BaselineCache cache;
        private final BaselineVersions versions;
        private final DataQualityOverrides dataQuality;
        private ProcessorContext<String, DriftReport> context;
        private ReadOnlyKeyValueStore<String, Object> baselines;
        private ReferenceWindows history;

        Evaluator(DriftPolicy policy, ReferenceMode.Choice reference, BaselineCache cache, BaselineVersions versions,
                  DataQualityOverrides dataQuality) {
            this.policy = policy;
            this.reference = reference;
            this.cache = cache;
            this.versions = versions;
            this.dataQuality = dataQuality;
        }

        @Override
        public void init(ProcessorContext<String, DriftReport> context) {
            this.context = context;
            this.baselines = context.getStateStore(STORE);
            this.history = new ReferenceWindows(context.getStateStore(ReferenceWindows.STORE));
        }

        @Override
        public void process(Record<String, MergedWindow> r) {
            Baseline baseline = cache.of(baselines, r.key(), versions.of(r.key()));
            if (baseline != null) {
                baseline = baseline.withMonitoringConfig(dataQuality.apply(baseline.monitoringConfig()));
            }
            DriftReport report = evaluate(r.key(), r.value(), baseline, policy, reference.of(r.key()), history);
            if (report != null) {
                context.forward(r.withValue(report));
            }
        }
    }

    private static DriftReport evaluate(String model, MergedWindow w, Baseline baseline, DriftPolicy policy,
                                        ReferenceMode mode, ReferenceWindows history) {
        try {
            List<MergedWindow> refs = List.of();
            if (mode.kind() != ReferenceMode.Kind.BASELINE) {
                refs = history.referenceFor(w, mode);
                history.remember(w, mode);
            }
            if (baseline == null) {
                return DriftEvaluator.noBaseline(w);
            }
            Baseline ref = refs.isEmpty() ? baseline : ReferenceWindows.asBaseline(baseline, refs);
            return DriftEvaluator.evaluate(w, ref, policy, mode, refs.stream().map(MergedWindow::windowStart).toList());
        } catch (RuntimeException ex) {
            LOG.warn("cannot evaluate window {} of model {} against its reference; dropped: {}", w.windowStart(),
                    model, ex.toString());
            return null;
        }
    }
}
