package dev.driftline.streams.meters;

import dev.driftline.contracts.Topics;
import dev.driftline.contracts.alerts.Alert;
import dev.driftline.contracts.deadletter.DeadLetter;
import dev.driftline.contracts.drift.DriftReport;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Feeds {@link PipelineMeters} from the pipeline's outputs: {@code drift} reports, {@code alerts} and
 * {@code deadletter} records, read back as their own small sub-topologies (so the jobs that produce them stay
 * free of metrics code, and a metric only counts what was committed). Open alerts are kept in the changelogged
 * store {@value #OPEN_ALERTS} (alert id → model|kind) so the open-alert gauge is right again after a restart.
 */
public final class MetersTopology {
    public static final String OPEN_ALERTS = "metrics-open-alerts";

    private MetersTopology() {
    }

    public static void addTo(StreamsBuilder builder, Topics topics, PipelineMeters meters) {
        builder.stream(topics.drift.name(), Consumed.with(topics.drift.keySerde(), topics.drift.valueSerde())
                        .withName("metrics-read-drift"))
                .process(() -> new DriftTap(meters), Named.as("metrics-drift"));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OPEN_ALERTS),
                Serdes.String(), Serdes.String()));
        builder.stream(topics.alerts.name(), Consumed.with(topics.alerts.keySerde(), topics.alerts.valueSerde())
                        .withName("metrics-read-alerts"))
                .process(() -> new AlertTap(meters), Named.as("metrics-alerts"), OPEN_ALERTS);
        builder.stream(topics.modelQuality.name(), Consumed.with(topics.modelQuality.keySerde(),
                        topics.modelQuality.valueSerde()).withName("metrics-read-model-quality"))
                .foreach((model, w) -> {
                    if (w != null) {
                        meters.onModelQuality(w);
                    }
                }, Named.as("metrics-model-quality"));
        builder.stream(topics.deadLetter.name(), Consumed.with(topics.deadLetter.keySerde(),
                        topics.deadLetter.valueSerde()).withName("metrics-read-deadletter"))
                .process(() -> new DeadLetterTap(meters), Named.as("metrics-deadletter"));
    }

    private static final class DriftTap implements Processor<String, DriftReport, Void, Void> {
        private final PipelineMeters meters;
        private ProcessorContext<Void, Void> context;

        DriftTap(PipelineMeters meters) {
            this.meters = meters;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, DriftReport> r) {
            if (r.value() != null) {
                meters.onDriftReport(r.value(), context.currentSystemTimeMs());
            }
        }
    }

    private static final class AlertTap implements Processor<String, Alert, Void, Void> {
        private final PipelineMeters meters;
        private KeyValueStore<String, String> open;
        private final Map<String, Long> counts = new HashMap<>();

        AlertTap(PipelineMeters meters) {
            this.meters = meters;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            open = context.getStateStore(OPEN_ALERTS);
            try (KeyValueIterator<String, String> it = open.all()) {
                while (it.hasNext()) {
                    KeyValue<String, String> kv = it.next();
                    counts.merge(kv.value, 1L, Long::sum);
                }
            }
            counts.forEach((modelKind, n) -> {
                int bar = modelKind.lastIndexOf('|');
                meters.setOpenAlerts(modelKind.substring(0, bar), modelKind.substring(bar + 1), n);
            });
        }

        @Override
        public void process(Record<String, Alert> r) {
            Alert a = r.value();
            if (a == null) {
                return;
            }
            String modelKind = a.model() + "|" + a.kind();
            boolean wasOpen = open.get(a.alertId()) != null;
            if (Alert.OPEN.equals(a.state()) && !wasOpen) {
                open.put(a.alertId(), modelKind);
                counts.merge(modelKind, 1L, Long::sum);
            } else if (Alert.RESOLVED.equals(a.state()) && wasOpen) {
                open.delete(a.alertId());
                counts.merge(modelKind, -1L, Long::sum);
            }
            meters.onAlert(a.model(), a.kind(), a.state(), counts.getOrDefault(modelKind, 0L));
        }
    }

    private static final class DeadLetterTap implements Processor<String, DeadLetter, Void, Void> {
        private final PipelineMeters meters;

        DeadLetterTap(PipelineMeters meters) {
            this.meters = meters;
        }

        @Override
        public void process(Record<String, DeadLetter> r) {
            meters.onDeadLetter(r.value() == null ? null : r.value().reason());
        }
    }
}
