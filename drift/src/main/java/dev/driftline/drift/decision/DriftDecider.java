package dev.driftline.drift.decision;

import dev.driftline.drift.decision.FeatureDecision.Status;
import dev.driftline.drift.metrics.DriftFigures;
import dev.driftline.drift.metrics.NumericDriftFigures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies a {@link DriftPolicy} to the figures of every feature of one window. */
public final class DriftDecider {
    private final DriftPolicy policy;

    public DriftDecider(DriftPolicy policy) {
        this.policy = policy;
    }

    public DatasetDecision decide(Map<String, ? extends DriftFigures> figures) {
        Map<String, FeatureDecision> out = new LinkedHashMap<>();
        List<Map.Entry<String, Double>> pValues = new ArrayList<>();
        Map<String, DriftMethod> methods = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends DriftFigures> e : figures.entrySet()) {
            DriftFigures f = e.getValue();
            DriftMethod m = methodFor(e.getKey(), f);
            methods.put(e.getKey(), m);
            if (f.nCurrent() < policy.minSamples() || f.nReference() < policy.minSamples()) {
                out.put(e.getKey(), new FeatureDecision(e.getKey(), m, m.valueOf(f), Double.NaN,
                        Status.INSUFFICIENT_DATA));
            } else if (m.isPValue()) {
                pValues.add(Map.entry(e.getKey(), m.valueOf(f)));
            } else {
                double threshold = thresholdFor(e.getKey(), m);
                double v = m.valueOf(f);
                out.put(e.getKey(), new FeatureDecision(e.getKey(), m, v, threshold,
                        v >= threshold ? Status.DRIFT : Status.NO_DRIFT));
            }
        }
        decidePValues(pValues, methods, out);
        Map<String, FeatureDecision> ordered = new LinkedHashMap<>();
        figures.keySet().forEach(k -> ordered.put(k, out.get(k)));
        int judged = (int) ordered.values().stream().filter(d -> d.status() != Status.INSUFFICIENT_DATA).count();
        int drifted = (int) ordered.values().stream().filter(FeatureDecision::drift).count();
        double share = judged == 0 ? 0 : (double) drifted / judged;
        return new DatasetDecision(ordered, judged, drifted, share, judged > 0 && share >= policy.datasetDriftShare());
    }

    /** A feature's method: its override, else a p-value test on small windows and a distance on large ones. */
    DriftMethod methodFor(String feature, DriftFigures f) {
        DriftPolicy.FeatureOverride o = policy.overrides().get(feature);
        if (o != null && o.method().isPresent()) {
            DriftMethod m = o.method().get();
            if (!m.appliesTo(f)) {
                throw new IllegalArgumentException("feature " + feature + ": method " + m.id() + " does not apply to a "
                        + (f instanceof NumericDriftFigures ? "numeric" : "categorical") + " feature");
            }
            return m;
        }
        boolean large = f.nCurrent() > policy.largeSample();
        if (f instanceof NumericDriftFigures) {
            return large ? policy.numericDistance() : DriftMethod.KS;
        }
        return large ? policy.categoricalDistance() : DriftMethod.CHI2;
    }

    private double thresholdFor(String feature, DriftMethod m) {
        DriftPolicy.FeatureOverride o = policy.overrides().get(feature);
        if (o != null && o.threshold().isPresent()) {
            return o.threshold().get();
        }
        return policy.thresholdOf(m);
    }

    /** Bonferroni: p < alpha/m. Benjamini–Hochberg: the k smallest with p_(k) <= k/m·alpha. A feature override's
     *  threshold replaces alpha for that feature (uncorrected: the user chose it). */
    private void decidePValues(List<Map.Entry<String, Double>> pValues, Map<String, DriftMethod> methods,
                               Map<String, FeatureDecision> out) {
        int m = pValues.size();
        if (m == 0) {
            return;
        }
        double alpha = policy.alpha();
        double bhCut = -1;
        if (policy.correction() == DriftPolicy.Correction.BENJAMINI_HOCHBERG) {
            List<Map.Entry<String, Double>> sorted = new ArrayList<>(pValues);
            sorted.sort(Comparator.comparingDouble(Map.Entry::getValue));
            for (int k = 1; k <= m; k++) {
                if (sorted.get(k - 1).getValue() <= k * alpha / m) {
                    bhCut = k * alpha / m;
                }
            }
        }
        for (Map.Entry<String, Double> e : pValues) {
            DriftPolicy.FeatureOverride o = policy.overrides().get(e.getKey());
            double threshold;
            boolean drift;
            if (o != null && o.threshold().isPresent()) {
                threshold = o.threshold().get();
                drift = e.getValue() < threshold;
            } else {
                switch (policy.correction()) {
                    case NONE -> threshold = alpha;
                    case BONFERRONI -> threshold = alpha / m;
                    default -> threshold = bhCut < 0 ? alpha / m : bhCut;
                }
                drift = policy.correction() == DriftPolicy.Correction.BENJAMINI_HOCHBERG
                        ? bhCut >= 0 && e.getValue() <= bhCut : e.getValue() < threshold;
            }
            out.put(e.getKey(), new FeatureDecision(e.getKey(), methods.get(e.getKey()), e.getValue(), threshold,
                    drift ? Status.DRIFT : Status.NO_DRIFT));
        }
    }
}
