package dev.driftline.streams.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.streams.alerts.Verdict.Outcome;
import dev.driftline.streams.evaluate.DriftReportJson;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the verdicts out of the two inputs: a {@link DriftReportJson} (one data_drift / prediction_drift verdict per
 * compared column, one data_quality verdict per column) and a model-quality window (one model_quality verdict).
 * Throws {@link IllegalArgumentException} for a value that is not such JSON.
 */
final class AlertInputs {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertInputs() {
    }

    /** A drift report's window, revision, whether it was evaluated (only then it has verdicts), and its JSON. */
    record Report(long windowStart, long windowEnd, long revision, boolean evaluated, JsonNode root) {
    }

    static Report driftReport(byte[] json) {
        JsonNode root = read(json);
        boolean evaluated = DriftReportJson.EVALUATED.equals(root.path("status").asText());
        return new Report(time(root, "window_start"), time(root, "window_end"), root.path("revision").asLong(1),
                evaluated, root);
    }

    /**
     * The drift verdicts of every compared column: {@code status} {@code drift} is bad, {@code no_drift} clean, and
     * anything else ({@code insufficient_data}: fewer rows than the policy's minimum) is not judged.
     */
    static List<Verdict> driftVerdicts(Report r) {
        List<Verdict> out = new ArrayList<>();
        boolean datasetDrift = r.root().path("dataset_drift").asBoolean(false);
        for (Map.Entry<String, JsonNode> e : r.root().path("features").properties()) {
            JsonNode f = e.getValue();
            AlertKind kind = "prediction".equals(f.path("role").asText()) ? AlertKind.PREDICTION_DRIFT
                    : AlertKind.DATA_DRIFT;
            String status = f.path("status").asText();
            Outcome outcome = "drift".equals(status) ? Outcome.BAD
                    : "no_drift".equals(status) ? Outcome.CLEAN : Outcome.NOT_JUDGED;
            String method = f.path("method").asText(null);
            String metric = figureOf(method, f.path("type").asText());
            ObjectNode details = MAPPER.createObjectNode().put("revision", r.revision()).put("method", method)
                    .put("status", status).put("role", f.path("role").asText(null))
                    .put("rows", r.root().path("rows").asLong()).put("dataset_drift", datasetDrift);
            details.set("drifted_share", r.root().path("drifted_share"));
            out.add(new Verdict(kind, e.getKey(), r.windowStart(), r.windowEnd(), r.revision(), outcome,
                    metric, metric == null ? null : number(f.get(metric)), number(f.get("threshold")),
                    datasetDrift, details));
        }
        return out;
    }

    /**
     * The data-quality verdicts of an evaluated report: a column with violations is bad, every other column of
     * {@code columns} (the report's compared columns plus those already in the state) is clean — the checks ran on all
     * of them.
     */
    static List<Verdict> qualityVerdicts(Report r, Collection<String> columns) {
        Map<String, ArrayNode> violations = new LinkedHashMap<>();
        for (JsonNode v : r.root().path("violations")) {
            String feature = v.path("feature_name").asText("");
            ObjectNode entry = MAPPER.createObjectNode()
                    .put("constraint_check_type", v.path("constraint_check_type").asText(null))
                    .put("description", v.path("description").asText(null));
            violations.computeIfAbsent(feature, k -> MAPPER.createArrayNode()).add(entry);
        }
        Map<String, ArrayNode> all = new LinkedHashMap<>(violations);
        r.root().path("features").fieldNames().forEachRemaining(f -> all.putIfAbsent(f, null));
        columns.forEach(f -> all.putIfAbsent(f, null));
        List<Verdict> out = new ArrayList<>();
        for (Map.Entry<String, ArrayNode> e : all.entrySet()) {
            ArrayNode found = e.getValue();
            ObjectNode details = MAPPER.createObjectNode().put("revision", r.revision());
            details.set("violations", found == null ? MAPPER.createArrayNode() : found);
            String metric = found == null ? null : found.get(0).path("constraint_check_type").asText(null);
            out.add(new Verdict(AlertKind.DATA_QUALITY, e.getKey(), r.windowStart(), r.windowEnd(), r.revision(),
                    found == null ? Outcome.CLEAN : Outcome.BAD, metric, null, null, false, details));
        }
        return out;
    }

    /**
     * The verdict of a model-quality window: {@code degraded} is bad, {@code ok} clean, anything else
     * ({@code insufficient_labels}, {@code no_reference}) not judged; {@code version} orders re-computations.
     */
    static Verdict modelQuality(byte[] json) {
        JsonNode root = read(json);
        String status = root.path("status").asText();
        Outcome outcome = "degraded".equals(status) ? Outcome.BAD
                : "ok".equals(status) ? Outcome.CLEAN : Outcome.NOT_JUDGED;
        ObjectNode details = MAPPER.createObjectNode().put("version", root.path("version").asLong(1))
                .put("status", status).put("problem_type", root.path("problem_type").asText(null));
        details.set("labelled_rows", root.path("labelled_rows").isMissingNode() ? null : root.get("labelled_rows"));
        details.set("metrics", root.path("metrics").isMissingNode() ? null : root.get("metrics"));
        return new Verdict(AlertKind.MODEL_QUALITY, null, time(root, "window_start"), time(root, "window_end"),
                root.path("version").asLong(1), outcome, root.path("metric").asText(null), number(root.get("value")),
                number(root.get("threshold")), false, details);
    }

    /** The figure a drift method decides on, as named in the report's column (see {@code ComparisonJson}). */
    static String figureOf(String method, String type) {
        if (method == null) {
            return null;
        }
        return switch (method) {
            case "ks" -> "ks_pvalue";
            case "chi2" -> "chi2_pvalue";
            case "baseline_drift_check" -> "numeric".equals(type) ? "ks_statistic" : "linf";
            default -> method; // wasserstein_norm, jensen_shannon, psi, hellinger are figure names themselves
        };
    }

    private static Double number(JsonNode n) {
        return n != null && n.isNumber() ? n.doubleValue() : null;
    }

    private static long time(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("missing " + field);
        }
        try {
            return Instant.parse(n.asText()).toEpochMilli();
        } catch (DateTimeParseException ex) {
            throw new IllegalArgumentException(field + " is not an ISO-8601 instant: " + n.asText());
        }
    }

    private static JsonNode read(byte[] json) {
        try {
            JsonNode root = json == null ? null : MAPPER.readTree(json);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return root;
        } catch (IOException ex) {
            throw new IllegalArgumentException("not JSON: " + ex.getMessage());
        }
    }
}
