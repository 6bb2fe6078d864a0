package dev.driftline.sink;

import static dev.driftline.sink.SampleRecords.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.testkit.KafkaBroker;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Records for every table's topic of a fresh topic prefix on a real broker, with what the lake must then hold: every
 * committed record exactly once, rows per table, bad records in {@code dead_letters}, and nothing of an aborted
 * transaction.
 */
public final class LakeTraffic {
    public final String prefix;
    public final Map<LakeTable, Long> expectedRows = new EnumMap<>(LakeTable.class);
    public final Map<LakeTable, Long> expectedRecords = new EnumMap<>(LakeTable.class);
    private final KafkaBroker kafka;

    private LakeTraffic(KafkaBroker kafka, String prefix) {
        this.kafka = kafka;
        this.prefix = prefix;
    }

    /**
     * Sends the traffic: {@code inferences} inference records of two models over two event hours (each with a
     * {@code padding}-character random feature, to make large files), 4 profiles, 4 drift reports + 1 without a
     * baseline, 3 quality emissions, 2 alerts, 2 dead letters, 3 labels (one naming no model), 4 transitions of
     * one remediation episode, one unreadable record on each of drift and inference.records, and 5 inference
     * records in an aborted transaction.
     */
    public static LakeTraffic send(KafkaBroker kafka, int inferences, int padding) throws Exception {
        LakeTraffic t = new LakeTraffic(kafka, kafka.uniqueTopic("lake") + ".");
        Map<LakeTable, Integer> partitions = Map.of(LakeTable.INFERENCE_LOG, 3, LakeTable.FEATURE_PROFILES, 2,
                LakeTable.DRIFT_METRICS, 2, LakeTable.MODEL_QUALITY, 1, LakeTable.ALERTS, 1, LakeTable.DEAD_LETTERS, 1,
                LakeTable.LABELS, 2, LakeTable.REMEDIATION_EVENTS, 1);
        partitions.forEach((table, n) -> kafka.createTopic(table.topic(t.prefix), n));
        Random random = new Random(7);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(kafka.producerProps())) {
            for (int i = 0; i < inferences; i++) {
                String model = i % 3 == 0 ? "fraud/v2" : "wine";
                String time = Instant.parse("2026-11-21T10:30:00Z").plusSeconds(i * 3600L * 2 / inferences)
                        .toString();
                String json = SampleRecords.inference(model, "id-" + i, i % 4, time, i * 0.5);
                if (padding > 0) {
                    byte[] pad = new byte[padding];
                    random.nextBytes(pad);
                    json = json.replace("\"city\":\"Oslo\"", "\"city\":\""
                            + java.util.Base64.getEncoder().encodeToString(pad) + "\"");
                }
                p.send(new ProducerRecord<>(LakeTable.INFERENCE_LOG.topic(t.prefix), bytes(model), bytes(json)));
            }
            p.send(new ProducerRecord<>(LakeTable.INFERENCE_LOG.topic(t.prefix), bytes("wine"), bytes("[1,2]")));
            for (int w = 0; w < 4; w++) {
                String start = Instant.parse("2026-11-21T10:00:00Z").plusSeconds(w * 1800L).toString();
                String end = Instant.parse(start).plusSeconds(1800).toString();
                String model = w % 2 == 0 ? "wine" : "fraud/v2";
                p.send(new ProducerRecord<>(LakeTable.FEATURE_PROFILES.topic(t.prefix), bytes(model),
                        bytes(SampleRecords.profile(model, start, end, 1))));
                p.send(new ProducerRecord<>(LakeTable.DRIFT_METRICS.topic(t.prefix), bytes(model),
                        bytes(SampleRecords.drift(model, start, end, 1))));
            }
            p.send(new ProducerRecord<>(LakeTable.DRIFT_METRICS.topic(t.prefix), bytes("new-model"),
                    bytes(SampleRecords.noBaseline("new-model", "2026-11-21T11:00:00Z", "2026-11-21T11:30:00Z"))));
            p.send(new ProducerRecord<>(LakeTable.DRIFT_METRICS.topic(t.prefix), bytes("wine"),
                    bytes("{\"schema_version\":1,\"model\":\"wine\",\"window_start\":\"soon\"}")));
            for (int v = 1; v <= 3; v++) {
                p.send(new ProducerRecord<>(LakeTable.MODEL_QUALITY.topic(t.prefix), bytes("wine"),
                        bytes(SampleRecords.quality("wine", "2026-11-21T10:00:00Z", "2026-11-21T10:30:00Z", v,
                                0.8 + v * 0.05))));
            }
            p.send(new ProducerRecord<>(LakeTable.ALERTS.topic(t.prefix), bytes("wine"), bytes(SampleRecords.alert(
                    "wine", "a-1", "open", "2026-11-21T10:00:00Z", "2026-11-21T10:30:00Z"))));
            p.send(new ProducerRecord<>(LakeTable.ALERTS.topic(t.prefix), bytes("wine"), bytes(SampleRecords.alert(
                    "wine", "a-1", "resolved", "2026-11-21T11:00:00Z", "2026-11-21T11:30:00Z"))));
            for (int d = 0; d < 2; d++) {
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(LakeTable.DEAD_LETTERS.topic(t.prefix),
                        bytes("key-" + d), new byte[] {(byte) 0xff, (byte) d});
                r.headers().add(new RecordHeader("dl_reason", bytes("not_json")));
                r.headers().add(new RecordHeader("dl_stage", bytes("collector")));
                p.send(r);
            }
            for (int l = 0; l < 3; l++) {
                p.send(new ProducerRecord<>(LakeTable.LABELS.topic(t.prefix), bytes("id-" + l), bytes(
                        SampleRecords.label("id-" + l, l % 4, l == 2 ? null : "wine", String.valueOf(l % 2),
                                "2026-11-21T12:00:00Z"))));
            }
            String[] states = {null, "TRIGGERED", "PREPARING_DATA", "FAILED"};
            for (int s = 1; s < states.length; s++) {
                p.send(new ProducerRecord<>(LakeTable.REMEDIATION_EVENTS.topic(t.prefix), bytes("wine"), bytes(
                        SampleRecords.episodeEvent("wine", "wine-e1", s - 1, states[s - 1], states[s],
                                "2026-11-21T1" + s + ":00:00Z"))));
            }
            p.send(new ProducerRecord<>(LakeTable.REMEDIATION_EVENTS.topic(t.prefix), bytes("fraud/v2"), bytes(
                    SampleRecords.episodeEvent("fraud/v2", "fraud-e1", 0, null, "TRIGGERED",
                            "2026-11-21T11:30:00Z"))));
            p.flush();
        }
        Properties tx = kafka.producerProps();
        tx.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, kafka.uniqueTopic("lake-tx"));
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(tx)) {
            p.initTransactions();
            p.beginTransaction();
            for (int i = 0; i < 5; i++) {
                p.send(new ProducerRecord<>(LakeTable.INFERENCE_LOG.topic(t.prefix), bytes("wine"), bytes(
                        SampleRecords.inference("wine", "aborted-" + i, 0, "2026-11-21T10:00:00Z", 1))));
            }
            p.flush();
            p.abortTransaction();
        }
        t.expectedRecords.put(LakeTable.INFERENCE_LOG, inferences + 1L);
        t.expectedRecords.put(LakeTable.FEATURE_PROFILES, 4L);
        t.expectedRecords.put(LakeTable.DRIFT_METRICS, 6L);
        t.expectedRecords.put(LakeTable.MODEL_QUALITY, 3L);
        t.expectedRecords.put(LakeTable.ALERTS, 2L);
        t.expectedRecords.put(LakeTable.DEAD_LETTERS, 2L);
        t.expectedRecords.put(LakeTable.LABELS, 3L);
        t.expectedRecords.put(LakeTable.REMEDIATION_EVENTS, 4L);
        t.expectedRows.put(LakeTable.INFERENCE_LOG, (long) inferences);
        t.expectedRows.put(LakeTable.FEATURE_PROFILES, 16L);
        t.expectedRows.put(LakeTable.DRIFT_METRICS, 4L * SampleRecords.DRIFT_ROWS + 1);
        t.expectedRows.put(LakeTable.MODEL_QUALITY, 3L);
        t.expectedRows.put(LakeTable.ALERTS, 2L);
        t.expectedRows.put(LakeTable.DEAD_LETTERS, 4L); // 2 of the topic + the 2 the sink could not read
        t.expectedRows.put(LakeTable.LABELS, 3L);
        t.expectedRows.put(LakeTable.REMEDIATION_EVENTS, 4L);
        return t;
    }

    /** Topic → table for this traffic's prefix. */
    public Map<String, LakeTable> topics() {
        Map<String, LakeTable> m = new java.util.LinkedHashMap<>();
        for (LakeTable table : LakeTable.values()) {
            m.put(table.topic(prefix), table);
        }
        return m;
    }

    /**
     * Checks a local copy of the lake with DuckDB: the documented columns and types, rows per table, every committed
     * source record exactly once (by topic, partition and offset), nothing of the aborted transaction.
     */
    public void assertLake(Path lake) throws Exception {
        for (LakeTable table : LakeTable.values()) {
            assertThat(DuckDb.count(lake, table.tableName())).as(table.tableName())
                    .isEqualTo(expectedRows.get(table));
            List<List<Object>> columns = DuckDb.query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM "
                    + DuckDb.table(lake, table.tableName()) + ")");
            List<String> expected = new ArrayList<>();
            for (LakeColumn c : table.columns()) {
                expected.add(c.name() + " " + duckType(c.type()));
            }
            List<String> actual = new ArrayList<>(columns.stream().map(r -> r.get(0) + " " + r.get(1)).toList());
            // DuckDB appends the Hive partition columns in its own order
            assertThat(actual.subList(expected.size(), actual.size())).as(table.tableName())
                    .containsExactlyInAnyOrder("model VARCHAR", "dt VARCHAR", "hour VARCHAR");
            assertThat(actual.subList(0, expected.size())).as(table.tableName()).containsExactlyElementsOf(expected);
        }
        for (LakeTable table : LakeTable.values()) {
            Set<String> onTopic = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(table.topic(prefix))) {
                onTopic.add(r.partition() + "@" + r.offset());
            }
            assertThat((long) onTopic.size()).isEqualTo(expectedRecords.get(table));
            String source = table == LakeTable.DEAD_LETTERS
                    ? " WHERE source_topic = '" + table.topic(prefix) + "'" : "";
            List<List<Object>> inLake = DuckDb.query("SELECT DISTINCT kafka_partition, kafka_offset FROM "
                    + DuckDb.table(lake, table.tableName()) + source);
            Set<String> seen = new HashSet<>();
            inLake.forEach(r -> seen.add(r.get(0) + "@" + r.get(1)));
            Set<String> rejected = rejectedOffsets(lake, table);
            Set<String> expected = new HashSet<>(onTopic);
            expected.removeAll(rejected);
            assertThat(seen).as(table.tableName() + ": committed records in the lake").isEqualTo(expected);
        }
        assertThat(DuckDb.query("SELECT count(*) FROM " + DuckDb.table(lake, "inference_log")
                + " WHERE inference_id LIKE 'aborted-%'")).containsExactly(List.of(0L));
        // the key escapes '/' as %2F; DuckDB's hive partitioning decodes it again (LocalLake keeps Athena's text)
        assertThat(DuckDb.query("SELECT count(*) FROM " + DuckDb.table(lake, "inference_log")
                + " WHERE model = 'fraud/v2'").get(0).get(0)).isEqualTo(
                (long) Math.ceil(expectedRows.get(LakeTable.INFERENCE_LOG) / 3.0));
        assertThat(DuckDb.query("SELECT model, count(*) FROM " + DuckDb.table(lake, "labels")
                + " GROUP BY model ORDER BY model")).containsExactly(List.of("_unknown", 1L), List.of("wine", 2L));
        assertThat(DuckDb.query("SELECT to_state FROM " + DuckDb.table(lake, "remediation_events")
                + " WHERE episode_id = 'wine-e1' ORDER BY \"at\"")).containsExactly(List.of("TRIGGERED"),
                List.of("PREPARING_DATA"), List.of("FAILED"));
        assertThat(DuckDb.query("SELECT source_topic, dl_reason FROM " + DuckDb.table(lake, "dead_letters")
                + " WHERE dl_stage = 'sink' ORDER BY source_topic")).containsExactly(
                List.of(LakeTable.DRIFT_METRICS.topic(prefix), "bad_value"),
                List.of(LakeTable.INFERENCE_LOG.topic(prefix), "not_json"));
    }

    /** Source records of a table's topic that the sink sent to dead_letters instead. */
    private Set<String> rejectedOffsets(Path lake, LakeTable table) throws Exception {
        Set<String> out = new HashSet<>();
        for (List<Object> r : DuckDb.query("SELECT kafka_partition, kafka_offset FROM "
                + DuckDb.table(lake, "dead_letters") + " WHERE dl_stage = 'sink' AND source_topic = '"
                + table.topic(prefix) + "'")) {
            out.add(r.get(0) + "@" + r.get(1));
        }
        return out;
    }

    private static String duckType(LakeColumn.Type t) {
        return switch (t) {
            case STRING, JSON -> t == LakeColumn.Type.JSON ? "JSON" : "VARCHAR";
            case BYTES -> "BLOB";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case DOUBLE -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> "TIMESTAMP WITH TIME ZONE";
        };
    }
}
