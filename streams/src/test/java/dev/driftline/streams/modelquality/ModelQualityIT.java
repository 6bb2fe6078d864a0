package dev.driftline.streams.modelquality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.contracts.Topics;
import dev.driftline.drift.modelquality.BinaryClassificationMetrics;
import dev.driftline.streams.DriftlineTopology;
import dev.driftline.streams.PipelineConfig;
import dev.driftline.streams.PipelineInstruments;
import dev.driftline.streams.StreamsItSupport;
import dev.driftline.streams.TestEvents;
import dev.driftline.streams.window.LateRecords;
import dev.driftline.streams.window.WindowSpec;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model quality on a real broker, exactly once: inference events and labels (half of them before their inference)
 * on their co-partitioned topics → versioned figures on {@code model-quality} whose last version holds every pair.
 */
@WithKafka
class ModelQualityIT {
    @Test
    void labelsJoinedToInferencesGiveVersionedFiguresPerWindow(KafkaBroker kafka, @TempDir java.nio.file.Path stateDir)
            throws Exception {
        String prefix = kafka.uniqueTopic("driftline-quality-it") + ".";
        Topics topics = new Topics(prefix);
        StreamsItSupport.createAll(kafka, topics);
        Properties p = StreamsItSupport.eosProperties(kafka, prefix + "app", stateDir, topics);
        WindowSpec window = WindowSpec.defaults();
        Instant t0 = Instant.ofEpochMilli(window.windowStart(Instant.now().minus(Duration.ofHours(1)).toEpochMilli()))
                .plusSeconds(30);
        // 36 single-row requests + 2 batched requests of 2 rows = 40 labelled rows in one window
        List<String> ids = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (int i = 0; i < 38; i++) {
            int n = i < 36 ? 1 : 2;
            for (int r = 0; r < n; r++) {
                ids.add("q-" + i);
                rows.add(r);
                scores.add(((i * 7 + r * 3) % 10) / 10.0 + 0.05);
            }
        }
        int[] labels = new int[ids.size()];
        double[] s = new double[ids.size()];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = k % 3 == 0 ? 1 - (scores.get(k) >= 0.5 ? 1 : 0) : (scores.get(k) >= 0.5 ? 1 : 0);
            s[k] = scores.get(k);
        }
        ModelQualityCounters counters = new ModelQualityCounters();
        try (KafkaStreams streams = new KafkaStreams(DriftlineTopology.build(new StreamsBuilder(),
                PipelineConfig.defaults(topics).withWindow(window),
                new PipelineInstruments(new LateRecords(), counters, Optional.empty())), p);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps())) {
            streams.start();
            for (int k = 0; k < labels.length / 2; k++) { // labels first for half of the rows
                producer.send(label(topics, ids.get(k), rows.get(k), labels[k]));
            }
            producer.flush();
            int k = 0;
            for (int i = 0; i < 38; i++) {
                String id = "q-" + i;
                StringBuilder in = new StringBuilder();
                StringBuilder out = new StringBuilder();
                for (; k < ids.size() && ids.get(k).equals(id); k++) {
                    in.append(in.length() == 0 ? "" : ",").append("[").append(k).append(", 1.5]");
                    out.append(out.length() == 0 ? "" : ",").append(scores.get(k));
                }
                producer.send(StreamsItSupport.event(topics, id, TestEvents.REQUEST, t0, "churn",
                        "{\"instances\":[" + in + "]}"));
                producer.send(StreamsItSupport.event(topics, id, TestEvents.RESPONSE, t0, "churn",
                        "{\"predictions\":[" + out + "]}"));
            }
            producer.flush();
            for (k = labels.length / 2; k < labels.length; k++) { // and after their inference for the rest
                producer.send(label(topics, ids.get(k), rows.get(k), labels[k]));
            }
            producer.flush();

            ObjectMapper mapper = new ObjectMapper();
            List<JsonNode> figures = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                figures.clear();
                for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topics.modelQuality.name())) {
                    assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("churn");
                    assertThat(r.timestamp()).isEqualTo(window.windowStart(t0.toEpochMilli()));
                    figures.add(mapper.readTree(r.value()));
                }
                if (!figures.isEmpty() && figures.get(figures.size() - 1).get("labelled_rows").asInt() == 40) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(figures).isNotEmpty();
            for (int v = 0; v < figures.size(); v++) { // one key, one partition: versions in order
                assertThat(figures.get(v).get("version").asInt()).isEqualTo(v + 1);
            }
            JsonNode last = figures.get(figures.size() - 1);
            assertThat(last.get("labelled_rows").asInt()).isEqualTo(40);
            assertThat(last.get("window_start").asText())
                    .isEqualTo(Instant.ofEpochMilli(window.windowStart(t0.toEpochMilli())).toString());
            BinaryClassificationMetrics expected = BinaryClassificationMetrics.compute(labels, s, 0.5);
            assertThat(last.get("problem_type").asText()).isEqualTo("binary_classification");
            assertThat(last.get("value").asDouble()).isEqualTo(expected.accuracy());
            assertThat(last.get("metrics").get("auc").asDouble()).isEqualTo(expected.auc());
            assertThat(last.get("status").asText()).isEqualTo(expected.accuracy() < 0.7 ? "degraded" : "ok");
            assertThat(counters.get(ModelQualityCounters.LABELS_UNREADABLE)).isZero();
        }
    }

    private static ProducerRecord<byte[], byte[]> label(Topics topics, String id, int row, int label) {
        String json = "{\"inference_id\":\"" + id + "\",\"row\":" + row + ",\"model\":\"churn\",\"label\":" + label
                + ",\"event_time\":\"" + Instant.now() + "\"}";
        return new ProducerRecord<>(topics.labels.name(), id.getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8));
    }
}
