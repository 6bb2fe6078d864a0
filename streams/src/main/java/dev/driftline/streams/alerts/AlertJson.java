package dev.driftline.streams.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The value of {@code <prefix>alerts}: JSON (UTF-8), schema version 1, key model, record timestamp = window start of
 * the report that opened or resolved the alert. One record when an alert opens and one when it resolves:
 * <pre>
 * {"schema_version": 1,
 *  "alert_id": "5b0e…-…",          -- name-based UUID (v3) of model, kind, feature and the opening window start:
 *                                     the same for the open and the resolved record; a replay gives the same id
 *  "model": "churn",
 *  "kind": "data_drift",           -- data_drift | prediction_drift | data_quality | model_quality
 *  "feature": "age",               -- null for model_quality
 *  "state": "open",                -- or "resolved"
 *  "severity": "warning",          -- "critical" for prediction_drift and model_quality, and for data_drift when
 *                                     the opening report has "dataset_drift": true; otherwise "warning".
 *                                     A resolved record repeats the severity the alert opened with.
 *  "window_start": "2026-11-21T10:05:00Z", "window_end": "2026-11-21T10:10:00Z",
 *                                  -- the window whose report opened (resolved) the alert
 *  "metric": "ks_pvalue",          -- drift: the figure the report's method decides on (ks_pvalue, chi2_pvalue,
 *                                     wasserstein_norm, jensen_shannon, psi, hellinger, ks_statistic or linf for
 *                                     baseline_drift_check); data_quality: the first violated constraint_check_type;
 *                                     model_quality: the window's "metric"
 *  "value": 1.2e-9, "threshold": 0.002,   -- that window's figure and threshold (null when there is none, e.g. for
 *                                     data quality, or when the figure is not finite)
 *  "opened_at": "2026-11-21T10:10:00Z",   -- event time: window_end of the opening window (not wall clock, so a
 *                                     replay gives the same record)
 *  "resolved_at": null,            -- on "resolved": window_end of the resolving window
 *  "details": {…}}                 -- kind-specific: drift {revision, method, status, role, rows, dataset_drift,
 *                                     drifted_share}; data_quality {revision, violations: [{constraint_check_type,
 *                                     description}]}; model_quality {version, status, problem_type, labelled_rows,
 *                                     metrics}; plus on open bad_windows / judged_windows (of the last M) and on
 *                                     resolve clean_windows
 * </pre>
 * Times are ISO-8601 UTC ({@link Instant#toString()}: whole-second window bounds print as {@code …:05:00Z}).
 */
public final class AlertJson {
    public static final int SCHEMA_VERSION = 1;
    public static final String OPEN = "open";
    public static final String RESOLVED = "resolved";
    public static final String CRITICAL = "critical";
    public static final String WARNING = "warning";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {
    }

    /** The deterministic id of the alert of (model, kind, feature) that opened on the window starting at start. */
    public static String alertId(String model, AlertKind kind, String feature, long openingWindowStart) {
        // NUL separates the parts: it cannot occur in a model or feature name read from JSON keys in practice,
        // so different tuples cannot concatenate to the same name
        String name = model + '\0' + kind.id() + '\0' + (feature == null ? "" : feature) + '\0'
                + Instant.ofEpochMilli(openingWindowStart);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The severity an alert opened by {@code v} has. */
    static String severity(Verdict v) {
        return v.kind().alwaysCritical() || v.critical() ? CRITICAL : WARNING;
    }

    /** The "open" record of {@code alert}, opened by {@code v}. */
    static byte[] opened(String model, Verdict v, AlertState.Open alert, AlertState.Change c) {
        ObjectNode root = common(model, v, alert, OPEN, v.metric());
        root.putNull("resolved_at");
        ObjectNode details = details(root, v);
        details.put("bad_windows", c.bad());
        details.put("judged_windows", c.judged());
        return bytes(root);
    }

    /** The "resolved" record of {@code alert}, resolved by {@code v}. */
    static byte[] resolved(String model, Verdict v, AlertState.Open alert, AlertState.Change c) {
        // a clean data-quality window has no violated check; the alert keeps naming the one it opened on
        String metric = v.metric() != null ? v.metric() : alert.metric();
        ObjectNode root = common(model, v, alert, RESOLVED, metric);
        root.put("resolved_at", Instant.ofEpochMilli(v.windowEnd()).toString());
        details(root, v).put("clean_windows", c.judged());
        return bytes(root);
    }

    private static ObjectNode common(String model, Verdict v, AlertState.Open alert, String state, String metric) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("alert_id", alert.alertId());
        root.put("model", model);
        root.put("kind", v.kind().id());
        root.put("feature", v.feature());
        root.put("state", state);
        root.put("severity", alert.severity());
        root.put("window_start", Instant.ofEpochMilli(v.windowStart()).toString());
        root.put("window_end", Instant.ofEpochMilli(v.windowEnd()).toString());
        root.put("metric", metric);
        number(root, "value", v.value());
        number(root, "threshold", v.threshold());
        root.put("opened_at", Instant.ofEpochMilli(alert.openedAtMs()).toString());
        return root;
    }

    private static ObjectNode details(ObjectNode root, Verdict v) {
        ObjectNode details = root.putObject("details");
        if (v.details() != null) {
            details.setAll(v.details());
        }
        return details;
    }

    private static void number(ObjectNode o, String field, Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            o.putNull(field);
        } else {
            o.put(field, v.doubleValue());
        }
    }

    /** Reads an alert record (for consumers and tests). */
    public static JsonNode parse(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException ex) {
            throw new IllegalArgumentException("not an alert JSON: " + ex.getMessage(), ex);
        }
    }

    private static byte[] bytes(ObjectNode root) {
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
