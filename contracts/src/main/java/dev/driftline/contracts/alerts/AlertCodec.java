package dev.driftline.contracts.alerts;

import static dev.driftline.contracts.JsonFields.objectField;
import static dev.driftline.contracts.JsonFields.optText;
import static dev.driftline.contracts.JsonFields.optTime;
import static dev.driftline.contracts.JsonFields.text;
import static dev.driftline.contracts.JsonFields.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.Codec;
import dev.driftline.contracts.JsonFields;
import dev.driftline.contracts.JsonOut;

/**
 * {@link Alert} as JSON (UTF-8), schema version 1, key model, record timestamp = window start of the report that
 * opened or resolved the alert. One record when an alert opens and one when it resolves:
 * <pre>
 * {"schema_version": 1, "alert_id": "5b0e…-…", "model": "churn",
 *  "kind": "data_drift",           -- data_drift | prediction_drift | data_quality | model_quality
 *  "feature": "age",               -- null for model_quality
 *  "state": "open",                -- or "resolved"
 *  "severity": "warning",          -- "critical" for prediction_drift and model_quality, and for data_drift when
 *                                     the opening report has "dataset_drift": true; otherwise "warning"
 *  "window_start": "2026-11-21T10:05:00Z", "window_end": "2026-11-21T10:10:00Z",
 *                                  -- the window whose report opened (resolved) the alert
 *  "metric": "ks_pvalue",          -- drift: the figure the report's method decides on; data_quality: the first
 *                                     violated constraint_check_type; model_quality: the window's "metric"
 *  "value": 1.2e-9, "threshold": 0.002,   -- null when there is none or the figure is not finite
 *  "opened_at": "2026-11-21T10:10:00Z",   -- event time: window_end of the opening window
 *  "resolved_at": null,            -- on "resolved": window_end of the resolving window
 *  "details": {…}}                 -- kind-specific: drift {revision, method, status, role, rows, dataset_drift,
 *                                     drifted_share}; data_quality {revision, violations: [{constraint_check_type,
 *                                     description, details?}]} (AlertDetails); model_quality {version, status, problem_type, labelled_rows,
 *                                     metrics}; plus on open bad_windows / judged_windows (of the last M) and on
 *                                     resolve clean_windows
 * </pre>
 */
public final class AlertCodec implements Codec<Alert> {
    public static final int SCHEMA_VERSION = 1;
    public static final AlertCodec INSTANCE = new AlertCodec();

    private AlertCodec() {
    }

    @Override
    public byte[] encode(Alert a) {
        return JsonOut.bytes(toJson(a));
    }

    private static ObjectNode toJson(Alert a) {
        ObjectNode root = JsonOut.versioned(SCHEMA_VERSION);
        root.put("alert_id", a.alertId());
        root.put("model", a.model());
        root.put("kind", a.kind());
        root.put("feature", a.feature());
        root.put("state", a.state());
        root.put("severity", a.severity());
        root.put("window_start", JsonOut.instant(a.windowStart()));
        root.put("window_end", JsonOut.instant(a.windowEnd()));
        root.put("metric", a.metric());
        JsonOut.figure(root, "value", a.value());
        JsonOut.figure(root, "threshold", a.threshold());
        root.put("opened_at", JsonOut.instant(a.openedAt()));
        if (a.resolvedAt() == null) {
            root.putNull("resolved_at");
        } else {
            root.put("resolved_at", JsonOut.instant(a.resolvedAt()));
        }
        root.set("details", a.details());
        return root;
    }

    /**
     * The alert in one short object for consoles and run summaries: {@code alert_id, kind, feature, severity,
     * window_start, metric, value, threshold, opened_at}, written as in the full record.
     */
    public ObjectNode summary(Alert a) {
        return toJson(a).retain("alert_id", "kind", "feature", "severity", "window_start", "metric", "value",
                "threshold", "opened_at");
    }

    @Override
    public Alert decode(byte[] bytes) {
        JsonNode o = JsonFields.object(bytes, SCHEMA_VERSION, "alert");
        double value = JsonFields.figure(o, "value");
        double threshold = JsonFields.figure(o, "threshold");
        return new Alert(text(o, "alert_id"), text(o, "model"), text(o, "kind"), optText(o, "feature"),
                text(o, "state"), text(o, "severity"), time(o, "window_start"), time(o, "window_end"),
                optText(o, "metric"), Double.isFinite(value) ? value : null,
                Double.isFinite(threshold) ? threshold : null, time(o, "opened_at"), optTime(o, "resolved_at"),
                objectField(o, "details"));
    }
}
