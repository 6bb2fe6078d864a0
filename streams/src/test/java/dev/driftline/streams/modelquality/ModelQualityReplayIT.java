package dev.driftline.streams.modelquality;

import static dev.driftline.streams.modelquality.ModelQualityCounters.LABELS_EXPIRED;
import static dev.driftline.streams.modelquality.ModelQualityCounters.RECORDS_EXPIRED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.contracts.Topic;
import dev.driftline.contracts.Topics;
import dev.driftline.streams.DriftlineTopology;
import dev.driftline.streams.PipelineConfig;
import dev.driftline.streams.PipelineInstruments;
import dev.driftline.streams.StreamsItSupport;
import dev.driftline.streams.TestEvents;
import dev.driftline.streams.app.TopicCreator;
import dev.driftline.streams.window.LateRecords;
import dev.driftline.streams.window.WindowSpec;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 on a real broker, exactly once: inferences replayed with event times three weeks back and their labels
 * arriving now — in either order — give every window its figures, equal to the drift core's on the same pairs; and a
 * restarted instance (fresh state directory, so restored from the changelog) resumes the join's clocks.
 */
@WithKafka
class ModelQualityReplayIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WindowSpec window = WindowSpec.defaults();

    @Test
    void inferencesReplayedThreeWeeksBackThenTheirLabelsGiveEveryWindow(KafkaBroker kafka, @TempDir Path stateDir)
            throws Exception {
        run(kafka, stateDir, false);
    }

    @Test
    void labelsFirstThenTheirInferencesReplayedThreeWeeksBackGiveEveryWindow(KafkaBroker kafka,
                                                                           @TempDir Path stateDir) throws Exception {
        run(kafka, stateDir, true);
    }

    private void run(KafkaBroker kafka, Path stateDir, boolean labelsFirst) throws Exception {
        Topics topics = topics(kafka);
        String app = topics.labels.name() + "-app";
        ReplayedTraffic traffic = new ReplayedTraffic(window, Instant.now());
        ModelQualityCounters counters = new ModelQualityCounters();
        try (KafkaStreams streams = streams(kafka, topics, app, stateDir, ModelQualityConfig.defaults(), counters);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(kafka))) {
            streams.start();
            if (labelsFirst) {
                traffic.sendLabels(producer, topics);
                awaitConsumed(kafka, app, topics.labels.name(), traffic.rows.size()); // all waiting in the join
                traffic.sendInferences(producer, topics);
            } else {
                traffic.sendInferences(producer, topics);
                // the rows wait in the join (the repartition topic's transaction markers take offsets too, so this
                // may let the labels go a few rows early; the join does not depend on the order)
                awaitConsumed(kafka, app, predictions(app), traffic.inferences()); // one record per inference
                traffic.sendLabels(producer, topics);
            }
            Map<String, Integer> expected = traffic.windows();
            Map<String, List<JsonNode>> got = new TreeMap<>();
            await(() -> {
                got.clear();
                got.putAll(figuresByWindow(kafka, topics));
                return got.keySet().equals(expected.keySet()) && expected.entrySet().stream().allMatch(e ->
                        last(got.get(e.getKey())).get("labelled_rows").asInt() == e.getValue());
            }, "a figure of every window with all its labels: " + expected + ", got " + got.keySet() + ", dropped "
                    + counters.snapshotByModel());
            for (Map.Entry<String, List<JsonNode>> w : got.entrySet()) {
                List<Integer> versions = w.getValue().stream().map(q -> q.get("version").asInt()).toList();
                assertThat(versions).as(w.getKey()).isSorted().doesNotHaveDuplicates().startsWith(1);
                traffic.assertFiguresOf(w.getKey(), last(w.getValue()));
            }
            assertThat(counters.snapshot()).isEmpty(); // nothing expired, too late or unreadable
        }
    }

    @Test
    void aRestartedInstanceResumesTheJoinsClocksFromItsChangelog(KafkaBroker kafka, @TempDir Path dir1,
                                                                 @TempDir Path dir2) throws Exception {
        Topics topics = topics(kafka);
        String app = topics.labels.name() + "-app";
        ModelQualityConfig config = ModelQualityConfig.defaults().withTtl(Duration.ofHours(1));
        List<String> ids = sameJoinTask("restart", topics.labels.partitions(), 5); // one task, one set of clocks
        Instant e0 = Instant.ofEpochMilli(window.windowStart(Instant.now().minus(Duration.ofDays(21)).toEpochMilli()))
                .plusSeconds(30);
        Instant e2 = e0.plus(Duration.ofHours(2));
        ModelQualityCounters before = new ModelQualityCounters();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(kafka))) {
            try (KafkaStreams streams = streams(kafka, topics, app, dir1, config, before)) {
                streams.start();
                inference(producer, topics, ids.get(0), e0, "0.9");
                inference(producer, topics, ids.get(1), e2, "0.9"); // churn's row clock: e0 + 2h
                producer.send(ReplayedTraffic.label(topics, ids.get(4), 0, "churn", "1", null)); // label clock: now
                producer.flush();
                await(() -> before.get("churn", RECORDS_EXPIRED) == 1, "the first row expired");
                awaitConsumed(kafka, app, topics.labels.name(), 1);
                streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(30)));
            }
            ModelQualityCounters after = new ModelQualityCounters();
            try (KafkaStreams streams = streams(kafka, topics, app, dir2, config, after)) {
                streams.start();
                inference(producer, topics, ids.get(2), e0, "0.9"); // 2h behind the restored clock: dropped
                await(() -> after.get("churn", RECORDS_EXPIRED) == 1, "the late row dropped on the restored clock");
                long arrival = Instant.now().minus(Duration.ofHours(2)).toEpochMilli();
                producer.send(ReplayedTraffic.label(topics, ids.get(3), 0, "churn", "1", arrival)); // 2h behind
                producer.send(ReplayedTraffic.label(topics, ids.get(2), 0, "churn", "1", null)); // finds no row
                producer.flush();
                awaitConsumed(kafka, app, topics.labels.name(), 3);
                assertThat(after.get("churn", LABELS_EXPIRED)).isEqualTo(1); // 2h behind the restored label clock
                inference(producer, topics, ids.get(3), e2, "0.9"); // its label was dropped: nothing to join
                producer.send(ReplayedTraffic.label(topics, ids.get(1), 0, "churn", "1", null)); // waited: joins
                producer.flush();
                Instant w2 = Instant.ofEpochMilli(window.windowStart(e2.toEpochMilli()));
                Map<String, List<JsonNode>> got = new TreeMap<>();
                await(() -> {
                    got.putAll(figuresByWindow(kafka, topics));
                    return got.containsKey("churn|" + w2);
                }, "the window of the row that waited across the restart");
                assertThat(got).containsOnlyKeys("churn|" + w2); // no figure for the dropped row's window
                assertThat(last(got.get("churn|" + w2)).get("labelled_rows").asInt()).isEqualTo(1); // not ids[3]
            }
        }
    }

    private Topics topics(KafkaBroker kafka) throws Exception {
        Topics topics = new Topics(kafka.uniqueTopic("driftline-replay-it") + ".");
        // as driftline streams creates them: model-quality keeps a month, so windows three weeks old stay
        TopicCreator.ensure(kafka.admin(), topics, Optional.empty());
        for (Topic<?, ?> t : topics.all()) {
            // waits for every partition's leader: a transactional producer sending into a partition whose leader is
            // not ready yet can get stuck in OUT_OF_ORDER_SEQUENCE_NUMBER retries (seen with Kafka 4.3.1, as in
            // StreamsCrashIT)
            kafka.createTopic(t.name(), t.partitions());
        }
        return topics;
    }

    /**
     * The test's producer, not idempotent: on a loaded machine the in-JVM broker can answer a send with
     * NOT_LEADER_OR_FOLLOWER, after which an idempotent producer (Kafka 4.3.1) retries with a reset sequence into
     * OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout. One request in flight keeps the order; a retry after
     * NOT_LEADER_OR_FOLLOWER cannot duplicate (nothing was appended).
     */
    private static Properties producerProps(KafkaBroker kafka) {
        Properties p = kafka.producerProps();
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        return p;
    }

    private KafkaStreams streams(KafkaBroker kafka, Topics topics, String app, Path stateDir,
                                 ModelQualityConfig config, ModelQualityCounters counters) {
        return new KafkaStreams(DriftlineTopology.build(new StreamsBuilder(), PipelineConfig.defaults(topics)
                        .withWindow(window).withModelQuality(config),
                new PipelineInstruments(new LateRecords(), counters, Optional.empty())),
                StreamsItSupport.eosProperties(kafka, app, stateDir, topics));
    }

    private static void inference(KafkaProducer<byte[], byte[]> producer, Topics topics, String id, Instant time,
                                  String prediction) {
        producer.send(StreamsItSupport.event(topics, id, TestEvents.REQUEST, time, "churn", "{\"instances\":[[1]]}"));
        producer.send(StreamsItSupport.event(topics, id, TestEvents.RESPONSE, time, "churn",
                "{\"predictions\":[" + prediction + "]}"));
        producer.flush();
    }

    /** {@code n} inference ids whose records and labels land in the same partition, hence the same join task. */
    private static List<String> sameJoinTask(String prefix, int partitions, int n) {
        List<String> ids = new ArrayList<>();
        int target = -1;
        for (int i = 0; ids.size() < n; i++) {
            String id = prefix + "-" + i;
            int p = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions;
            if (target < 0 || p == target) {
                target = p;
                ids.add(id);
            }
        }
        return ids;
    }

    private static String predictions(String app) {
        return app + "-" + ModelQualityTopology.PREDICTIONS + "-repartition";
    }

    /** model|windowStart → the figures of that window in the order read (one key per model: one partition). */
    private static Map<String, List<JsonNode>> figuresByWindow(KafkaBroker kafka, Topics topics) throws Exception {
        Map<String, List<JsonNode>> m = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topics.modelQuality.name())) {
            JsonNode q = JSON.readTree(r.value());
            assertThat(r.timestamp()).isEqualTo(Instant.parse(q.get("window_start").asText()).toEpochMilli());
            m.computeIfAbsent(q.get("model").asText() + "|" + q.get("window_start").asText(),
                    k -> new ArrayList<>()).add(q);
        }
        return m;
    }

    private static JsonNode last(List<JsonNode> l) {
        return l.get(l.size() - 1);
    }

    /** Waits until the application committed {@code n} records of {@code topic} (all partitions). */
    private static void awaitConsumed(KafkaBroker kafka, String app, String topic, long n) throws Exception {
        await(() -> {
            try {
                long sum = 0;
                for (Map.Entry<TopicPartition, OffsetAndMetadata> e : kafka.admin().listConsumerGroupOffsets(app)
                        .partitionsToOffsetAndMetadata().get().entrySet()) {
                    sum += e.getKey().topic().equals(topic) && e.getValue() != null ? e.getValue().offset() : 0;
                }
                return sum >= n;
            } catch (Exception ex) {
                return false;
            }
        }, n + " records of " + topic + " committed by " + app);
    }

    private static void await(ThrowingCondition condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    @FunctionalInterface
    private interface ThrowingCondition {
        boolean holds() throws Exception;
    }
}
