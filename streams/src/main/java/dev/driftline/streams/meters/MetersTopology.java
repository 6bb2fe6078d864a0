package dev.driftline.streams.meters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.contracts.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@link PipelineMeters} from the pipeline's outputs: {@code drift} reports, {@code alerts} and
 * {@code deadletter} records, read back as their own small sub-topologies (so the jobs that produce them stay
 * free of metrics code, and a metric only counts what was committed). Open alerts are kept in the changelogged
 * store {@value #OPEN_ALERTS} (alert id → model|kind) so the open-alert gauge is right again after a restart.
 */
public final class MetersTopology {
    public static final String OPEN_ALERTS = "metrics-open-alerts";
    private static final Logger LOG = LoggerFactory.getLogger(MetersTopology.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MetersTopology() {
    }

    public static void addTo(StreamsBuilder builder, Topics topics, PipelineMeters metrics) {
        builder.stream(topics.drift.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withName("metrics-read-drift"))
                .process(() -> new DriftTap(metrics), Named.as("metrics-drift"));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OPEN_ALERTS),
                Serdes.String(), Serdes.String()));
        builder.stream(topics.alerts.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withName("metrics-read-alerts"))
                .process(() -> new AlertTap(metrics), Named.as("metrics-alerts"), OPEN_ALERTS);
        builder.stream(topics.deadLetter.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("metrics-read-deadletter"))
                .process(() -> new DeadLetterTap(metrics), Named.as("metrics-deadletter"));
    }

    static JsonNode parse(byte[] value, String what) {
        try {
            return value == null ? null : MAPPER.readTree(value);
        } catch (IOException ex) {
            LOG.warn("metrics: skipping an unreadable {} record: {}", what, ex.getMessage());
            return null;
        }
    }

    private static final class DriftTap implements Processor<String, byte[], Void, Void> {
        private final PipelineMeters metrics;
        private ProcessorContext<Void, Void> context;

        DriftTap(PipelineMeters metrics) {
            this.metrics = metrics;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, byte[]> r) {
            JsonNode report = parse(r.value(), "drift report");
            if (report != null) {
                metrics.onDriftReport(report, context.currentSystemTimeMs());
            }
        }
    }

    private static final class AlertTap implements Processor<String, byte[], Void, Void> {
        private final PipelineMeters metrics;
        private KeyValueStore<String, String> open;
        private final Map<String, Long> counts = new HashMap<>();

        AlertTap(PipelineMeters metrics) {
            this.metrics = metrics;
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
                metrics.setOpenAlerts(modelKind.substring(0, bar), modelKind.substring(bar + 1), n);
            });
        }

        @Override
        public void process(Record<String, byte[]> r) {
            JsonNode a = parse(r.value(), "alert");
            if (a == null) {
                return;
            }
            String id = a.path("alert_id").asText();
            String model = a.path("model").asText();
            String kind = a.path("kind").asText();
            String state = a.path("state").asText();
            String modelKind = model + "|" + kind;
            boolean wasOpen = open.get(id) != null;
            if ("open".equals(state) && !wasOpen) {
                open.put(id, modelKind);
                counts.merge(modelKind, 1L, Long::sum);
            } else if ("resolved".equals(state) && wasOpen) {
                open.delete(id);
                counts.merge(modelKind, -1L, Long::sum);
            }
            metrics.onAlert(model, kind, state, counts.getOrDefault(modelKind, 0L));
        }
    }

    private static final class DeadLetterTap implements Processor<byte[], byte[], Void, Void> {
        private final PipelineMeters metrics;

        DeadLetterTap(PipelineMeters metrics) {
            this.metrics = metrics;
        }

        @Override
        public void process(Record<byte[], byte[]> r) {
            Header h = r.headers().lastHeader("dl_reason");
            metrics.onDeadLetter(h == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
    }
}
