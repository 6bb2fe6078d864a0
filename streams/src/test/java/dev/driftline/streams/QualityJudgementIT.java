package dev.driftline.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.contracts.Topics;
import dev.driftline.contracts.baseline.BaselineCodec;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineBuilder;
import dev.driftline.drift.io.Table;
import dev.driftline.drift.modelquality.RegressionMetrics;
import dev.driftline.streams.merge.MergeConfig;
import dev.driftline.streams.window.WindowSpec;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on a real broker, judged against training baselines built from data: unseen categories alert by
 * size, not existence (issue 11, acceptance 1), and a regression model without a configured threshold is judged by
 * its training-time RMSE (acceptance 3).
 */
@WithKafka
class QualityJudgementIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** 40 common codes, the first ones more frequent (a long head), in training and traffic alike. */
    private static final int COMMON = 40;

    private static String commonCode(Random rnd) {
        return "c" + Math.min(COMMON - 1, (int) Math.floor(Math.abs(rnd.nextGaussian()) * 12));
    }

    /** 50,000 training rows of (code, amount), 30 of them with a code seen once: 0.06 % expected unseen. */
    private static Baseline categoricalBaseline(String model) {
        Random rnd = new Random(11);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            String code = i % 1_000 == 999 && i < 30_000 ? "rare-" + i : commonCode(rnd);
            rows.add(new Object[] {code, Math.round(rnd.nextGaussian() * 1000) / 100.0});
        }
        return new BaselineBuilder(Clock.systemUTC()).build(new Table("training.csv", List.of("code", "amount"), rows,
                lines(rows.size())), model, Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    /** Every topic under a fresh prefix, created. */
    private static Topics topics(KafkaBroker kafka, String name) {
        Topics topics = new Topics(kafka.uniqueTopic(name) + ".");
        StreamsItSupport.createAll(kafka, topics);
        return topics;
    }

    /** File line numbers of n data rows under a header. */
    private static List<Long> lines(int n) {
        return java.util.stream.LongStream.rangeClosed(2, n + 1).boxed().toList();
    }

    private static ProducerRecord<byte[], byte[]> baseline(Topics topics, Baseline b) {
        return new ProducerRecord<>(topics.baselines.name(), b.model().getBytes(StandardCharsets.UTF_8),
                BaselineCodec.INSTANCE.encode(b));
    }

    private static List<JsonNode> values(KafkaBroker kafka, String topic) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topic)) {
            out.add(MAPPER.readTree(r.value()));
        }
        return out;
    }

    @Test
    void aHandfulOfUnseenCodesStaysQuietWhileTwoPercentOpensADataQualityAlert(KafkaBroker kafka,
            @TempDir java.nio.file.Path stateDir) throws Exception {
        Topics topics = topics(kafka, "driftline-unseen-it");
        Properties p = StreamsItSupport.eosProperties(kafka, topics.inferenceEvents.name() + ".app", stateDir, topics);
        // one-day windows, as the replayed production traffic had; yesterday's window is closed by the wall clock
        WindowSpec window = new WindowSpec(Duration.ofDays(1), Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofSeconds(10));
        MergeConfig merge = new MergeConfig(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofDays(3));
        Instant day = Instant.ofEpochMilli(window.windowStart(Instant.now().minus(Duration.ofDays(1)).toEpochMilli()));
        Baseline quiet = categoricalBaseline("quiet");
        assertThat(quiet.feature("code").orElseThrow().constraint().expectedUnseenShare()).isEqualTo(30.0 / 50_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps())) {
            producer.send(baseline(topics, quiet));
            producer.send(baseline(topics, categoricalBaseline("loud")));
            producer.flush();
        }
        try (KafkaStreams streams = new KafkaStreams(DriftlineTopology.build(new StreamsBuilder(),
                PipelineConfig.defaults(topics).withWindow(window).withMerge(merge), PipelineInstruments.none()), p);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps())) {
            streams.start();
            // a day of 10,000 rows each: quiet has 2 unseen values (0.02 %), loud 200 (2 %: 150 + 50)
            sendDay(producer, topics, "quiet", day, i -> i == 4_321 || i == 8_765 ? "new-1" : null);
            sendDay(producer, topics, "loud", day, i -> i % 50 == 7 ? (i % 200 == 7 ? "new-2" : "new-1") : null);
            producer.flush();
            List<ConsumerRecord<byte[], byte[]>> reports = kafka.readAll(topics.drift.name(), 2,
                    Duration.ofSeconds(120));
            assertThat(reports).hasSize(2);
            kafka.readAll(topics.alerts.name(), 1, Duration.ofSeconds(60));
            Thread.sleep(3000); // the alerts stage has seen both reports by now; nothing else comes
            for (JsonNode r : values(kafka, topics.drift.name())) {
                assertThat(r.get("rows").asLong()).isEqualTo(10_000);
                List<String> checks = new ArrayList<>();
                r.get("violations").forEach(v -> checks.add(v.get("constraint_check_type").asText()));
                if (r.get("model").asText().equals("quiet")) {
                    assertThat(checks).isEmpty();
                } else {
                    assertThat(checks).containsExactly("categorical_values_check");
                }
            }
            List<JsonNode> alerts = values(kafka, topics.alerts.name());
            assertThat(alerts).hasSize(1);
            JsonNode alert = alerts.get(0);
            assertThat(alert.get("model").asText()).isEqualTo("loud");
            assertThat(alert.get("kind").asText()).isEqualTo("data_quality");
            assertThat(alert.get("feature").asText()).isEqualTo("code");
            assertThat(alert.get("state").asText()).isEqualTo("open");
            JsonNode details = alert.get("details").get("violations").get(0).get("details");
            assertThat(details.get("values").asLong()).isEqualTo(10_000);
            assertThat(details.get("unseen").asLong()).isEqualTo(200);
            assertThat(details.get("share").asDouble()).isEqualTo(0.02);
            assertThat(details.get("expected_share").asDouble()).isEqualTo(30.0 / 50_000);
            assertThat(details.get("p_value").asDouble()).isLessThan(0.001);
            assertThat(details.get("top_values").toString())
                    .isEqualTo("[{\"value\":\"new-1\",\"count\":150},{\"value\":\"new-2\",\"count\":50}]");
        }
    }

    /** 100 requests of 100 rows in {@code day}; row i's code is {@code unseen(i)} when not null, else a common one. */
    private static void sendDay(KafkaProducer<byte[], byte[]> producer, Topics topics, String model, Instant day,
                                java.util.function.IntFunction<String> unseen) {
        Random rnd = new Random(model.hashCode());
        int i = 0;
        for (int req = 0; req < 100; req++) {
            StringBuilder instances = new StringBuilder("{\"instances\":[");
            StringBuilder predictions = new StringBuilder("{\"predictions\":[");
            for (int r = 0; r < 100; r++, i++) {
                String code = unseen.apply(i);
                instances.append(r == 0 ? "" : ",").append("[\"").append(code == null ? commonCode(rnd) : code)
                        .append("\",").append(Math.round(rnd.nextGaussian() * 1000) / 100.0).append(']');
                predictions.append(r == 0 ? "" : ",").append(rnd.nextInt(2));
            }
            String id = model + "-" + req;
            Instant t = day.plusSeconds(60 + req * 600L);
            producer.send(StreamsItSupport.event(topics, id, TestEvents.REQUEST, t, model, instances + "]}"));
            producer.send(StreamsItSupport.event(topics, id, TestEvents.RESPONSE, t, model, predictions + "]}"));
        }
    }

    @Test
    void aRegressionWindowThirtyPercentWorseThanTrainingOpensAModelQualityAlert(KafkaBroker kafka,
            @TempDir java.nio.file.Path stateDir) throws Exception {
        Topics topics = topics(kafka, "driftline-regression-it");
        Properties p = StreamsItSupport.eosProperties(kafka, topics.inferenceEvents.name() + ".app", stateDir, topics);
        WindowSpec window = new WindowSpec(Duration.ofMinutes(5), Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofSeconds(10));
        MergeConfig merge = new MergeConfig(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofHours(3));
        // training: every prediction 1.0 off its label, so the training RMSE is 1.0
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            double y = 10 + i % 7 + 0.5;
            rows.add(new Object[] {i % 13 * 0.5, y, i % 2 == 0 ? y + 1.0 : y - 1.0});
        }
        Baseline trained = new BaselineBuilder(Clock.systemUTC()).build(new Table("train.csv", List.of("x", "price",
                "predicted"), rows, lines(rows.size())), "reg", Optional.empty(), Optional.of("price"), Optional.of("predicted"),
                Map.of());
        double trainingRmse = trained.modelQuality().orElseThrow().primaryValue();
        assertThat(trainingRmse).isEqualTo(1.0);
        long w0 = window.windowStart(Instant.now().minus(Duration.ofHours(1)).toEpochMilli());
        long size = window.size().toMillis();
        try (KafkaStreams streams = new KafkaStreams(DriftlineTopology.build(new StreamsBuilder(),
                PipelineConfig.defaults(topics).withWindow(window).withMerge(merge), PipelineInstruments.none()), p);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps())) {
            producer.send(baseline(topics, trained));
            producer.flush();
            streams.start();
            // two windows of 40 inferences each; every label 1.3 off its prediction: RMSE 1.3, 30 % above training
            List<double[]> pairs = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                for (int i = 0; i < 40; i++) {
                    String id = "reg-" + w + "-" + i;
                    double prediction = 10 + i % 7 + 0.25;
                    Instant t = Instant.ofEpochMilli(w0 + w * size + 1_000L + i * 1_000L);
                    producer.send(StreamsItSupport.event(topics, id, TestEvents.REQUEST, t, "reg",
                            "{\"instances\":[[" + (i % 13 * 0.5) + "]]}"));
                    producer.send(StreamsItSupport.event(topics, id, TestEvents.RESPONSE, t, "reg",
                            "{\"predictions\":[" + prediction + "]}"));
                    double label = i % 2 == 0 ? prediction + 1.3 : prediction - 1.3;
                    pairs.add(new double[] {label, prediction});
                    producer.send(new ProducerRecord<>(topics.labels.name(), id.getBytes(StandardCharsets.UTF_8),
                            ("{\"inference_id\":\"" + id + "\",\"row\":0,\"model\":\"reg\",\"label\":" + label + "}")
                                    .getBytes(StandardCharsets.UTF_8)));
                }
            }
            producer.flush();
            List<ConsumerRecord<byte[], byte[]>> alerts = kafka.readAll(topics.alerts.name(), 1,
                    Duration.ofSeconds(120));
            JsonNode alert = MAPPER.readTree(alerts.get(alerts.size() - 1).value());
            assertThat(alert.get("model").asText()).isEqualTo("reg");
            assertThat(alert.get("kind").asText()).isEqualTo("model_quality");
            assertThat(alert.get("state").asText()).isEqualTo("open");
            assertThat(alert.get("metric").asText()).isEqualTo("rmse");
            assertThat(alert.get("threshold").asDouble()).isEqualTo(1.2);
            // every window's latest figures: degraded against the baseline, RMSE as computed directly
            Map<Long, JsonNode> latest = new java.util.TreeMap<>();
            for (JsonNode q : values(kafka, topics.modelQuality.name())) {
                long start = Instant.parse(q.get("window_start").asText()).toEpochMilli();
                JsonNode seen = latest.get(start);
                if (seen == null || seen.get("version").asInt() < q.get("version").asInt()) {
                    latest.put(start, q);
                }
            }
            assertThat(latest).containsOnlyKeys(w0, w0 + size);
            for (int w = 0; w < 2; w++) {
                JsonNode q = latest.get(w0 + w * size);
                List<double[]> mine = pairs.subList(w * 40, w * 40 + 40);
                RegressionMetrics direct = RegressionMetrics.compute(mine.stream().mapToDouble(a -> a[0]).toArray(),
                        mine.stream().mapToDouble(a -> a[1]).toArray());
                assertThat(q.get("problem_type").asText()).isEqualTo("regression");
                assertThat(q.get("value").asDouble()).isCloseTo(direct.rmse(),
                        org.assertj.core.data.Offset.offset(1e-9));
                assertThat(direct.rmse()).isCloseTo(1.3, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(q.get("threshold").asDouble()).isEqualTo(1.2);
                assertThat(q.get("threshold_source").asText()).isEqualTo("baseline_relative");
                assertThat(q.get("baseline_value").asDouble()).isEqualTo(1.0);
                assertThat(q.get("status").asText()).isEqualTo("degraded");
            }
        }
    }
}
