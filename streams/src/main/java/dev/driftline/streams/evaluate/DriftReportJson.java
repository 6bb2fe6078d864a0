package dev.driftline.streams.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.window.PartialWindow;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.drift.compare.ComparisonJson;
import dev.driftline.drift.compare.FeatureComparison;
import dev.driftline.drift.dataquality.DataQualityChecks;
import dev.driftline.drift.dataquality.FeatureConstraint;
import dev.driftline.drift.dataquality.ObservedFeature;
import dev.driftline.drift.dataquality.Violation;
import dev.driftline.drift.decision.DatasetDecision;
import dev.driftline.drift.decision.DriftDecider;
import dev.driftline.drift.decision.DriftPolicy;
import dev.driftline.drift.metrics.DriftFigures;
import dev.driftline.drift.metrics.SketchDrift;
import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.FeatureProfile;
import dev.driftline.drift.profile.NumericProfile;
import dev.driftline.streams.merge.MergedWindowJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The value of {@code <prefix>drift}: one merged window of a model compared with the model's baseline, JSON (UTF-8),
 * schema version 1, key model, record timestamp = window start.
 * <pre>
 * {"schema_version": 1, "model": "churn",
 *  "window_start": "2026-11-21T10:00:00Z", "window_end": "2026-11-21T10:05:00Z",  -- from the merged window
 *  "revision": 1,                 -- the merged window's revision; keep the highest per (model, window_start)
 *  "rows": 1234,
 *  "status": "evaluated",         -- or "no_baseline" (then no baseline_created_at, features {}, violations [])
 *  "baseline_created_at": "2026-11-01T00:00:00Z",
 *  "reference": {"mode": "baseline"},  -- or {"mode": "rolling:12" | "seasonal:PT168H", "windows": n, "from", "to"}
 *                                      -- (reference windows' span); {"mode": "baseline", "configured": "rolling:12"}
 *                                      -- while the configured history does not exist yet
 *  "features": {"age": {"type": "numeric", "role": "feature", "n_reference": …, "n_current": …,
 *                       "ks_statistic", "ks_pvalue", "psi", "wasserstein", "wasserstein_norm", "jensen_shannon",
 *                       "hellinger", "bin_edges": [...],                -- numeric figures
 *                       -- categorical: "chi2_statistic", "chi2_pvalue", "chi2_dof", "linf", "psi",
 *                       --              "jensen_shannon", "hellinger"
 *                       "feature_type", "missing_current", "type_mismatches_current",
 *                       "method": "ks", "threshold": 0.002, "status": "drift", "drift": true},
 *               "churn": {…, "role": "prediction", …}},   -- window "prediction:churn" vs baseline PREDICTION churn
 *  "dataset_drift": false, "drifted_features": 0, "judged_features": 2, "drifted_share": 0.0,
 *  "violations": [{"feature_name", "constraint_check_type", "description"}]}
 * </pre>
 * The per-feature keys are those of the batch comparison ({@link ComparisonJson#feature}) plus {@code role}.
 * Compared: baseline columns with role FEATURE against the window feature of the same name, and role PREDICTION
 * against the window's {@code prediction:<name>}, when both sides have present values of the same kind (numeric or
 * categorical). Data-quality checks ({@link DataQualityChecks}) run on the FEATURE and PREDICTION columns (labels
 * are not in a window); window predictions without a baseline column are ignored.
 */
public final class DriftReportJson {
    public static final int SCHEMA_VERSION = 1;
    public static final String EVALUATED = "evaluated";
    public static final String NO_BASELINE = "no_baseline";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DriftReportJson() {
    }

    /** The report of a window whose model has no baseline (yet). */
    public static byte[] noBaseline(MergedWindowJson.MergedWindow w) {
        ObjectNode root = header(w, NO_BASELINE);
        root.putObject("features");
        root.putArray("violations");
        return bytes(root);
    }

    /** Compares {@code w} with {@code baseline} and decides with {@code policy}. */
    public static byte[] evaluate(MergedWindowJson.MergedWindow w, Baseline baseline, DriftPolicy policy) {
        return evaluate(w, baseline, policy, ReferenceMode.BASELINE, List.of());
    }

    /**
     * Compares {@code w} with {@code baseline} (for rolling/seasonal modes: the baseline whose profiles are those of
     * the reference windows starting at {@code referenceStarts}) and reports which reference was used.
     */
    public static byte[] evaluate(MergedWindowJson.MergedWindow w, Baseline baseline, DriftPolicy policy,
                                  ReferenceMode mode, List<Long> referenceStarts) {
        ObjectNode root = header(w, EVALUATED);
        root.put("baseline_created_at", baseline.createdAt().toString());
        ObjectNode ref = root.putObject("reference");
        boolean history = mode.kind() != ReferenceMode.Kind.BASELINE && !referenceStarts.isEmpty();
        ref.put("mode", history ? mode.id() : "baseline");
        if (mode.kind() != ReferenceMode.Kind.BASELINE && referenceStarts.isEmpty()) {
            ref.put("configured", mode.id()); // no history yet: the trained baseline stands in
        }
        if (history) {
            ref.put("windows", referenceStarts.size());
            ref.put("from", Instant.ofEpochMilli(referenceStarts.get(0)).toString());
            ref.put("to", Instant.ofEpochMilli(referenceStarts.get(referenceStarts.size() - 1)
                    + (w.windowEnd() - w.windowStart())).toString());
        }
        Map<String, DriftFigures> figures = new LinkedHashMap<>();
        Map<String, FeatureProfile> current = new LinkedHashMap<>();
        Map<String, BaselineFeature> columns = new LinkedHashMap<>();
        Map<String, ObservedFeature> observed = new LinkedHashMap<>();
        Map<String, FeatureConstraint> constraints = new LinkedHashMap<>();
        for (BaselineFeature f : baseline.features()) {
            if (f.role() == BaselineFeature.Role.LABEL) {
                continue;
            }
            constraints.put(f.name(), f.constraint());
            String windowName = windowName(f);
            FeatureProfile p = w.features().get(windowName);
            if (p == null) {
                Long nulls = w.untypedMissing().get(windowName);
                if (nulls != null) {
                    observed.put(f.name(), new ObservedFeature(f.name(), 0, nulls, 0, Optional.empty(),
                            Optional.empty(), Map.of()));
                }
                continue;
            }
            observed.put(f.name(), observe(f.name(), f, p));
            if (sameKind(f.profile(), p) && f.profile().present() > 0 && p.present() > 0) {
                figures.put(f.name(), SketchDrift.figures(f.profile(), p));
                current.put(f.name(), p);
                columns.put(f.name(), f);
            }
        }
        // input features the baseline does not know: extra columns for the checks
        for (Map.Entry<String, FeatureProfile> e : w.features().entrySet()) {
            if (!e.getKey().startsWith(PartialWindow.PREDICTION_PREFIX) && baseline.feature(e.getKey()).isEmpty()) {
                observed.put(e.getKey(), observe(e.getKey(), null, e.getValue()));
            }
        }
        DatasetDecision decision = new DriftDecider(policy).decide(figures);
        ObjectNode features = root.putObject("features");
        for (Map.Entry<String, DriftFigures> e : figures.entrySet()) {
            BaselineFeature f = columns.get(e.getKey());
            FeatureProfile p = current.get(e.getKey());
            FeatureComparison fc = new FeatureComparison(f.name(), f.type(), e.getValue(),
                    decision.features().get(e.getKey()), f.profile().missing(), p.missing(),
                    f.profile().typeMismatches(), p.typeMismatches());
            ObjectNode body = ComparisonJson.feature(fc, MAPPER);
            ObjectNode o = features.putObject(e.getKey());
            o.set("type", body.get("type"));
            o.put("role", f.role().id());
            o.setAll(body);
        }
        root.put("dataset_drift", decision.datasetDrift());
        root.put("drifted_features", decision.drifted());
        root.put("judged_features", decision.judged());
        root.put("drifted_share", decision.driftedShare());
        ArrayNode violations = root.putArray("violations");
        List<Violation> found = new DataQualityChecks(baseline.monitoringConfig()).check(constraints, observed);
        for (Violation v : found) {
            violations.addObject().put("feature_name", v.featureName())
                    .put("constraint_check_type", v.constraintCheckType()).put("description", v.description());
        }
        return bytes(root);
    }

    private static String windowName(BaselineFeature f) {
        return f.role() == BaselineFeature.Role.PREDICTION ? PartialWindow.PREDICTION_PREFIX + f.name() : f.name();
    }

    private static boolean sameKind(FeatureProfile a, FeatureProfile b) {
        return a instanceof NumericProfile ? b instanceof NumericProfile : b instanceof CategoricalProfile;
    }

    /** What the checks need of a window profile; a profile of the other kind than the baseline's counts as mismatches. */
    private static ObservedFeature observe(String name, BaselineFeature f, FeatureProfile p) {
        if (f != null && !sameKind(f.profile(), p)) {
            return new ObservedFeature(name, 0, p.missing(), p.present() + p.typeMismatches(), Optional.empty(),
                    Optional.empty(), Map.of());
        }
        if (p instanceof NumericProfile n) {
            boolean any = n.present() > 0;
            return new ObservedFeature(name, n.present(), n.missing(), n.typeMismatches(),
                    any ? Optional.of(n.min()) : Optional.empty(), any ? Optional.of(n.max()) : Optional.empty(),
                    Map.of());
        }
        CategoricalProfile c = (CategoricalProfile) p;
        return new ObservedFeature(name, c.present(), c.missing(), c.typeMismatches(), Optional.empty(),
                Optional.empty(), c.frequencies());
    }

    private static ObjectNode header(MergedWindowJson.MergedWindow w, String status) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("model", w.model());
        root.put("window_start", Instant.ofEpochMilli(w.windowStart()).toString());
        root.put("window_end", Instant.ofEpochMilli(w.windowEnd()).toString());
        root.put("revision", w.revision());
        root.put("rows", w.rows());
        root.put("status", status);
        return root;
    }

    private static byte[] bytes(ObjectNode root) {
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
