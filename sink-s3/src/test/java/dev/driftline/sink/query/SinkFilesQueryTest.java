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
        long off = offset++;
        SourceRecord r = new SourceRecord(t.topic("driftline."), 0, off,
                Instant.parse("2026-11-21T12:00:00Z").toEpochMilli(), bytes("wine"), bytes(value), List.of());
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
}
