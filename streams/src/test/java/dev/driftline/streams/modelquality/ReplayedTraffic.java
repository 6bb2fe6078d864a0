package dev.driftline.streams.modelquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftline.contracts.Topics;
import dev.driftline.drift.modelquality.BinaryClassificationMetrics;
import dev.driftline.drift.modelquality.RegressionMetrics;
import dev.driftline.streams.StreamsItSupport;
import dev.driftline.streams.TestEvents;
import dev.driftline.streams.window.WindowSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Inference traffic as {@code driftline import capture} replays it — original event times, here three weeks back —
 * for two models over two windows each: {@code churn} (binary scores) and {@code price} (regression), some requests
 * batching two rows; with each row's label, and the figures the drift core computes directly from the same pairs.
 */
final class ReplayedTraffic {
    static final String[] MODELS = {"churn", "price"};
    static final int REQUESTS_PER_WINDOW = 20;

    /** One row of one request, its prediction and its label. */
    record Row(String id, int row, String model, long windowStart, Instant eventTime, double prediction,
               Number label) {
    }

    final List<Row> rows = new ArrayList<>();

    ReplayedTraffic(WindowSpec window, Instant now) {
        long first = window.windowStart(now.minus(Duration.ofDays(21)).toEpochMilli());
        for (String model : MODELS) {
            for (int w = 0; w < 2; w++) {
                long start = first + w * window.size().toMillis();
                for (int j = 0; j < REQUESTS_PER_WINDOW; j++) {
                    Instant time = Instant.ofEpochMilli(start).plusSeconds(10L + 10L * j);
                    for (int r = 0; r < (j % 5 == 0 ? 2 : 1); r++) {
                        rows.add(row(model + "-" + w + "-" + j, r, model, start, time, j * 7 + r * 3 + w));
                    }
                }
            }
        }
    }

    private static Row row(String id, int r, String model, long start, Instant time, int k) {
        if (model.equals("churn")) {
            double score = (k % 10) / 10.0 + 0.05;
            int predicted = score >= 0.5 ? 1 : 0;
            return new Row(id, r, model, start, time, score, (long) (k % 3 == 0 ? 1 - predicted : predicted));
        }
        double prediction = 10.125 + (k % 13) * 0.5;
        return new Row(id, r, model, start, time, prediction, prediction + ((k % 4) - 1.5) * 0.7 + 0.01);
    }

    /**
     * Each request and its response, with their original event times, in event-time order as a capture replays
     * them (the pairing stage releases a request whose response is more than its wait behind in event time).
     */
    /** The inference requests {@link #sendInferences} sends (each batches rows of one event time and id). */
    long inferences() {
        return rows.stream().map(r -> r.eventTime() + "|" + r.id()).distinct().count();
    }

    void sendInferences(KafkaProducer<byte[], byte[]> producer, Topics topics) {
        Map<String, List<Row>> byRequest = new TreeMap<>();
        rows.forEach(r -> byRequest.computeIfAbsent(r.eventTime() + "|" + r.id(), k -> new ArrayList<>()).add(r));
        byRequest.forEach((key, rs) -> {
            String id = rs.get(0).id();
            StringBuilder in = new StringBuilder();
            StringBuilder out = new StringBuilder();
            for (Row r : rs) {
                in.append(in.length() == 0 ? "" : ",").append("[").append(r.row()).append(".5, 1.5]");
                out.append(out.length() == 0 ? "" : ",").append(r.prediction());
            }
            Row head = rs.get(0);
            producer.send(StreamsItSupport.event(topics, id, TestEvents.REQUEST, head.eventTime(), head.model(),
                    "{\"instances\":[" + in + "]}"));
            producer.send(StreamsItSupport.event(topics, id, TestEvents.RESPONSE, head.eventTime(), head.model(),
                    "{\"predictions\":[" + out + "]}"));
        });
        producer.flush();
    }

    /** Every row's label, arriving now (the producer's timestamp). */
    void sendLabels(KafkaProducer<byte[], byte[]> producer, Topics topics) {
        for (Row r : rows) {
            producer.send(label(topics, r.id(), r.row(), r.model(), r.label().toString(), null));
        }
        producer.flush();
    }

    static ProducerRecord<byte[], byte[]> label(Topics topics, String id, int row, String model, String label,
                                                Long timestamp) {
        String json = "{\"inference_id\":\"" + id + "\",\"row\":" + row + ",\"model\":\"" + model + "\",\"label\":"
                + label + "}";
        return new ProducerRecord<>(topics.labels.name(), null, timestamp, id.getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** model|windowStart of every window, with its row count. */
    Map<String, Integer> windows() {
        Map<String, Integer> m = new TreeMap<>();
        rows.forEach(r -> m.merge(r.model() + "|" + Instant.ofEpochMilli(r.windowStart()), 1, Integer::sum));
        return m;
    }

    /** Asserts that {@code q} holds the drift core's figures of the window's pairs (1e-9). */
    void assertFiguresOf(String window, JsonNode q) {
        List<Row> pairs = rows.stream().filter(r -> window.equals(r.model() + "|"
                + Instant.ofEpochMilli(r.windowStart()))).toList();
        Map<String, Double> expected;
        if (pairs.get(0).model().equals("churn")) {
            int[] y = pairs.stream().mapToInt(r -> r.label().intValue()).toArray();
            double[] s = pairs.stream().mapToDouble(Row::prediction).toArray();
            assertThat(q.get("problem_type").asText()).isEqualTo("binary_classification");
            expected = BinaryClassificationMetrics.compute(y, s, 0.5).asMap();
            assertThat(q.get("value").asDouble()).isCloseTo(expected.get("accuracy"), within(1e-9));
        } else {
            double[] y = pairs.stream().mapToDouble(r -> r.label().doubleValue()).toArray();
            double[] p = pairs.stream().mapToDouble(Row::prediction).toArray();
            assertThat(q.get("problem_type").asText()).isEqualTo("regression");
            expected = RegressionMetrics.compute(y, p).asMap();
            assertThat(q.get("value").asDouble()).isCloseTo(expected.get("rmse"), within(1e-9));
        }
        assertThat(q.get("labelled_rows").asInt()).isEqualTo(pairs.size());
        expected.forEach((name, v) -> {
            JsonNode got = q.get("metrics").get(name);
            if (Double.isNaN(v)) {
                assertThat(got.isNull()).as(name).isTrue();
            } else {
                assertThat(got.asDouble()).as(name).isCloseTo(v, within(1e-9));
            }
        });
    }
}
