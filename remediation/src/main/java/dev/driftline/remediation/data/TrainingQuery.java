package dev.driftline.remediation.data;

import dev.driftline.sink.ObjectKeys;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The SQL of a lake export, in DuckDB's and Athena's dialects: the model's inference rows of
 * {@code [from, to)} joined with their latest label on (inference id, row), one text column per feature pulled
 * out of {@code features_json}, and the label column. Only the JSON function differs between the engines
 * ({@code json_extract_string} / {@code json_extract_scalar}); the rest is the portable subset the analyst queries
 * use, with the same de-duplication as {@code labelled_inferences} (a re-sent inference once, a corrected label
 * wins) and the same pruning ({@code dt} of the period for inferences, from its first day for labels, which arrive
 * after their inference).
 *
 * @param dialect  the engine
 * @param model    the model (its escaped partition value is used)
 * @param from     first event time included
 * @param to       first event time excluded
 * @param features feature columns, in output order
 * @param label    name of the label column
 */
record TrainingQuery(Dialect dialect, String model, Instant from, Instant to, List<String> features, String label) {

    /** The SQL engines a lake is read with. */
    enum Dialect { DUCKDB, ATHENA }

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    TrainingQuery {
        Objects.requireNonNull(dialect, "dialect");
        features = List.copyOf(features);
        if (features.contains(label)) {
            throw new IllegalArgumentException("the label column " + label + " is also a feature");
        }
    }

    /**
     * The export's rows: features then label with a header (local CSV), or, for SageMaker's built-in algorithms'
     * CSV ({@code labelFirst}), label then features, every value text with commas blanked and nulls as empty cells
     * (Athena's TEXTFILE neither quotes nor writes empty for null by itself).
     */
    String select(boolean labelFirst) {
        List<String> cols = new ArrayList<>();
        for (String f : features) {
            cols.add(cell(extract(f), labelFirst) + " AS " + ident(f));
        }
        String labelCol = cell("l.label", labelFirst) + " AS " + ident(label);
        if (labelFirst) {
            cols.add(0, labelCol);
        } else {
            cols.add(labelCol);
        }
        return "WITH i AS (\n"
                + "    SELECT inference_id, \"row\", event_time, features_json,\n"
                + "           row_number() OVER (PARTITION BY inference_id, \"row\" ORDER BY kafka_timestamp DESC, "
                + "kafka_offset DESC) AS rn\n"
                + "    FROM inference_log\n"
                + "    WHERE model = " + literal(ObjectKeys.escape(model)) + "\n"
                + "      AND event_time >= TIMESTAMP " + literal(TS.format(from))
                + " AND event_time < TIMESTAMP " + literal(TS.format(to)) + "\n"
                + "      AND dt >= " + literal(ObjectKeys.dt(from)) + " AND dt <= " + literal(ObjectKeys.dt(to)) + "\n"
                + "),\n"
                + "l AS (\n"
                + "    SELECT inference_id, \"row\", label,\n"
                + "           row_number() OVER (PARTITION BY inference_id, \"row\" ORDER BY kafka_timestamp DESC, "
                + "kafka_offset DESC) AS rn\n"
                + "    FROM labels\n"
                + "    WHERE model IN (" + literal(ObjectKeys.escape(model)) + ", " + literal(ObjectKeys.UNKNOWN_MODEL)
                + ")\n"
                + "      AND dt >= " + literal(ObjectKeys.dt(from)) + "\n"
                + ")\n"
                + "SELECT " + String.join(",\n       ", cols) + "\n"
                + "FROM i\n"
                + "JOIN l ON l.inference_id = i.inference_id AND l.\"row\" = i.\"row\" AND l.rn = 1\n"
                + "WHERE i.rn = 1\n"
                + "ORDER BY i.event_time, i.inference_id, i.\"row\"";
    }

    /** How many rows {@link #select} gives. */
    String count() {
        return "SELECT count(*) AS labelled_rows FROM (" + select(false) + ") x";
    }

    /** The distinct feature names of the period's inference rows, for a model without a baseline. */
    String featureNames() {
        String where = " WHERE model = " + literal(ObjectKeys.escape(model))
                + " AND event_time >= TIMESTAMP " + literal(TS.format(from))
                + " AND event_time < TIMESTAMP " + literal(TS.format(to))
                + " AND dt >= " + literal(ObjectKeys.dt(from)) + " AND dt <= " + literal(ObjectKeys.dt(to));
        return switch (dialect) {
            case DUCKDB -> "SELECT DISTINCT k FROM (SELECT unnest(json_keys(features_json)) AS k FROM inference_log"
                    + where + ") x ORDER BY k";
            case ATHENA -> "SELECT DISTINCT k FROM inference_log CROSS JOIN UNNEST(map_keys(CAST(json_parse("
                    + "features_json) AS map(varchar, json)))) AS t(k)" + where + " ORDER BY k";
        };
    }

    private String extract(String feature) {
        String name = feature.replace("\\", "\\\\").replace("\"", "\\\"");
        return switch (dialect) {
            case DUCKDB -> "json_extract_string(i.features_json, " + literal("$.\"" + name + "\"") + ")";
            case ATHENA -> "json_extract_scalar(i.features_json, " + literal("$[\"" + name + "\"]") + ")";
        };
    }

    private static String cell(String expr, boolean textFile) {
        return textFile ? "replace(coalesce(CAST(" + expr + " AS VARCHAR), ''), ',', ' ')" : expr;
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String ident(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
