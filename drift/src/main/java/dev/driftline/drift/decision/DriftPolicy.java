package dev.driftline.drift.decision;

import java.util.Map;
import java.util.Optional;

/**
 * How drift figures become decisions; one per model, with optional per-feature overrides.
 *
 * <p>Defaults follow the reasoning behind Evidently's presets: on small windows a p-value test (KS for numeric,
 * chi-square for categorical), because distances are noisy there; on large windows an effect-size threshold
 * (normalised Wasserstein for numeric, Jensen–Shannon for categorical), because p-values flag negligible shifts once
 * samples are large. Below {@code minSamples} the answer is "insufficient data", never an alarm. P-value tests are
 * corrected for testing many features at once (Bonferroni by default), with {@code alpha} the family-wise rate:
 * 0.01, so a stationary model raises at most about one alarm per hundred windows.
 *
 * @param minSamples         current-window rows below which a feature is not judged
 * @param largeSample        windows with more rows than this use the distance method
 * @param alpha              significance level for p-value methods, across all features of a window
 * @param correction         multiple-testing control across the p-value tests of one window
 * @param numericDistance    distance method for large numeric windows
 * @param categoricalDistance distance method for large categorical windows
 * @param datasetDriftShare  share of judged features that must drift for dataset-level drift
 * @param thresholds         default thresholds of distance methods
 * @param overrides          per-feature method and/or threshold
 */
public record DriftPolicy(long minSamples, long largeSample, double alpha, Correction correction,
                          DriftMethod numericDistance, DriftMethod categoricalDistance, double datasetDriftShare,
                          Map<DriftMethod, Double> thresholds, Map<String, FeatureOverride> overrides) {

    /** Multiple-testing control across the p-value tests of one window. */
    public enum Correction { NONE, BONFERRONI, BENJAMINI_HOCHBERG }

    /** A feature's own method and/or threshold; empty fields fall back to the policy. */
    public record FeatureOverride(Optional<DriftMethod> method, Optional<Double> threshold) {
    }

    public DriftPolicy {
        if (minSamples < 1 || largeSample < minSamples) {
            throw new IllegalArgumentException("need 1 <= minSamples <= largeSample");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        if (!(datasetDriftShare > 0 && datasetDriftShare <= 1)) {
            throw new IllegalArgumentException("datasetDriftShare must be in (0, 1], got " + datasetDriftShare);
        }
        if (numericDistance.isPValue() || categoricalDistance.isPValue()) {
            throw new IllegalArgumentException("the large-window methods must be distances");
        }
        thresholds = Map.copyOf(thresholds);
        overrides = Map.copyOf(overrides);
    }

    public static final Map<DriftMethod, Double> DEFAULT_THRESHOLDS = Map.of(
            DriftMethod.WASSERSTEIN_NORM, 0.1,
            DriftMethod.JENSEN_SHANNON, 0.1,
            DriftMethod.PSI, 0.2, // the usual "significant shift" level of PSI
            DriftMethod.HELLINGER, 0.1,
            DriftMethod.BASELINE_DRIFT_CHECK, 0.1); // SageMaker Model Monitor's comparison_threshold default

    public static DriftPolicy defaults() {
        return new DriftPolicy(100, 1000, 0.01, Correction.BONFERRONI, DriftMethod.WASSERSTEIN_NORM,
                DriftMethod.JENSEN_SHANNON, 0.5, DEFAULT_THRESHOLDS, Map.of());
    }

    public DriftPolicy withOverrides(Map<String, FeatureOverride> o) {
        return new DriftPolicy(minSamples, largeSample, alpha, correction, numericDistance, categoricalDistance,
                datasetDriftShare, thresholds, o);
    }

    public DriftPolicy withCorrection(Correction c) {
        return new DriftPolicy(minSamples, largeSample, alpha, c, numericDistance, categoricalDistance,
                datasetDriftShare, thresholds, overrides);
    }

    public DriftPolicy withAlpha(double a) {
        return new DriftPolicy(minSamples, largeSample, a, correction, numericDistance, categoricalDistance,
                datasetDriftShare, thresholds, overrides);
    }

    /** The distance threshold of a method (for p-value methods use alpha). */
    public double thresholdOf(DriftMethod m) {
        Double t = thresholds.get(m);
        if (t == null) {
            throw new IllegalArgumentException("no threshold configured for " + m.id());
        }
        return t;
    }
}
