package dev.driftline.contracts.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.JsonOut;
import dev.driftline.contracts.drift.ViolationJson;
import dev.driftline.drift.dataquality.Violation;
import java.util.List;

/**
 * The kind-specific {@code details} of an {@link Alert} (part of {@link AlertCodec}'s format): what the window that
 * opened or resolved the alert said, and how many windows led to it.
 * <pre>
 * drift          {revision, method, status, role, rows, dataset_drift, drifted_share}
 * data_quality   {revision, violations: [{constraint_check_type, description, details?}]}  (details as in
 *                ViolationJson, e.g. the unseen share, expected share and top values of categorical_values_check)
 * model_quality  {version, status, problem_type, labelled_rows, metrics}
 * + on open      bad_windows, judged_windows (of the last M windows)
 * + on resolve   clean_windows
 * </pre>
 */
public final class AlertDetails {
    private AlertDetails() {
    }

    /** A drift (data or prediction) verdict's details. */
    public static ObjectNode drift(long revision, String method, String status, String role, long rows,
                                   boolean datasetDrift, double driftedShare) {
        ObjectNode d = JsonOut.object().put("revision", revision).put("method", method).put("status", status)
                .put("role", role).put("rows", rows).put("dataset_drift", datasetDrift);
        JsonOut.figure(d, "drifted_share", driftedShare);
        return d;
    }

    /** A data-quality verdict's details: the column's violations in the window (none when it is clean). */
    public static ObjectNode dataQuality(long revision, List<Violation> violations) {
        ObjectNode d = JsonOut.object().put("revision", revision);
        ArrayNode found = d.putArray("violations");
        for (Violation v : violations) {
            ObjectNode o = ViolationJson.toJson(v);
            o.remove("feature_name"); // the alert's own feature
            found.add(o);
        }
        return d;
    }

    /** A model-quality verdict's details. */
    public static ObjectNode modelQuality(long version, String status, String problemType, long labelledRows,
                                          ObjectNode metrics) {
        ObjectNode d = JsonOut.object().put("version", version).put("status", status)
                .put("problem_type", problemType).put("labelled_rows", labelledRows);
        d.set("metrics", metrics);
        return d;
    }

    /** Adds what an opening record says: bad windows among the judged ones. */
    public static ObjectNode opened(ObjectNode details, int badWindows, int judgedWindows) {
        return details.put("bad_windows", badWindows).put("judged_windows", judgedWindows);
    }

    /** Adds what a resolving record says: the clean windows that resolved it. */
    public static ObjectNode resolved(ObjectNode details, int cleanWindows) {
        return details.put("clean_windows", cleanWindows);
    }
}
