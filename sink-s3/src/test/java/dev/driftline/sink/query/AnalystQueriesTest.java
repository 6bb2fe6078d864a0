package dev.driftline.sink.query;

import static dev.driftline.sink.query.LakeFixture.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.sink.LakeTable;
import dev.driftline.sink.query.AnalystQueries.AnalystQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every analyst query against a fixture lake whose expected answers were worked out by hand: two models, windows
 * inside and outside the last 24 hours / 7 days, a window re-emitted as revision 2 that changes the verdicts, a
 * model-quality window re-emitted as version 2, non-decision metric rows with large values, a no_baseline report,
 * an insufficient_data feature, alerts on both sides of week boundaries with a duplicated open record, and dead
 * letters. Recent windows are placed relative to now, so the {@code current_timestamp} filters are exercised.
 */
class AnalystQueriesTest {

    private static final Instant H = Instant.now().truncatedTo(ChronoUnit.HOURS);
    private static final Instant W_NB = H.minus(Duration.ofHours(72));
    private static final Instant W_OLD = H.minus(Duration.ofHours(48));
    private static final Instant W1 = H.minus(Duration.ofHours(3));
    private static final Instant W2 = H.minus(Duration.ofHours(2));
    private static final Instant F1 = H.minus(Duration.ofHours(4));
    private static final Instant F_NB = H.minus(Duration.ofHours(5));

    @TempDir
    static Path lakeDir;

    @BeforeAll
    static void writeLake() throws Exception {
        try (LakeFixture f = new LakeFixture(lakeDir)) {
            writeDrift(f);
            writeQuality(f);
            writeAlerts(f);
            writeProfiles(f);
            writeDeadLetters(f);
        }
    }

    // ---- fixture -----------------------------------------------------------------------------------------------

    private static Map<String, Object> report(Instant ws, int revision, boolean datasetDrift, Double share) {
        return row("window_start", ws, "window_end", ws.plus(Duration.ofHours(1)), "revision", revision, "rows", 100,
                "report_status", "evaluated", "reference_mode", "baseline", "dataset_drift", datasetDrift,
                "drifted_share", share, "violations_json", "[]");
    }

    /** The decision-metric row of a feature plus one non-decision row (value 9.5) carrying the same verdict. */
    private static List<Map<String, Object>> feature(Map<String, Object> report, String feature, String role,
            String method, Double value, double threshold, String decision) {
        Boolean drift = decision.equals("insufficient_data") ? null : decision.equals("drift");
        String other = method.equals("psi") ? "jensen_shannon" : "psi";
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String metric : List.of(method, other)) {
            Map<String, Object> r = new java.util.LinkedHashMap<>(report);
            r.putAll(row("feature", feature, "role", role, "feature_kind", method.equals("chi2") ? "categorical"
                    : "numeric", "n_reference", 1000, "n_current", 100, "metric", metric,
                    "value", metric.equals(method) ? value : Double.valueOf(9.5), "method", method,
                    "is_decision_metric", metric.equals(method), "threshold", threshold, "decision", decision,
                    "drift", drift));
            rows.add(r);
        }
        return rows;
    }

    @SafeVarargs
    private static List<Map<String, Object>> concat(List<Map<String, Object>>... parts) {
        return Arrays.stream(parts).flatMap(List::stream).toList();
    }

    private static Map<String, Object> noBaseline(Instant ws) {
        Map<String, Object> r = report(ws, 1, false, null);
        r.put("report_status", "no_baseline");
        r.remove("reference_mode");
        return r;
    }

    private static void writeDrift(LakeFixture f) throws Exception {
        LakeTable t = LakeTable.DRIFT_METRICS;
        f.write(t, "wine", W_NB, List.of(noBaseline(W_NB)));
        Map<String, Object> old = report(W_OLD, 1, true, 0.6667);
        f.write(t, "wine", W_OLD, concat(feature(old, "alcohol", "feature", "ks", 0.001, 0.002, "drift"),
                feature(old, "color", "feature", "chi2", 0.5, 0.002, "no_drift"),
                feature(old, "quality", "prediction", "psi", 0.3, 0.2, "drift")));
        Map<String, Object> w1r1 = report(W1, 1, true, 0.6667);
        f.write(t, "wine", W1, concat(feature(w1r1, "alcohol", "feature", "ks", 0.001, 0.002, "drift"),
                feature(w1r1, "color", "feature", "chi2", 0.0015, 0.002, "drift"),
                feature(w1r1, "quality", "prediction", "psi", 0.05, 0.2, "no_drift")));
        Map<String, Object> w1r2 = report(W1, 2, false, 0.3333); // a straggler changed the verdicts
        f.write(t, "wine", W1, concat(feature(w1r2, "alcohol", "feature", "ks", 0.4, 0.002, "no_drift"),
                feature(w1r2, "color", "feature", "chi2", 0.0012, 0.002, "drift"),
                feature(w1r2, "quality", "prediction", "psi", 0.06, 0.2, "no_drift")));
        Map<String, Object> w2 = report(W2, 1, true, 0.6667);
        f.write(t, "wine", W2, concat(feature(w2, "alcohol", "feature", "ks", 0.0011, 0.002, "drift"),
                feature(w2, "color", "feature", "chi2", 0.3, 0.002, "no_drift"),
                feature(w2, "quality", "prediction", "psi", 0.4, 0.2, "drift"),
                feature(w2, "sulphates", "feature", "ks", null, 0.002, "insufficient_data")));
        f.write(t, "fraud", F_NB, List.of(noBaseline(F_NB)));
        Map<String, Object> f1 = report(F1, 1, true, 0.5);
        f.write(t, "fraud", F1, concat(feature(f1, "amount", "feature", "ks", 0.001, 0.002, "drift"),
                feature(f1, "is_fraud", "prediction", "psi", 0.01, 0.2, "no_drift")));
    }

    private static Map<String, Object> quality(Instant ws, int version, double accuracy, String status, int labelled) {
        return row("window_start", ws, "window_end", ws.plus(Duration.ofHours(1)), "version", version,
                "problem_type", "multiclass_classification", "labelled_rows", labelled, "dropped_labels", 0,
                "metric", "accuracy", "value", accuracy, "threshold", 0.8, "status", status,
                "metrics_json", "{\"accuracy\":" + accuracy + "}", "updated_at", ws.plus(Duration.ofHours(2)));
    }

    private static void writeQuality(LakeFixture f) throws Exception {
        LakeTable t = LakeTable.MODEL_QUALITY;
        f.write(t, "wine", W_OLD, List.of(quality(W_OLD, 1, 0.9, "ok", 100)));
        f.write(t, "wine", W1, List.of(quality(W1, 1, 0.88, "ok", 90)));
        f.write(t, "wine", W1, List.of(quality(W1, 2, 0.7, "degraded", 150))); // late labels
        Map<String, Object> canary = quality(W1, 3, 0.99, "ok", 40); // one version's window during a rollout:
        canary.put("model_version", "v2"); // not the model's, though its version number is the highest
        f.write(t, "wine", W1, List.of(canary));
        f.write(t, "fraud", W1, List.of(quality(W1, 1, 0.99, "ok", 500)));
    }

    private static Map<String, Object> alert(String id, String kind, String feature, String state, String severity,
            String openedAt) {
        Instant at = Instant.parse(openedAt);
        return row("alert_id", id, "kind", kind, "feature", feature, "state", state, "severity", severity,
                "window_start", at.minus(Duration.ofHours(1)), "window_end", at, "opened_at", at,
                "resolved_at", state.equals("resolved") ? at.plus(Duration.ofDays(1)) : null, "details_json", "{}");
    }

    private static void writeAlerts(LakeFixture f) throws Exception {
        LakeTable t = LakeTable.ALERTS;
        Map<String, Object> a2 = alert("a2", "prediction_drift", "quality", "open", "critical", "2026-11-21T10:00:00Z");
        // week of Monday 2026-11-16; plain TIMESTAMP columns in this file, TIMESTAMP WITH TIME ZONE elsewhere
        f.write(t, "wine", Instant.parse("2026-11-17T09:00:00Z"), true, List.of(
                alert("a1", "data_drift", "alcohol", "open", "warning", "2026-11-17T10:00:00Z"),
                alert("a1", "data_drift", "alcohol", "resolved", "warning", "2026-11-17T10:00:00Z"), a2));
        f.write(t, "wine", Instant.parse("2026-11-21T09:00:00Z"), List.of(a2)); // re-uploaded duplicate
        f.write(t, "wine", Instant.parse("2026-11-24T09:00:00Z"), List.of(
                alert("a3", "model_quality", null, "open", "critical", "2026-11-24T10:00:00Z")));
        f.write(t, "fraud", Instant.parse("2026-11-22T22:00:00Z"), List.of(
                alert("b2", "data_drift", "amount", "open", "warning", "2026-11-22T23:59:00Z"),
                alert("b1", "data_quality", "amount", "open", "warning", "2026-11-23T00:00:00Z")));
    }

    private static Map<String, Object> profile(Instant ws, int revision, String feature, int rows, int missing,
            int mismatches) {
        return row("window_start", ws, "window_end", ws.plus(Duration.ofHours(1)), "revision", revision, "rows", rows,
                "partials", 1, "feature", feature, "type", "fractional", "count", rows, "present", rows - missing,
                "missing", missing, "type_mismatches", mismatches);
    }

    private static void writeProfiles(LakeFixture f) throws Exception {
        LakeTable t = LakeTable.FEATURE_PROFILES;
        Instant tenDays = H.minus(Duration.ofDays(10));
        f.write(t, "wine", tenDays, List.of(profile(tenDays, 1, "alcohol", 1000, 900, 0)));
        f.write(t, "wine", W1, List.of(profile(W1, 1, "alcohol", 100, 10, 0), profile(W1, 1, "color", 100, 0, 5)));
        f.write(t, "wine", W1, List.of(profile(W1, 2, "alcohol", 120, 12, 0), profile(W1, 2, "color", 120, 0, 6)));
        f.write(t, "wine", W2, List.of(profile(W2, 1, "alcohol", 80, 0, 0), profile(W2, 1, "color", 80, 4, 0)));
        f.write(t, "fraud", W2, List.of(profile(W2, 1, "amount", 50, 50, 50)));
    }

    private static Map<String, Object> deadLetter(Instant at, String reason) {
        return row("record_value", "{oops".getBytes(), "dl_reason", reason, "dl_part", "request", "dl_stage",
                "ingest", "kafka_timestamp", at);
    }

    private static void writeDeadLetters(LakeFixture f) throws Exception {
        LakeTable t = LakeTable.DEAD_LETTERS;
        Instant h1 = H.minus(Duration.ofHours(1));
        Instant h2 = H.minus(Duration.ofHours(2));
        f.write(t, "_unknown", h2, List.of(deadLetter(h2, "not_json")));
        f.write(t, "_unknown", h1, List.of(deadLetter(h1, "not_json")));
        f.write(t, "_unknown", H.minus(Duration.ofDays(8)), List.of(deadLetter(H.minus(Duration.ofDays(8)), "old")));
        f.write(t, "wine", h1, List.of(deadLetter(h1, "shape_mismatch")));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static String ts(Instant t) {
        return t.toString().replace('T', ' ').replace("Z", "");
    }

    private static List<List<String>> run(String name) {
        try (LocalLake lake = LocalLake.open(lakeDir)) {
            return run(lake, AnalystQueries.byName(name));
        }
    }

    private static List<List<String>> run(LocalLake lake, AnalystQuery q) {
        return lake.query(q.sql()).rows().stream().map(r -> r.stream().map(String::valueOf).toList()).toList();
    }

    private static List<String> r(Object... values) {
        return Arrays.stream(values).map(String::valueOf).toList();
    }

    // ---- the queries -------------------------------------------------------------------------------------------

    @Test
    void topDriftingFeatures24hKeepsTheLatestRevisionAndOnlyDecisionRowsOfTheLastDay() {
        assertThat(run("top_drifting_features_24h")).containsExactly(
                r("fraud", "amount", "feature", "ks", 1, 1, 1.0, 0.001, 0.001, 0.002),
                r("wine", "alcohol", "feature", "ks", 2, 1, 0.5, 0.0011, 0.4, 0.002),
                r("wine", "color", "feature", "chi2", 2, 1, 0.5, 0.0012, 0.3, 0.002),
                r("wine", "quality", "prediction", "psi", 2, 1, 0.5, 0.06, 0.4, 0.2),
                r("fraud", "is_fraud", "prediction", "psi", 1, 0, 0.0, 0.01, 0.01, 0.2),
                r("wine", "sulphates", "feature", "ks", 1, 0, 0.0, null, null, 0.002));
    }

    @Test
    void driftTimelineHasOneRowPerWindowFromItsLatestRevision() {
        assertThat(run("drift_timeline")).containsExactly(
                r(ts(W_NB), 1, "no_baseline", 0, 0, null, false),
                r(ts(W_OLD), 1, "evaluated", 3, 2, 0.6667, true),
                r(ts(W1), 2, "evaluated", 3, 1, 0.3333, false),
                r(ts(W2), 1, "evaluated", 3, 2, 0.6667, true));
    }

    @Test
    void alertsPerWeekCountsDistinctOpenedAlertsInIsoWeeks() {
        assertThat(run("alerts_per_week")).containsExactly(
                r("fraud", "2026-11-16 00:00:00", 1, 0, 1, 1),
                r("fraud", "2026-11-23 00:00:00", 1, 0, 0, 1),
                r("wine", "2026-11-16 00:00:00", 2, 1, 2, 2),
                r("wine", "2026-11-23 00:00:00", 1, 1, 0, 0));
    }

    @Test
    void predictionDriftVsQualityJoinsTheHighestQualityVersionPerWindow() {
        assertThat(run("prediction_drift_vs_quality")).containsExactly(
                r(ts(W_OLD), "quality", "psi", 0.3, true, 1, "accuracy", 0.9, 0.8, "ok", 100),
                r(ts(W1), "quality", "psi", 0.06, false, 2, "accuracy", 0.7, 0.8, "degraded", 150),
                r(ts(W2), "quality", "psi", 0.4, true, null, null, null, null, null, null));
    }

    @Test
    void dataQualityByFeatureSumsTheLatestRevisionsOfTheLastWeek() {
        assertThat(run("data_quality_by_feature")).containsExactly(
                r("alcohol", 2, 200, 12, 0, 0.06, 1),
                r("color", 2, 200, 4, 6, 0.02, 2));
    }

    @Test
    void deadLettersByReasonCountsTheLastWeek() {
        assertThat(run("dead_letters_by_reason")).containsExactly(
                r("_unknown", "ingest", "not_json", 2, ts(H.minus(Duration.ofHours(2))), ts(H.minus(Duration.ofHours(1)))),
                r("wine", "ingest", "shape_mismatch", 1, ts(H.minus(Duration.ofHours(1))),
                        ts(H.minus(Duration.ofHours(1)))));
    }

    @Test
    void forModelSwitchesSingleModelQueriesToAnotherModel() {
        AnalystQuery q = AnalystQueries.byName("drift_timeline");
        assertThat(q.singleModel()).isTrue();
        try (LocalLake lake = LocalLake.open(lakeDir)) {
            assertThat(run(lake, q.forModel("fraud"))).containsExactly(
                    r(ts(F_NB), 1, "no_baseline", 0, 0, null, false),
                    r(ts(F1), 1, "evaluated", 2, 1, 0.5, true));
        }
        assertThat(q.forModel("it's").sql()).contains("model = 'it''s'").doesNotContain("'wine'");
        assertThat(AnalystQueries.byName("labelled_inferences").forModel("fraud").sql())
                .contains("model = 'fraud'", "model IN ('fraud', '_unknown')").doesNotContain("'wine'");
        assertThat(AnalystQueries.byName("episodes-per-week")).isEqualTo(AnalystQueries.byName("episodes_per_week"));
        AnalystQuery cross = AnalystQueries.byName("alerts_per_week");
        assertThat(cross.singleModel()).isFalse();
        assertThatThrownBy(() -> cross.forModel("fraud")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("every model");
    }

    // ---- the resource and its documentation --------------------------------------------------------------------

    @Test
    void everyQueryRunsOnAnEmptyLakeAndReturnsNoRows(@TempDir Path empty) {
        try (LocalLake lake = LocalLake.open(empty)) {
            for (AnalystQuery q : AnalystQueries.all()) {
                assertThat(lake.query(q.sql()).rows()).as(q.name()).isEmpty();
            }
        }
    }

    @Test
    void theResourceHoldsEightQueriesWithQuestionsAndPortableSql() {
        List<AnalystQuery> all = AnalystQueries.all();
        assertThat(all).extracting(AnalystQuery::name).containsExactly("top_drifting_features_24h", "drift_timeline",
                "alerts_per_week", "prediction_drift_vs_quality", "data_quality_by_feature", "dead_letters_by_reason",
                "episodes_per_week", "labelled_inferences");
        for (AnalystQuery q : all) {
            assertThat(q.question()).as(q.name()).endsWith("?");
            assertThat(q.sql()).as(q.name()).doesNotEndWith(";").doesNotContain("-- name:");
            // DuckDB-only or Trino-only syntax that would break the query in the other engine
            assertThat(q.sql().toLowerCase(java.util.Locale.ROOT)).as(q.name())
                    .doesNotContain("::", "qualify", "strftime", "date_format", "group by all", "order by all",
                            "json_parse", "->>", "ilike", "date_add(", "approx_distinct", "count_if");
            // Athena's injected model projection: every single-model scan must name the model
            if (q.singleModel()) {
                long scans = q.sql().split("FROM (drift_metrics|model_quality|feature_profiles|alerts|dead_letters|"
                        + "inference_log|labels|remediation_events)\\b", -1).length - 1;
                long filters = q.sql().split("model = 'wine'|model IN \\('wine', ", -1).length - 1;
                assertThat(filters).as(q.name() + " model filters per table scan").isEqualTo(scans);
            }
        }
        assertThat(AnalystQueries.byName("drift_timeline").question()).contains("wine");
        assertThatThrownBy(() -> AnalystQueries.byName("nope")).hasMessageContaining("top_drifting_features_24h");
    }

    @Test
    void queriesMdDocumentsEveryQueryWithItsQuestionAndExactSql() throws Exception {
        String doc = Files.readString(Path.of("QUERIES.md"));
        for (AnalystQuery q : AnalystQueries.all()) {
            assertThat(doc).as(q.name()).contains("`" + q.name() + "`").contains(q.question())
                    .contains("```sql\n" + q.sql() + "\n```");
        }
    }

    @Test
    void theParserRefusesMalformedFiles() {
        assertThat(AnalystQueries.parse("-- preamble\n\n-- name: a\n-- question: Why?\nSELECT 1;\n\n-- name: b\n"
                + "-- question: How?\n-- a comment kept in the SQL\nSELECT 2\n")).containsExactly(
                new AnalystQuery("a", "Why?", "SELECT 1"),
                new AnalystQuery("b", "How?", "-- a comment kept in the SQL\nSELECT 2"));
        assertThatThrownBy(() -> AnalystQueries.parse("-- name: a\n-- question: q\nSELECT 1\n-- name: a\n"
                + "-- question: q\nSELECT 2")).hasMessageContaining("twice");
        assertThatThrownBy(() -> AnalystQueries.parse("-- name: a\nSELECT 1")).hasMessageContaining("question");
        assertThatThrownBy(() -> AnalystQueries.parse("-- name: a\n-- question: q\n;")).hasMessageContaining("no SQL");
        assertThatThrownBy(() -> AnalystQueries.parse("-- name: A b\n")).hasMessageContaining("[a-z0-9_]");
    }
}
