package dev.driftline.sink.query;

import static dev.driftline.sink.query.LakeFixture.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.sink.LakeColumn;
import dev.driftline.sink.LakeTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLakeTest {

    private static final Instant T = Instant.parse("2026-11-21T03:05:00Z");

    /** Names and DuckDB types of a view's columns, in order, as "name TYPE". */
    private static List<String> describe(LocalLake lake, LakeTable t) {
        QueryResult r = lake.query("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '"
                + t.tableName() + "' ORDER BY ordinal_position");
        return r.rows().stream().map(row -> row.get(0) + " " + row.get(1)).toList();
    }

    /** What every view must look like: the documented file columns with their types, then the partitions. */
    private static List<String> documented(LakeTable t) {
        List<String> out = new ArrayList<>();
        for (LakeColumn c : t.columns()) {
            out.add(c.name() + " " + LocalLake.duckDbType(c.type()));
        }
        out.addAll(List.of("model VARCHAR", "dt VARCHAR", "hour VARCHAR"));
        return out;
    }

    private static List<List<String>> text(QueryResult r) {
        return r.rows().stream().map(row -> row.stream().map(String::valueOf).toList()).toList();
    }

    private static Path writeAlerts(LakeFixture f, String model, Instant t, int n) throws Exception {
        List<java.util.Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(row("alert_id", model + "-" + i, "kind", "data_drift", "feature", "f" + i, "state", "open",
                    "severity", "warning", "window_start", t, "window_end", t.plusSeconds(300), "value", 0.5 + i,
                    "opened_at", t.plusSeconds(300), "details_json", "{\"i\":" + i + "}"));
        }
        return f.write(LakeTable.ALERTS, model, t, rows);
    }

    @Test
    void emptyLakeHasEveryTableAsAnEmptyViewWithTheDocumentedColumnsAndTypes(@TempDir Path dir) {
        try (LocalLake lake = LocalLake.open(dir)) {
            for (LakeTable t : LakeTable.values()) {
                QueryResult r = lake.query("SELECT * FROM " + t.tableName());
                assertThat(r.rows()).as(t.tableName()).isEmpty();
                assertThat(describe(lake, t)).as(t.tableName()).isEqualTo(documented(t));
                assertThat(lake.fileCount(t)).isZero();
            }
            assertThat(lake.query("SELECT count(*) AS n FROM drift_metrics WHERE model = 'wine'").rows())
                    .containsExactly(List.of(0L));
        }
    }

    @Test
    void viewsOverFilesHaveTheSameColumnsAndTypesAndCountEveryRowWritten(@TempDir Path dir) throws Exception {
        try (LakeFixture f = new LakeFixture(dir)) {
            writeAlerts(f, "wine", T, 3);
            writeAlerts(f, "wine", T.plusSeconds(3600), 2);
            writeAlerts(f, "fraud", T, 4);
            f.write(LakeTable.DEAD_LETTERS, "_unknown", T, List.of(
                    row("record_key", new byte[] {1, (byte) 0xAB}, "record_value", "{x".getBytes(), "dl_reason",
                            "not_json")));
            try (LocalLake lake = LocalLake.open(dir)) {
                for (LakeTable t : LakeTable.values()) {
                    assertThat(describe(lake, t)).as(t.tableName()).isEqualTo(documented(t));
                }
                assertThat(lake.query("SELECT count(*) FROM alerts").rows()).containsExactly(List.of(9L));
                assertThat(lake.fileCount(LakeTable.ALERTS)).isEqualTo(3);
                assertThat(text(lake.query("SELECT model, dt, hour, count(*) AS n FROM alerts "
                        + "GROUP BY ALL ORDER BY ALL")))
                        .containsExactly(List.of("fraud", "2026-11-21", "03", "4"),
                                List.of("wine", "2026-11-21", "03", "3"), List.of("wine", "2026-11-21", "04", "2"));
                // timestamps: UTC wall clock as TIMESTAMP text; JSON as text; numbers flagged numeric
                QueryResult r = lake.query("SELECT alert_id, opened_at, value, details_json FROM alerts "
                        + "WHERE model = 'fraud' AND alert_id = 'fraud-1'");
                assertThat(text(r)).containsExactly(List.of("fraud-1", "2026-11-21 03:10:00", "1.5", "{\"i\":1}"));
                assertThat(r.columns()).extracting(QueryResult.Column::numeric)
                        .containsExactly(false, false, true, false);
                assertThat(lake.query("SELECT count(*) AS n FROM alerts").columns().get(0).numeric()).isTrue();
                // BLOBs print as lower-case hex
                assertThat(text(lake.query("SELECT record_key, record_value, model FROM dead_letters")))
                        .containsExactly(List.of("01ab", "7b78", "_unknown"));
            }
        }
    }

    @Test
    void partitionColumnsAreVarcharLikeAthenaStringsAndKeepLeadingZeros(@TempDir Path dir) throws Exception {
        try (LakeFixture f = new LakeFixture(dir)) {
            writeAlerts(f, "wine", T, 2);
        }
        try (LocalLake lake = LocalLake.open(dir)) {
            assertThat(text(lake.query("SELECT DISTINCT typeof(model), typeof(dt), typeof(hour), hour FROM alerts")))
                    .containsExactly(List.of("VARCHAR", "VARCHAR", "VARCHAR", "03"));
            assertThat(lake.query("SELECT count(*) FROM alerts WHERE hour = '03' AND dt = '2026-11-21'").rows())
                    .containsExactly(List.of(2L));
        }
    }

    @Test
    void modelIsTheEscapedPartitionValueAsInAthenaNotDuckDbsDecodedOne(@TempDir Path dir) throws Exception {
        try (LakeFixture f = new LakeFixture(dir)) {
            Path file = writeAlerts(f, "fraud/v2", T, 2);
            assertThat(file.toString()).contains("model=fraud%2Fv2");
        }
        try (LocalLake lake = LocalLake.open(dir)) {
            assertThat(text(lake.query("SELECT model, count(*) FROM alerts WHERE model = 'fraud%2Fv2' GROUP BY model")))
                    .containsExactly(List.of("fraud%2Fv2", "2"));
        }
    }

    @Test
    void temporaryFilesAndOtherNonParquetNamesAreIgnored(@TempDir Path dir) throws Exception {
        Path file;
        try (LakeFixture f = new LakeFixture(dir)) {
            file = writeAlerts(f, "wine", T, 3);
        }
        // a valid Parquet file being written (dot name, no .parquet ending) and a stray note: neither is read
        Files.copy(file, file.resolveSibling("." + file.getFileName() + ".tmp"));
        Files.writeString(file.resolveSibling("README.txt"), "not parquet");
        try (LocalLake lake = LocalLake.open(dir)) {
            assertThat(lake.query("SELECT count(*) FROM alerts").rows()).containsExactly(List.of(3L));
            assertThat(lake.fileCount(LakeTable.ALERTS)).isEqualTo(1);
        }
    }

    @Test
    void aTableThatGetsItsFirstFileWhileOpenIsReadFromThen(@TempDir Path dir) throws Exception {
        try (LocalLake lake = LocalLake.open(dir); LakeFixture f = new LakeFixture(dir)) {
            assertThat(lake.query("SELECT count(*) FROM alerts").rows()).containsExactly(List.of(0L));
            writeAlerts(f, "wine", T, 2);
            assertThat(lake.query("SELECT count(*) FROM alerts").rows()).containsExactly(List.of(2L));
        }
    }

    @Test
    void aColumnNoFileHasYetReadsAsNull(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("alerts/model=wine/dt=2026-11-21/hour=03/old.parquet");
        Files.createDirectories(file.getParent());
        try (LakeFixture f = new LakeFixture(dir)) {
            // an older writer without resolved_at and details_json
            f.execute("COPY (SELECT 'a1' AS alert_id, 'open' AS state, TIMESTAMPTZ '2026-11-21 03:10:00+00' AS "
                    + "opened_at) TO " + LocalLake.literal(file.toString()) + " (FORMAT PARQUET)");
        }
        try (LocalLake lake = LocalLake.open(dir)) {
            assertThat(text(lake.query("SELECT alert_id, state, opened_at, resolved_at, details_json FROM alerts")))
                    .containsExactly(List.of("a1", "open", "2026-11-21 03:10:00", "null", "null"));
            assertThat(describe(lake, LakeTable.ALERTS)).isEqualTo(documented(LakeTable.ALERTS));
        }
    }

    @Test
    void timestampsReadAsUtcWhateverTheJvmZone(@TempDir Path dir) throws Exception {
        try (LakeFixture f = new LakeFixture(dir)) {
            writeAlerts(f, "wine", T, 1);
            f.write(LakeTable.ALERTS, "fraud", T, true, List.of(row("alert_id", "plain", "kind", "data_drift",
                    "state", "open", "severity", "warning", "window_start", T, "window_end", T,
                    "opened_at", T, "details_json", "{}")));
        }
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
            try (LocalLake lake = LocalLake.open(dir)) {
                assertThat(text(lake.query("SELECT window_start, typeof(window_start), "
                        + "date_trunc('week', window_start) FROM alerts ORDER BY model")))
                        .containsExactly(List.of("2026-11-21 03:05:00", "TIMESTAMP", "2026-11-16 00:00:00"),
                                List.of("2026-11-21 03:05:00", "TIMESTAMP", "2026-11-16 00:00:00"));
                assertThat(text(lake.query("SELECT current_setting('TimeZone')"))).containsExactly(List.of("UTC"));
            }
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void sqlErrorsCarryDuckDbsMessage(@TempDir Path dir) {
        try (LocalLake lake = LocalLake.open(dir)) {
            assertThatThrownBy(() -> lake.query("SELECT * FROM no_such_table"))
                    .isInstanceOf(LakeQueryException.class)
                    .hasMessageContaining("no_such_table")
                    .satisfies(e -> {
                        assertThat(((LakeQueryException) e).kind()).isEqualTo("Catalog");
                        assertThat(((LakeQueryException) e).isUserError()).isTrue();
                    });
            assertThatThrownBy(() -> lake.query("SELEC 1")).isInstanceOf(LakeQueryException.class)
                    .hasMessageContaining("syntax error");
            assertThat(lake.query("SET threads = 2").columns()).isEmpty();
        }
    }

    @Test
    void aMissingDirectoryIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> LocalLake.open(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void pathsAreEscapedInSqlLiterals(@TempDir Path dir) throws Exception {
        Path odd = dir.resolve("it's a lake");
        Files.createDirectories(odd);
        try (LakeFixture f = new LakeFixture(odd)) {
            writeAlerts(f, "wine", T, 2);
        }
        try (LocalLake lake = LocalLake.open(odd)) {
            assertThat(lake.query("SELECT count(*) FROM alerts").rows()).containsExactly(List.of(2L));
        }
        assertThat(LocalLake.literal("a'b")).isEqualTo("'a''b'");
        Path globby = Files.createDirectories(dir.resolve("lake[1]"));
        assertThatThrownBy(() -> LocalLake.open(globby)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("glob");
    }
}
