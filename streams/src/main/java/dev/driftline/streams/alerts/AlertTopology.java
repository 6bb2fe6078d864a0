package dev.driftline.streams.alerts;

import dev.driftline.contracts.Topics;
import dev.driftline.contracts.alerts.Alert;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Alerts, one sub-topology: {@code drift} (key model, drift reports) → [alerts-from-drift] and {@code model-quality}
 * (key model, model-quality windows) → [alerts-from-model-quality], both on the store {@value AlertProcessor#STORE},
 * merged → {@code alerts} (key model, {@link Alert}). Both inputs are keyed by model, so a model's reports and
 * quality windows meet in one task; sharing the store puts both processors in one sub-topology (co-partitioned
 * inputs), which is why both use the Processor API rather than a join.
 */
public final class AlertTopology {
    /** The changelogged state store: one {@code AlertState} per model|kind|feature. */
    public static final String STORE = AlertProcessor.STORE;

    private AlertTopology() {
    }

    /** Adds the alerts stage to {@code builder}. */
    public static void addTo(StreamsBuilder builder, Topics topics, AlertConfig config) {
        Objects.requireNonNull(config, "config");
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                Serdes.ByteArray()));
        KStream<String, Alert> fromDrift = builder.stream(topics.drift.name(),
                        Consumed.with(topics.drift.keySerde(), topics.drift.valueSerde()).withName("read-drift-reports"))
                .process(() -> AlertProcessor.ofDriftReports(config), Named.as("alerts-from-drift"),
                        STORE);
        KStream<String, Alert> fromQuality = builder.stream(topics.modelQuality.name(),
                        Consumed.with(topics.modelQuality.keySerde(), topics.modelQuality.valueSerde())
                                .withName("read-model-quality"))
                .process(() -> AlertProcessor.ofModelQuality(config),
                        Named.as("alerts-from-model-quality"), STORE);
        fromDrift.merge(fromQuality, Named.as("merge-alerts"))
                .to(topics.alerts.name(), Produced.with(topics.alerts.keySerde(), topics.alerts.valueSerde())
                        .withName("write-alerts"));
    }
}
