package dev.driftline.remediation.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Athena side of a lake export, which no local engine runs: Trino's JSON function and path syntax, label first
 * with NULL and commas made safe for TEXTFILE, the model's escaped partition value, the {@code _unknown} labels, and
 * the period as TIMESTAMP literals and {@code dt} bounds. (The DuckDB side runs in {@code LakeTrainingDataIT}.)
 */
class TrainingQueryTest {
    private static final TrainingQuery ATHENA = new TrainingQuery(TrainingQuery.Dialect.ATHENA, "fraud/v2",
            Instant.parse("2026-11-14T12:00:00Z"), Instant.parse("2026-11-21T12:00:00Z"), List.of("x", "we\"ird"),
            "is_fraud");

    @Test
    void athenaSelectPutsTheLabelFirstAndMakesCellsSafeForTextfile() {
        String sql = ATHENA.select(true);
        assertThat(sql).contains("SELECT replace(coalesce(CAST(l.label AS VARCHAR), ''), ',', ' ') AS \"is_fraud\",\n"
                + "       replace(coalesce(CAST(json_extract_scalar(i.features_json, '$[\"x\"]') AS VARCHAR), ''), ',', "
                + "' ') AS \"x\",\n"
                + "       replace(coalesce(CAST(json_extract_scalar(i.features_json, '$[\"we\\\"ird\"]') AS VARCHAR), "
                + "''), ',', ' ') AS \"we\"\"ird\"\n");
        assertThat(sql).contains("WHERE model = 'fraud%2Fv2'", "model IN ('fraud%2Fv2', '_unknown')",
                "event_time >= TIMESTAMP '2026-11-14 12:00:00.000' AND event_time < TIMESTAMP '2026-11-21 12:00:00.000'",
                "dt >= '2026-11-14' AND dt <= '2026-11-21'", "l.rn = 1", "WHERE i.rn = 1")
                .doesNotContain("json_extract_string", "::");
        assertThat(ATHENA.featureNames()).contains("map_keys(CAST(json_parse(features_json) AS map(varchar, json)))");
        assertThat(ATHENA.count()).startsWith("SELECT count(*) AS labelled_rows FROM (WITH i AS (");
    }

    @Test
    void theLabelMayNotAlsoBeAFeature() {
        assertThatThrownBy(() -> new TrainingQuery(TrainingQuery.Dialect.DUCKDB, "m", Instant.EPOCH, Instant.EPOCH,
                List.of("y"), "y")).hasMessageContaining("label column y is also a feature");
    }
}
