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
 * {@link #DEFAULT_ALPHA} = 0.002, so that a stationary model raises at most about one alarm per hundred windows even
 * in sketch mode, where the sketches' rank error inflates the KS statistic (see {@link #DEFAULT_ALPHA}).
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

    /**
     * Default family-wise alpha: 0.002, i.e. the promised rate of at most one false alarm per hundred stationary
     * windows (0.01) divided by 5.
     *
     * <p>Why not 0.01 itself. The KS p-value assumes both empirical CDFs are known exactly. In the streaming path
     * (sketch mode) each side is a KLL sketch (k = 200) whose rank error — about 0.25 % of the mass at a point, in
     * steps of up to 2^level/n — adds to D: on 1,000-row windows against a 20,000-row baseline (N = 952) the mean
     * null D is 0.0311 instead of 0.0280 (+11 %; about half from each sketch). That error is fixed in size while
     * D's sampling spread shrinks like 1/√N, so the worst case is the largest window still judged by KS
     * (n = largeSample = 1,000). There, with 20 N(0,1) features, the measured family-wise false-alarm rate is
     * ≈ 2.2 × alpha: 2.1–2.6 % at alpha 0.01 (16,000 simulated windows), while the same windows summarised exactly
     * (sketches that never compact) give 1.0–1.15 % — the p-value and its N = round(nm/(n+m)) are right; the
     * sketch noise is what inflates the rate. Dividing by ≈ 2.2 alone would leave no margin, and the rate varies
     * with the baseline because a baseline's own sketch error is fixed for its lifetime (worst 500-window block at
     * alpha 0.01: 3.4 %). At alpha 0.002 sketch mode gave 0.48 % over 16,000 windows and at most 1.0 % in any
     * 500-window block (28 blocks, several baselines); exact mode becomes conservative (0.2 %). The power cost is
     * small: the critical D per feature (Bonferroni over 20) rises from 0.066 to 0.072 at N = 952, from 0.144 to
     * 0.157 at N = 198 and from 0.201 to 0.220 at N = 100; a 0.5σ shift (D ≈ 0.2) is still flagged in the first
     * 1,000-row window. DetectionSimulationTest checks both sides of this trade-off. Callers who want the nominal
     * level in exact mode set it ({@link #withAlpha}, the CLI's --alpha).
     *
     * <p>The root cause is in sketch mode's KS p-value, which treats the sketches' distributions as exact samples;
     * should it account for the sketches' rank error, this default can return to 0.01.
     */
    public static final double DEFAULT_ALPHA = 0.002;

    public static DriftPolicy defaults() {
        return new DriftPolicy(100, 1000, DEFAULT_ALPHA, Correction.BONFERRONI, DriftMethod.WASSERSTEIN_NORM,
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
