package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code driftline query} on a fixture lake written with DuckDB in the sink's layout. */
class QueryCommandTest {

    @TempDir
    static Path lake;

    private String out;
    private String err;

    /** Two alerts of model wine in one hourly partition (TIMESTAMP WITH TIME ZONE columns, as the sink writes). */
    @BeforeAll
    static void writeLake() throws Exception {
        Path file = lake.resolve("alerts/model=wine/dt=2026-11-21/hour=10/driftline.alerts+0+00000000000000000000.parquet");
        Files.createDirectories(file.getParent());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("COPY (SELECT * FROM (VALUES "
                    + "('a1', 'data_drift', 'alcohol', 'open', 'warning', 0.25, TIMESTAMPTZ '2026-11-21 10:05:00+00'),"
                    + "('a2', 'data_quality', 'color, hue', 'open', 'critical', 3.0, TIMESTAMPTZ '2026-11-21 10:10:00+00')"
                    + ") v(alert_id, kind, feature, state, severity, value, opened_at)) TO '"
                    + file.toString().replace("'", "''") + "' (FORMAT PARQUET)");
        }
    }

    private int run(String... args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringWriter errText = new StringWriter();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(errText, true));
            return cl.execute(args);
        } finally {
            System.setOut(stdout);
            out = captured.toString(StandardCharsets.UTF_8);
            err = errText.toString();
        }
    }

    private static final String SQL = "SELECT alert_id, feature, value, opened_at, hour FROM alerts "
            + "WHERE model = 'wine' ORDER BY alert_id";

    @Test
    void csv() {
        assertThat(run("query", SQL, "--lake", lake.toUri().toString(), "--format", "csv")).as(err).isZero();
        assertThat(out).isEqualTo("alert_id,feature,value,opened_at,hour\n"
                + "a1,alcohol,0.25,2026-11-21 10:05:00,10\n"
                + "a2,\"color, hue\",3.0,2026-11-21 10:10:00,10\n");
    }

    @Test
    void json() {
        assertThat(run("query", SQL, "--lake", lake.toUri().toString(), "--format", "json")).as(err).isZero();
        assertThat(out).isEqualTo(
                "{\"alert_id\":\"a1\",\"feature\":\"alcohol\",\"value\":0.25,\"opened_at\":\"2026-11-21 10:05:00\",\"hour\":\"10\"}\n"
                + "{\"alert_id\":\"a2\",\"feature\":\"color, hue\",\"value\":3.0,\"opened_at\":\"2026-11-21 10:10:00\",\"hour\":\"10\"}\n");
    }

    @Test
    void tableIsTheDefaultAndAPlainPathWorks() {
        assertThat(run("query", SQL, "--lake", lake.toString())).as(err).isZero();
        assertThat(out).isEqualTo("""
                alert_id | feature    | value | opened_at           | hour
                ---------+------------+-------+---------------------+-----
                a1       | alcohol    |  0.25 | 2026-11-21 10:05:00 | 10
                a2       | color, hue |   3.0 | 2026-11-21 10:10:00 | 10
                (2 rows)
                """);
    }

    @Test
    void listTablesCountsFilesAndRowsOfEveryTable() {
        assertThat(run("query", "--list-tables", "--lake", lake.toString(), "--format", "csv")).as(err).isZero();
        assertThat(out).isEqualTo("table,files,rows\ninference_log,0,0\nfeature_profiles,0,0\ndrift_metrics,0,0\n"
                + "model_quality,0,0\nalerts,1,2\ndead_letters,0,0\nlabels,0,0\nremediation_events,0,0\n");
    }

    @Test
    void analystQueriesByName() {
        assertThat(run("query", "--analyst", "alerts_per_week", "--lake", lake.toString(), "--format", "csv"))
                .as(err).isZero();
        assertThat(out).isEqualTo("model,week,alerts_opened,critical,drift_alerts,features\n"
                + "wine,2026-11-16 00:00:00,2,1,1,2\n");
        assertThat(run("query", "--analyst", "list", "--format", "csv")).isZero();
        assertThat(out).startsWith("name,models,question\n").contains("\ndrift_timeline,one (--model),\"How did the wine model")
                .contains("\nalerts_per_week,all,\"How many alerts").contains("\nepisodes_per_week,all,")
                .contains("\nlabelled_inferences,one (--model),");
        assertThat(run("query", "--analyst", "episodes-per-week", "--lake", lake.toString(), "--format", "csv"))
                .as(err).isZero();
        assertThat(out).isEqualTo("model,week,outcome,episodes,first_started,last_ended\n");
        assertThat(run("query", "--analyst", "drift_timeline", "--model", "fraud", "--show-sql")).isZero();
        assertThat(out).contains("WHERE model = 'fraud'").doesNotContain("'wine'").endsWith(";\n");
        assertThat(run("query", "--analyst", "nope")).isEqualTo(2);
        assertThat(err).contains("no analyst query 'nope'").contains("drift_timeline");
        assertThat(run("query", "--analyst", "alerts_per_week", "--model", "fraud")).isEqualTo(2);
        assertThat(err).contains("every model");
    }

    @Test
    void s3LakesAreReferredToAthena() {
        assertThat(run("query", "SELECT 1", "--lake", "s3://my-bucket/lake")).isEqualTo(2);
        assertThat(err).contains("driftline query: --lake s3://my-bucket/lake/: driftline query reads local lakes")
                .contains("driftline athena query");
        assertThat(out).isEmpty();
    }

    @Test
    void sqlErrorsExit2WithDuckDbsMessage() {
        assertThat(run("query", "SELECT nope FROM alerts", "--lake", lake.toString())).isEqualTo(2);
        assertThat(err).startsWith("driftline query: Binder Error").contains("nope");
        assertThat(run("query", "SELECT * FROM no_such_table", "--lake", lake.toString())).isEqualTo(2);
        assertThat(err).contains("Catalog Error").contains("no_such_table");
        assertThat(out).isEmpty();
    }

    @Test
    void unreadableLakeFileExits1(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("alerts/model=wine/dt=2026-11-21/hour=10/x.parquet");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, "this is not a parquet file");
        assertThat(run("query", "SELECT count(*) FROM alerts", "--lake", dir.toString())).isEqualTo(1);
        assertThat(err).contains("x.parquet");
    }

    @Test
    void badInvocationsExit2NamingTheProblem(@TempDir Path dir) {
        Path missing = dir.resolve("nope");
        assertThat(run("query", "SELECT 1", "--lake", missing.toString())).isEqualTo(2);
        assertThat(err).contains(missing.toString()).contains("does not exist");
        assertThat(run("query", "--lake", lake.toString())).isEqualTo(2);
        assertThat(err).contains("exactly one of SQL, --list-tables or --analyst");
        assertThat(run("query", "SELECT 1", "--list-tables", "--lake", lake.toString())).isEqualTo(2);
        assertThat(run("query", "SELECT 1", "--format", "xml", "--lake", lake.toString())).isEqualTo(2);
        assertThat(err).contains("--format");
        assertThat(run("query", "SELECT 1", "--model", "x", "--lake", lake.toString())).isEqualTo(2);
        assertThat(err).contains("go with --analyst");
    }
}
