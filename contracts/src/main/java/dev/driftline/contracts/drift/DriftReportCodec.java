package dev.driftline.contracts.drift;

import static dev.driftline.contracts.JsonFields.bool;
import static dev.driftline.contracts.JsonFields.intValue;
import static dev.driftline.contracts.JsonFields.longValue;
import static dev.driftline.contracts.JsonFields.optText;
import static dev.driftline.contracts.JsonFields.optTime;
import static dev.driftline.contracts.JsonFields.text;
import static dev.driftline.contracts.JsonFields.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.Codec;
import dev.driftline.contracts.JsonFields;
import dev.driftline.contracts.JsonOut;
import dev.driftline.contracts.RecordFormatException;
import dev.driftline.contracts.figures.DriftFigure;
import dev.driftline.contracts.figures.FigureRegistry;
import dev.driftline.drift.dataquality.Violation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link DriftReport} as JSON (UTF-8), schema version 1, key model, record timestamp = window start.
 * <pre>
 * {"schema_version": 1, "model": "churn",
 *  "window_start": "2026-11-21T10:00:00Z", "window_end": "2026-11-21T10:05:00Z",  -- from the merged window
 *  "revision": 1,                 -- the merged window's revision; keep the highest per (model, window_start)
 *  "rows": 1234,
 *  "status": "evaluated",         -- or "no_baseline" (then no baseline_created_at/reference, features {})
 *  "baseline_created_at": "2026-11-01T00:00:00Z",
 *  "reference": {"mode": "baseline"},  -- or {"mode": "rolling:12" | "seasonal:PT168H", "windows": n, "from", "to"}
 *                                      -- (reference windows' span); {"mode": "baseline", "configured": "rolling:12"}
 *                                      -- while the configured history does not exist yet
 *  "features": {"age": {"type": "numeric", "role": "feature", "n_reference": …, "n_current": …,
 *                       &lt;every figure of the FigureRegistry that applies, in its order&gt;,
 *                       "bin_edges": [...],                             -- numeric columns
 *                       "feature_type", "missing_current", "type_mismatches_current",
 *                       "method": "ks", "threshold": 0.002, "status": "drift", "drift": true},
 *               "churn": {…, "role": "prediction", …}},   -- window "prediction:churn" vs baseline PREDICTION churn
 *  "dataset_drift": false, "drifted_features": 0, "judged_features": 2, "drifted_share": 0.0,
 *  "violations": [{"feature_name", "constraint_check_type", "description", "details"?}]}  -- ViolationJson
 * </pre>
 * Figures are written as Jackson writes doubles (an undefined one as {@code "NaN"}); counts ({@code chi2_dof}) as
 * integers. A reader ignores figures it does not know (a newer writer's), and keeps them in
 * {@link DriftReport.FeatureDrift#figures()}.
 */
public final class DriftReportCodec implements Codec<DriftReport> {
    public static final int SCHEMA_VERSION = 1;
    public static final DriftReportCodec INSTANCE = new DriftReportCodec();

    /** Numeric fields of a feature entry that are counts or settings, not figures. */
    private static final List<String> NOT_FIGURES = List.of("n_reference", "n_current", "threshold",
            "missing_current", "type_mismatches_current");

    private DriftReportCodec() {
    }

    @Override
    public byte[] encode(DriftReport r) {
        ObjectNode root = JsonOut.windowed(SCHEMA_VERSION, r.model(), r.windowStart(), r.windowEnd());
        root.put("revision", r.revision());
        root.put("rows", r.rows());
        root.put("status", r.status().id());
        if (r.baselineCreatedAt() != null) {
            root.put("baseline_created_at", JsonOut.instant(r.baselineCreatedAt()));
        }
        if (r.reference() != null) {
            writeReference(root.putObject("reference"), r.reference());
        }
        ObjectNode features = root.putObject("features");
        r.features().forEach((name, f) -> writeFeature(features.putObject(name), f));
        root.put("dataset_drift", r.datasetDrift());
        root.put("drifted_features", r.driftedFeatures());
        root.put("judged_features", r.judgedFeatures());
        root.put("drifted_share", r.driftedShare());
        root.set("violations", violations(r.violations()));
        return JsonOut.bytes(root);
    }

    /** The {@code violations} array as compact JSON text (the lake keeps it whole). */
    public static String violationsJson(List<Violation> found) {
        return violations(found).toString();
    }

    private static ArrayNode violations(List<Violation> found) {
        return ViolationJson.toJson(found);
    }

    private static void writeReference(ObjectNode ref, DriftReport.Reference r) {
        ref.put("mode", r.mode());
        if (r.configured() != null) {
            ref.put("configured", r.configured());
        }
        if (r.windows() != null) {
            ref.put("windows", r.windows());
        }
        if (r.from() != null) {
            ref.put("from", JsonOut.instant(r.from()));
        }
        if (r.to() != null) {
            ref.put("to", JsonOut.instant(r.to()));
        }
    }

    private static void writeFeature(ObjectNode o, DriftReport.FeatureDrift f) {
        o.put("type", f.type());
        o.put("role", f.role());
        o.put("n_reference", f.nReference());
        o.put("n_current", f.nCurrent());
        for (Map.Entry<String, Double> e : f.figures().entrySet()) {
            boolean count = FigureRegistry.byName(e.getKey()).map(d -> d.kind() == DriftFigure.Kind.COUNT)
                    .orElse(false);
            if (count && Double.isFinite(e.getValue())) {
                o.put(e.getKey(), (long) e.getValue().doubleValue());
            } else {
                o.put(e.getKey(), e.getValue().doubleValue());
            }
        }
        if (f.numeric()) {
            ArrayNode edges = o.putArray("bin_edges");
            f.binEdges().forEach(edges::add);
        }
        o.put("feature_type", f.featureType());
        o.put("missing_current", f.missingCurrent());
        o.put("type_mismatches_current", f.typeMismatchesCurrent());
        o.put("method", f.method());
        if (Double.isNaN(f.threshold())) {
            o.putNull("threshold");
        } else {
            o.put("threshold", f.threshold());
        }
        o.put("status", f.status());
        o.put("drift", f.drift());
    }

    @Override
    public DriftReport decode(byte[] bytes) {
        JsonNode o = JsonFields.object(bytes, SCHEMA_VERSION, "drift report");
        // fields are read in the order they are written, so a broken value is reported by its first bad field
        String model = text(o, "model");
        long windowStart = time(o, "window_start");
        long windowEnd = time(o, "window_end");
        int revision = intValue(o, "revision");
        long rows = longValue(o, "rows");
        DriftReport.Status status;
        try {
            status = DriftReport.Status.fromId(text(o, "status"));
        } catch (IllegalArgumentException ex) {
            throw new RecordFormatException(RecordFormatException.BAD_VALUE, ex.getMessage());
        }
        boolean evaluated = status == DriftReport.Status.EVALUATED;
        Map<String, DriftReport.FeatureDrift> features = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = JsonFields.optObjectField(o, "features").fields();
             it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            features.put(e.getKey(), readFeature(e.getValue()));
        }
        List<Violation> violations = ViolationJson.fromJson(JsonFields.optArrayField(o, "violations"));
        JsonNode ref = o.get("reference");
        DriftReport.Reference reference = ref == null || ref.isNull() ? null
                : new DriftReport.Reference(optText(ref, "mode"), optText(ref, "configured"),
                ref.hasNonNull("windows") ? intValue(ref, "windows") : null, optTime(ref, "from"),
                optTime(ref, "to"));
        // a no_baseline report of older writers lacks the dataset decision: nothing was judged
        return new DriftReport(model, windowStart, windowEnd, revision, rows, status, optTime(o, "baseline_created_at"), reference,
                features, evaluated || o.has("dataset_drift") ? bool(o, "dataset_drift") : false,
                evaluated || o.has("drifted_features") ? intValue(o, "drifted_features") : 0,
                evaluated || o.has("judged_features") ? intValue(o, "judged_features") : 0,
                evaluated || o.has("drifted_share") ? JsonFields.figure(o, "drifted_share") : 0.0, violations);
    }

    private static DriftReport.FeatureDrift readFeature(JsonNode f) {
        Map<String, Double> figures = new LinkedHashMap<>();
        List<Double> edges = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            JsonNode v = m.getValue();
            if (m.getKey().equals("bin_edges") && v.isArray()) {
                v.forEach(x -> edges.add(x.asDouble()));
            } else if (!NOT_FIGURES.contains(m.getKey()) && isFigure(v)) {
                figures.put(m.getKey(), JsonFields.figure(f, m.getKey()));
            }
        }
        Long nRef = JsonFields.optLong(f, "n_reference");
        Long nCur = JsonFields.optLong(f, "n_current");
        Long missing = JsonFields.optLong(f, "missing_current");
        Long mismatches = JsonFields.optLong(f, "type_mismatches_current");
        Boolean drift = JsonFields.optBool(f, "drift");
        return new DriftReport.FeatureDrift(optText(f, "type"), optText(f, "role"), nRef == null ? 0 : nRef,
                nCur == null ? 0 : nCur, figures, edges, optText(f, "feature_type"), missing == null ? 0 : missing,
                mismatches == null ? 0 : mismatches, optText(f, "method"), JsonFields.figure(f, "threshold"),
                optText(f, "status"), drift != null && drift);
    }

    /** A number, or one of Jackson's non-finite markers: a figure (not text or structure). */
    private static boolean isFigure(JsonNode v) {
        return v.isNumber() || (v.isTextual() && (v.asText().equals("NaN") || v.asText().endsWith("Infinity")));
    }
}
