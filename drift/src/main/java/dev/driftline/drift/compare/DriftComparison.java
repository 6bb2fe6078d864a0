package dev.driftline.drift.compare;

import dev.driftline.drift.dataquality.DataQualityChecks;
import dev.driftline.drift.dataquality.FeatureConstraint;
import dev.driftline.drift.dataquality.MonitoringConfig;
import dev.driftline.drift.dataquality.ObservedFeature;
import dev.driftline.drift.dataquality.Violation;
import dev.driftline.drift.decision.DatasetDecision;
import dev.driftline.drift.decision.DriftDecider;
import dev.driftline.drift.decision.DriftPolicy;
import dev.driftline.drift.io.ColumnValues;
import dev.driftline.drift.io.Table;
import dev.driftline.drift.io.TypeInference;
import dev.driftline.drift.metrics.DriftFigures;
import dev.driftline.drift.metrics.ExactDrift;
import dev.driftline.drift.metrics.SketchDrift;
import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.NumericProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compares every column present in both a reference and a current table: types from the reference (inferred
 * unless overridden), drift figures in exact mode (full samples) or sketch mode (the same profiles the streaming
 * path keeps), decisions by the policy, and data-quality checks of the current table against constraints
 * derived from the reference.
 */
public final class DriftComparison {
    /** Categories listed in a reference-derived domain at most; beyond, the domain check is skipped. */
    static final int MAX_DOMAIN = 1000;

    private final DriftPolicy policy;
    private final MonitoringConfig checks;

    public DriftComparison(DriftPolicy policy, MonitoringConfig checks) {
        this.policy = policy;
        this.checks = checks;
    }

    public ComparisonReport compare(Table reference, Table current, Map<String, FeatureType> typeOverrides,
                                    boolean sketch) {
        Map<String, ColumnValues> ref = new LinkedHashMap<>();
        Map<String, ColumnValues> cur = new LinkedHashMap<>();
        for (String col : reference.columns()) {
            FeatureType type = typeOverrides.getOrDefault(col, TypeInference.infer(reference.column(col)));
            ref.put(col, ColumnValues.of(col, type, reference.column(col)));
            if (current.columns().contains(col)) {
                cur.put(col, ColumnValues.of(col, type, current.column(col)));
            }
        }
        Map<String, DriftFigures> figures = new LinkedHashMap<>();
        for (String col : cur.keySet()) {
            ColumnValues r = ref.get(col);
            ColumnValues c = cur.get(col);
            if (r.present() == 0 || c.present() == 0) {
                continue; // nothing to compare; completeness_check reports it
            }
            figures.put(col, sketch ? sketchFigures(r, c) : exactFigures(r, c));
        }
        DatasetDecision decision = new DriftDecider(policy).decide(figures);
        Map<String, FeatureComparison> features = new LinkedHashMap<>();
        figures.forEach((col, f) -> features.put(col, FeatureComparison.of(ref.get(col), cur.get(col), f,
                decision.features().get(col))));
        List<Violation> violations = new DataQualityChecks(checks).check(constraints(ref), observed(current, cur));
        return new ComparisonReport(features, decision, violations, sketch);
    }

    private static DriftFigures exactFigures(ColumnValues r, ColumnValues c) {
        return r.type().isNumeric() ? ExactDrift.numeric(r.numbers(), c.numbers())
                : ExactDrift.categorical(r.categories(), c.categories());
    }

    private static DriftFigures sketchFigures(ColumnValues r, ColumnValues c) {
        if (r.type().isNumeric()) {
            return SketchDrift.numeric(numericProfile(r), numericProfile(c));
        }
        return SketchDrift.categorical(categoricalProfile(r), categoricalProfile(c));
    }

    private static NumericProfile numericProfile(ColumnValues v) {
        NumericProfile p = new NumericProfile(v.type());
        for (double d : v.numbers()) {
            p.update(d);
        }
        return p;
    }

    private static CategoricalProfile categoricalProfile(ColumnValues v) {
        CategoricalProfile p = new CategoricalProfile(v.type());
        v.categories().forEach(p::update);
        return p;
    }

    /** Constraints a reference sample implies, as a SageMaker baseline job would suggest them. */
    static Map<String, FeatureConstraint> constraints(Map<String, ColumnValues> ref) {
        Map<String, FeatureConstraint> out = new LinkedHashMap<>();
        for (ColumnValues v : ref.values()) {
            long rows = v.present() + v.missing() + v.typeMismatches();
            double completeness = rows == 0 ? 1 : (double) (v.present() + v.typeMismatches()) / rows;
            if (v.type().isNumeric()) {
                Optional<Double> min = minOf(v.numbers());
                Optional<Double> max = maxOf(v.numbers());
                out.put(v.name(), new FeatureConstraint(v.name(), v.type(), completeness,
                        min.map(m -> m >= 0).orElse(false), min, max, java.util.Set.of()));
            } else {
                Map<String, Long> freq = new java.util.HashMap<>();
                v.categories().forEach(c -> freq.merge(c, 1L, Long::sum));
                out.put(v.name(), new FeatureConstraint(v.name(), v.type(), completeness, false, Optional.empty(),
                        Optional.empty(), freq.size() <= MAX_DOMAIN ? freq.keySet() : java.util.Set.of(),
                        FeatureConstraint.goodTuring(freq)));
            }
        }
        return out;
    }

    private static Map<String, ObservedFeature> observed(Table current, Map<String, ColumnValues> typed) {
        Map<String, ObservedFeature> out = new LinkedHashMap<>();
        for (String col : current.columns()) {
            ColumnValues v = typed.get(col);
            if (v == null) {
                // a column the reference does not have: only its presence matters (extra_column_check)
                out.put(col, new ObservedFeature(col, current.size(), 0, 0, Optional.empty(), Optional.empty(),
                        Map.of()));
                continue;
            }
            Map<String, Long> counts = new HashMap<>();
            v.categories().forEach(s -> counts.merge(s, 1L, Long::sum));
            out.put(col, new ObservedFeature(col, v.present(), v.missing(), v.typeMismatches(), minOf(v.numbers()),
                    maxOf(v.numbers()), new TreeMap<>(counts)));
        }
        return out;
    }

    private static Optional<Double> minOf(double[] xs) {
        return xs.length == 0 ? Optional.empty() : Optional.of(java.util.Arrays.stream(xs).min().getAsDouble());
    }

    private static Optional<Double> maxOf(double[] xs) {
        return xs.length == 0 ? Optional.empty() : Optional.of(java.util.Arrays.stream(xs).max().getAsDouble());
    }

    /** Lists columns found on one side only; used by callers that print a note about them. */
    public static List<String> onlyIn(Table a, Table b) {
        List<String> out = new ArrayList<>(a.columns());
        out.removeAll(b.columns());
        return out;
    }
}
