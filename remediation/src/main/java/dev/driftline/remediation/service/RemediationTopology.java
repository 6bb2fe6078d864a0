package dev.driftline.remediation.service;

import dev.driftline.contracts.Topic;
import dev.driftline.contracts.Topics;
import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.remediation.engine.RemediationEngine;
import dev.driftline.remediation.trigger.TriggerStateCodec;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The remediation service as a Kafka Streams topology:
 * <pre>
 *  alerts ─┐
 *  drift ──┼─► remediation (engine; stores episodes, triggers, canary, flags; wall-clock tick) ─┬─► remediation.episodes
 *  model-quality ─┤                                                                              ├─► remediation.events
 *  remediation.commands ─┘                          baselines (global store, read) ◄─ … ─────────┴─► baselines
 * </pre>
 * The global baselines store also tells the world each model's current baseline (the lake export's columns).
 * <pre>
 * </pre>
 * All four inputs are keyed by model with three partitions, so one task holds all of a model's inputs and its
 * episode: Kafka's partition assignment decides which instance acts on which model, and two instances never act on
 * one model. The stores are changelogged: a restarted or moved task resumes each episode where it was.
 */
public final class RemediationTopology {
    public static final String EPISODES_STORE = "remediation-episodes";
    public static final String TRIGGERS_STORE = "remediation-triggers";
    public static final String CANARY_STORE = "remediation-canary";
    public static final String FLAGS_STORE = "remediation-flags";
    public static final String BASELINES_STORE = "remediation-baselines";

    /**
     * @param topics the topics
     * @param engine the engine (its world, policy and clock)
     * @param tick   how often running episodes are moved (wall clock)
     */
    public record Config(Topics topics, RemediationEngine engine, Duration tick,
                         java.util.function.BiConsumer<String, Baseline> onBaseline) {
        public Config(Topics topics, RemediationEngine engine, Duration tick) {
            this(topics, engine, tick, (model, baseline) -> { });
        }
    }

    private RemediationTopology() {
    }

    public static Topology build(StreamsBuilder builder, Config cfg) {
        Topics t = cfg.topics();
        builder.addStateStore(store(EPISODES_STORE, t.remediationEpisodes.valueSerde()));
        builder.addStateStore(store(TRIGGERS_STORE, TriggerStateCodec.INSTANCE.serde()));
        builder.addStateStore(store(CANARY_STORE, VersionWindowsCodec.INSTANCE.serde()));
        builder.addStateStore(store(FLAGS_STORE, Serdes.String()));
        // the current baseline of every model, for the new baseline's columns after a promotion
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(BASELINES_STORE),
                        Serdes.String(), t.baselines.valueSerde()).withLoggingDisabled(),
                t.baselines.name(), Consumed.with(t.baselines.keySerde(), t.baselines.valueSerde())
                        .withName("baselines-source"), () -> new BaselineStoreUpdater(BASELINES_STORE, cfg.onBaseline()));

        KStream<String, Object> inputs = source(builder, t.alerts, "alerts")
                .merge(source(builder, t.drift, "drift"), Named.as("merge-drift"))
                .merge(source(builder, t.modelQuality, "model-quality"), Named.as("merge-model-quality"))
                .merge(source(builder, t.remediationCommands, "commands"), Named.as("merge-commands"));
        KStream<String, Object> outputs = inputs.process(
                () -> new RemediationProcessor(cfg.engine(), cfg.tick()), Named.as("remediation"),
                EPISODES_STORE, TRIGGERS_STORE, CANARY_STORE, FLAGS_STORE);
        outputs.split(Named.as("remediation-output-"))
                .branch((k, v) -> unwrap(v) instanceof Episode, Branched.withConsumer(s -> s
                        .mapValues(v -> (Episode) unwrap(v), Named.as("as-episode"))
                        .to(t.remediationEpisodes.name(), produced(t.remediationEpisodes)), "episodes"))
                .branch((k, v) -> unwrap(v) instanceof EpisodeEvent, Branched.withConsumer(s -> s
                        .mapValues(v -> (EpisodeEvent) unwrap(v), Named.as("as-event"))
                        .to(t.remediationEvents.name(), produced(t.remediationEvents)), "events"))
                .branch((k, v) -> unwrap(v) instanceof Baseline, Branched.withConsumer(s -> s
                        .mapValues(v -> (Baseline) unwrap(v), Named.as("as-baseline"))
                        .to(t.baselines.name(), produced(t.baselines)), "baselines"));
        return builder.build();
    }

    private static Object unwrap(Object v) {
        return v instanceof RemediationOutput o ? o.value() : v;
    }

    @SuppressWarnings("unchecked")
    private static <V> KStream<String, Object> source(StreamsBuilder b, Topic<String, V> topic, String name) {
        return b.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()).withName(name + "-source"))
                .mapValues(v -> (Object) v, Named.as(name + "-as-input"));
    }

    private static <V> Produced<String, V> produced(Topic<String, V> topic) {
        return Produced.with(topic.keySerde(), topic.valueSerde());
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name,
                                                                   org.apache.kafka.common.serialization.Serde<V> serde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), serde);
    }
}
