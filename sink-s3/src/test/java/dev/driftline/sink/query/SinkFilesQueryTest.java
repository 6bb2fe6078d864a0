package dev.driftline.sink.query;

import static dev.driftline.sink.SampleRecords.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.sink.LakeTable;
import dev.driftline.sink.ObjectKeys;
import dev.driftline.sink.SampleRecords;
import dev.driftline.sink.rows.LakeRow;
import dev.driftline.sink.rows.SourceRecord;
import dev.driftline.sink.rows.TableRows;
import dev.driftline.sink.write.FileLakeStore;
import dev.driftline.sink.write.ParquetSettings;
import dev.driftline.sink.write.TableFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The views over files the sink itself writes (TableRows + TableFile: TIMESTAMP(MILLIS, UTC), JSON annotation,
 * ZSTD), not only over DuckDB-written fixtures: types, UTC times, and analyst queries on real rows.
 */
class SinkFilesQueryTest {

    private static final String W1 = "2026-11-21T10:00:00Z";
    private static final String W1_END = "2026-11-21T10:05:00Z";
    private static final String W2 = "2026-11-21T10:05:00Z";
    private static final String W2_END = "2026-11-21T10:10:00Z";

    private long offset;

    /** One record of a table's topic through the sink's mapper into its own file; returns the rows written. */
    private int write(FileLakeStore store, LakeTable t, String value) throws Exception {
        return write(store, t, "wine", Instant.parse("2026-11-21T12:00:00Z"), value);
    }

    /** The same with the record's key and timestamp. */
    private int write(FileLakeStore store, LakeTable t, String key, Instant timestamp, String value) throws Exception {
        long off = offset++;
        SourceRecord r = new SourceRecord(t.topic("driftline."), 0, off, timestamp.toEpochMilli(), bytes(key),
                bytes(value), List.of());
        List<LakeRow> rows = TableRows.of(t).rows(r);
        LakeRow first = rows.get(0);
        TableFile file = new TableFile(t, store.create(ObjectKeys.key(t, first.model(), first.partitionTime(),
                r.topic(), 0, off)), ParquetSettings.DEFAULTS, Map.of());
        for (LakeRow row : rows) {
            file.write(row);
        }
        file.commit();
        return rows.size();
    }

    private static List<List<String>> text(QueryResult r) {
        return r.rows().stream().map(row -> row.stream().map(String::valueOf).toList()).toList();
    }

    @Test
    void viewsReadTheSinksFilesAndTheAnalystQueriesAnswerOnThem(@TempDir Path dir) throws Exception {
        int driftRows;
        try (FileLakeStore store = new FileLakeStore(dir)) {
            driftRows = write(store, LakeTable.DRIFT_METRICS, SampleRecords.drift("wine", W1, W1_END, 1));
            driftRows += write(store, LakeTable.DRIFT_METRICS, SampleRecords.drift("wine", W1, W1_END, 2));
            driftRows += write(store, LakeTable.DRIFT_METRICS, SampleRecords.noBaseline("wine", W2, W2_END));
            write(store, LakeTable.MODEL_QUALITY, SampleRecords.quality("wine", W1, W1_END, 1, 0.95));
            write(store, LakeTable.MODEL_QUALITY, SampleRecords.quality("wine", W1, W1_END, 2, 0.85));
            write(store, LakeTable.ALERTS, SampleRecords.alert("wine", "a1", "open", W1, W1_END));
            write(store, LakeTable.FEATURE_PROFILES, SampleRecords.profile("wine", W1, W1_END, 1));
            write(store, LakeTable.INFERENCE_LOG, SampleRecords.inference("wine", "id-1", 0, W1, 3.5));
        }
        try (LocalLake lake = LocalLake.open(dir)) {
            assertThat(lake.query("SELECT count(*) FROM drift_metrics").rows()).containsExactly(List.of(
                    (long) driftRows));
            assertThat(driftRows).isEqualTo(2 * SampleRecords.DRIFT_ROWS + 1);
            for (LakeTable t : LakeTable.values()) { // same columns and types as over DuckDB-written or no files
                assertThat(lake.query("SELECT column_name, data_type FROM information_schema.columns WHERE "
                        + "table_name = '" + t.tableName() + "' ORDER BY ordinal_position").rows().size())
                        .isEqualTo(t.columns().size() + 3);
            }
            assertThat(text(lake.query("SELECT window_start, updated_at, typeof(updated_at), metrics_json, model, dt, "
                    + "hour FROM model_quality WHERE model = 'wine' AND version = 2")))
                    .containsExactly(List.of("2026-11-21 10:00:00", "2026-11-21 12:00:01.250", "TIMESTAMP",
                            "{\"accuracy\":0.85,\"weighted_f1\":0.8}", "wine", "2026-11-21", "10"));
            assertThat(text(lake.query(AnalystQueries.byName("drift_timeline").sql()))).containsExactly(
                    List.of("2026-11-21 10:00:00", "2", "evaluated", "3", "2", "0.5", "true"),
                    List.of("2026-11-21 10:05:00", "1", "no_baseline", "0", "0", "0.0", "false")); // as reported
            assertThat(text(lake.query(AnalystQueries.byName("prediction_drift_vs_quality").sql()))).containsExactly(
                    List.of("2026-11-21 10:00:00", "output-0", "wasserstein_norm", "0.12", "true", "2", "accuracy",
                            "0.85", "0.9", "degraded", "412"));
            assertThat(text(lake.query("SELECT alert_id, opened_at, details_json FROM alerts")))
                    .containsExactly(List.of("a1", "2026-11-21 10:05:00", "{\"revision\":1,\"method\":\"ks\"}"));
        }
    }

    private void event(FileLakeStore store, String model, String episode, int seq, String from, String to,
            String at) throws Exception {
        write(store, LakeTable.REMEDIATION_EVENTS, model, Instant.parse(at),
                SampleRecords.episodeEvent(model, episode, seq, from, to, at));
    }

    @Test
    void episodesPerWeekCountsEpisodesByStartWeekAndTerminalState(@TempDir Path dir) throws Exception {
        try (FileLakeStore store = new FileLakeStore(dir)) {
            event(store, "wine", "w1", 0, null, "TRIGGERED", "2026-11-16T10:00:00Z"); // Monday
            event(store, "wine", "w1", 1, "TRIGGERED", "PREPARING_DATA", "2026-11-16T10:01:00Z");
            event(store, "wine", "w1", 2, "PROMOTED", "DONE", "2026-11-17T09:00:00Z");
            event(store, "wine", "w2", 0, null, "TRIGGERED", "2026-11-18T10:00:00Z");
            event(store, "wine", "w2", 1, "TRAINING", "FAILED", "2026-11-18T12:00:00Z");
            event(store, "wine", "w2", 1, "TRAINING", "FAILED", "2026-11-18T12:00:00Z"); // replayed transition
            event(store, "wine", "w3", 0, null, "TRIGGERED", "2026-11-22T23:00:00Z"); // Sunday: started that week
            event(store, "wine", "w3", 1, "AWAITING_APPROVAL", "REJECTED", "2026-11-23T08:00:00Z");
            event(store, "wine", "w4", 0, null, "TRIGGERED", "2026-11-23T10:00:00Z");
            event(store, "wine", "w4", 1, "TRIGGERED", "TRAINING", "2026-11-23T10:05:00Z");
            event(store, "fraud", "f1", 0, null, "TRIGGERED", "2026-11-24T00:00:00Z");
            event(store, "fraud", "f1", 1, "BAKING", "ROLLED_BACK", "2026-11-25T00:00:00Z");
        }
        try (LocalLake lake = LocalLake.open(dir)) {
            assertThat(text(lake.query(AnalystQueries.byName("episodes-per-week").sql()))).containsExactly(
                    List.of("fraud", "2026-11-23 00:00:00", "ROLLED_BACK", "1", "2026-11-24 00:00:00",
                            "2026-11-25 00:00:00"),
                    List.of("wine", "2026-11-16 00:00:00", "DONE", "1", "2026-11-16 10:00:00", "2026-11-17 09:00:00"),
                    List.of("wine", "2026-11-16 00:00:00", "FAILED", "1", "2026-11-18 10:00:00",
                            "2026-11-18 12:00:00"),
                    List.of("wine", "2026-11-16 00:00:00", "REJECTED", "1", "2026-11-22 23:00:00",
                            "2026-11-23 08:00:00"),
                    List.of("wine", "2026-11-23 00:00:00", "open", "1", "2026-11-23 10:00:00", "null"));
            assertThat(text(lake.query("SELECT count(*), count(DISTINCT event_id) FROM remediation_events")))
                    .containsExactly(List.of("12", "11"));
        }
    }

    @Test
    void labelledInferencesJoinsTheLatestLabelOnInferenceIdAndRow(@TempDir Path dir) throws Exception {
        Instant h = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Instant t1 = h.minus(java.time.Duration.ofHours(3));
        Instant t2 = h.minus(java.time.Duration.ofHours(2));
        Instant arrived = h.minus(java.time.Duration.ofHours(1));
        Instant old = h.minus(java.time.Duration.ofDays(10));
        try (FileLakeStore store = new FileLakeStore(dir)) {
            for (String[] inf : new String[][] {{"wine", "id-1", "0", t1.toString()}, {"wine", "id-1", "1",
                    t1.toString()}, {"wine", "id-2", "0", t2.toString()}, {"wine", "id-3", "0", t2.toString()},
                    {"wine", "id-0", "0", old.toString()}, {"fraud", "id-f", "0", t2.toString()}}) {
                write(store, LakeTable.INFERENCE_LOG, inf[0], Instant.parse(inf[3]), SampleRecords.inference(inf[0],
                        inf[1], Integer.parseInt(inf[2]), inf[3], Integer.parseInt(inf[2]) + 0.5));
            }
            write(store, LakeTable.LABELS, "id-1", arrived, SampleRecords.label("id-1", 0, "wine", "1", null));
            write(store, LakeTable.LABELS, "id-1", arrived, SampleRecords.label("id-1", 1, null, "0",
                    t2.toString())); // no model: the _unknown partition
            write(store, LakeTable.LABELS, "id-2", arrived, SampleRecords.label("id-2", 0, "wine", "1", null));
            write(store, LakeTable.LABELS, "id-2", arrived.plusSeconds(60), SampleRecords.label("id-2", 0, "wine",
                    "0", null)); // a correction
            write(store, LakeTable.LABELS, "id-0", old.plusSeconds(60), SampleRecords.label("id-0", 0, "wine", "1",
                    null));
            write(store, LakeTable.LABELS, "id-f", arrived, SampleRecords.label("id-f", 0, "fraud", "1", null));
        }
        String ts = "yyyy-MM-dd HH:mm:ss";
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern(ts)
                .withZone(java.time.ZoneOffset.UTC);
        try (LocalLake lake = LocalLake.open(dir)) {
            assertThat(text(lake.query("SELECT inference_id, \"row\", label, event_time, model FROM labels "
                    + "ORDER BY kafka_offset"))).hasSize(6).contains(List.of("id-1", "1", "0", f.format(t2),
                    "_unknown"));
            AnalystQueries.AnalystQuery q = AnalystQueries.byName("labelled-inferences");
            assertThat(text(lake.query("SELECT inference_id, \"row\", event_time, label, label_time, features_json "
                    + "FROM (" + q.sql() + ") x"))).containsExactly(
                    List.of("id-1", "0", f.format(t1), "1", "null", "{\"x\":0.5,\"city\":\"Oslo\",\"note\":null}"),
                    List.of("id-1", "1", f.format(t1), "0", f.format(t2), "{\"x\":1.5,\"city\":\"Oslo\",\"note\":null}"),
                    List.of("id-2", "0", f.format(t2), "0", "null", "{\"x\":0.5,\"city\":\"Oslo\",\"note\":null}"));
            assertThat(text(lake.query("SELECT inference_id, label FROM (" + q.forModel("fraud").sql() + ") x")))
                    .containsExactly(List.of("id-f", "1"));
        }
    }
}
