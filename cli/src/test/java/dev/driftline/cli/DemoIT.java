package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.bench.support.Ports;
import dev.driftline.sink.query.AnalystQueries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4, acceptance 4 (and issue 5, acceptance 4: {@link #assertLake}), as CI runs it:
 * {@code driftline demo --no-remediation --seconds 75 --summary-json s.json} (the run that stops at the alerts; the
 * closed loop is {@link DemoLoopIT}) with nothing else
 * running (its own broker process, collector and streams in this JVM) exits 0, and the summary shows alerts for
 * the shifted features and none for the untouched ones, after every window was evaluated and no event was lost.
 */
class DemoIT {
    @Test
    void theDemoFindsTheShiftedFeaturesAndOnlyThem(@TempDir Path dir) throws Exception {
        Path summary = dir.resolve("s.json");
        Path lake = dir.resolve("lake");
        CliRun run = CliRun.of("demo", "--no-remediation", "--seconds", "75", "--summary-json", summary.toString(),
                "--data-dir", dir.resolve("data").toString(), "--lake", lake.toUri().toString(), "--port",
                Integer.toString(Ports.freeLoopbackPort()), "--kafka-port", Integer.toString(Ports.freeLoopbackPortPair()),
                "--metrics-port", "0", "--ui-port", "0");
        String out = run.out();
        int exit = run.exit();
        System.out.println(out);
        assertThat(exit).as(out + run.err()).isZero();
        assertThat(out).contains("demo: summary", "demo: ALERT open");
        // issue 14, acceptance 4: where the metrics are, and a Prometheus command with the shipped rules
        Path promConfig = dir.resolve("data").toAbsolutePath().normalize().resolve("prometheus/prometheus.yml");
        assertThat(out).containsPattern("demo: Prometheus metrics on http://127\\.0\\.0\\.1:\\d+/metrics \\(collector\\)")
                .contains("prometheus --config.file=" + promConfig + " ");

        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertThat(s.at("/sent/events_refused").asLong()).isZero();
        assertThat(s.at("/sent/events_accepted").asLong()).isEqualTo(2 * s.at("/sent/inferences").asLong());
        assertThat(s.get("windows_evaluated").asInt()).isEqualTo(s.get("windows_expected").asInt()).isEqualTo(24);
        // every row counted once; a retried event (503 = not acknowledged in time) may count twice
        long retriedRows = 4 * s.at("/sent/events_retried").asLong();
        assertThat(s.get("rows_evaluated").asLong()).isBetween(s.at("/sent/rows").asLong(),
                s.at("/sent/rows").asLong() + retriedRows);
        assertThat(s.get("windows_with_drift").asInt()).isBetween(10, 13); // the shift covers the second half

        List<String> dataDrift = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (JsonNode a : s.get("alerts")) {
            kinds.add(a.get("kind").asText());
            if (a.get("kind").asText().equals("data_drift")) {
                dataDrift.add(a.get("feature").asText());
            }
        }
        assertThat(dataDrift).containsExactlyInAnyOrder("alcohol", "color_intensity", "flavanoids", "proline");
        assertThat(kinds).contains("model_quality");
        assertThat(s.get("shifted_without_alert")).isEmpty();
        assertThat(s.get("untouched_with_alert")).isEmpty();
        assertThat(s.get("untouched_features")).hasSize(9);
        assertThat(s.get("model_quality_windows").asInt()).isEqualTo(24);
        assertLake(lake, s, out);
    }

    /**
     * Issue 5, acceptance 4: the demo's lake holds what the pipeline produced (the malformed inferences as dead
     * letters), every documented analyst query returns rows under {@code driftline query}, and
     * {@code select count(*) from drift_metrics} equals the row count of the table's Parquet files read directly
     * (footers, with parquet-java — no DuckDB).
     */
    private static void assertLake(Path lake, JsonNode s, String out) throws Exception {
        assertThat(out).contains("./driftline query --lake " + lake.toUri() + " --analyst top_drifting_features_24h");
        JsonNode rows = s.at("/lake/rows");
        assertThat(rows.get("inference_log").asLong()).isEqualTo(s.get("rows_evaluated").asLong());
        assertThat(rows.get("dead_letters").asLong()).as("request and response of each malformed inference")
                .isEqualTo(s.at("/sent/malformed_events_accepted").asLong()).isPositive();
        assertThat(rows.get("alerts").asLong()).as("open records, and resolve records if any")
                .isGreaterThanOrEqualTo(s.get("alerts").size());
        assertThat(rows.get("drift_metrics").asLong()).isPositive();
        assertThat(rows.get("model_quality").asLong()).isGreaterThanOrEqualTo(24);
        for (AnalystQueries.AnalystQuery q : AnalystQueries.all()) {
            if (q.name().equals("episodes_per_week")) {
                // the demo runs no remediation service yet: remediation_events stays empty (RemediationLakeQueryIT
                // checks this query on a lake that has episodes)
                String result = run("query", "--lake", lake.toUri().toString(), "--analyst", q.name(), "--format",
                        "csv");
                assertThat(result.lines().count()).as(q.name() + " runs on an empty table").isEqualTo(1);
                continue;
            }
            String result = run("query", "--lake", lake.toUri().toString(), "--analyst", q.name(), "--format", "csv");
            assertThat(result.lines().count()).as(q.name() + " returns rows:\n" + result).isGreaterThan(1);
        }
        String count = run("query", "select count(*) from drift_metrics", "--lake", lake.toUri().toString(),
                "--format", "csv");
        long footers = 0;
        try (Stream<Path> files = Files.walk(lake.resolve("drift_metrics"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f))) {
                    footers += r.getRecordCount();
                }
            }
        }
        assertThat(count.lines().toList()).containsExactly("count_star()", Long.toString(footers));
        assertThat(footers).isEqualTo(rows.get("drift_metrics").asLong());
    }

    private static String run(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
        return r.out();
    }
}
