package dev.driftline.drift.decision;

import dev.driftline.drift.metrics.CategoricalDriftFigures;
import dev.driftline.drift.metrics.DriftFigures;
import dev.driftline.drift.metrics.NumericDriftFigures;
import java.util.Locale;

/**
 * How a feature's drift is decided. P-value methods ({@link #KS}, {@link #CHI2}) flag drift when the (multiple-
 * testing corrected) p-value falls below alpha; distance methods flag it when the distance reaches a threshold.
 */
public enum DriftMethod {
    /** Kolmogorov–Smirnov p-value (numeric). */
    KS(true, true, false),
    /** Pearson chi-square p-value (categorical). */
    CHI2(true, false, true),
    /** Wasserstein distance divided by the reference standard deviation (numeric). */
    WASSERSTEIN_NORM(false, true, false),
    /** Jensen–Shannon distance over bins or categories. */
    JENSEN_SHANNON(false, true, true),
    /** Population stability index. */
    PSI(false, true, true),
    /** Hellinger distance. */
    HELLINGER(false, true, true),
    /**
     * SageMaker Model Monitor's {@code baseline_drift_check}: L-infinity distance, threshold 0.1 by default — between
     * category proportions for categorical features and between the CDFs (the KS statistic) for numeric ones.
     */
    BASELINE_DRIFT_CHECK(false, true, true);

    private final boolean pValue;
    private final boolean numeric;
    private final boolean categorical;

    DriftMethod(boolean pValue, boolean numeric, boolean categorical) {
        this.pValue = pValue;
        this.numeric = numeric;
        this.categorical = categorical;
    }

    public boolean isPValue() {
        return pValue;
    }

    public boolean appliesTo(DriftFigures f) {
        return f instanceof NumericDriftFigures ? numeric : categorical;
    }

    /** Name used in JSON and configuration, e.g. {@code wasserstein_norm}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DriftMethod fromId(String id) {
        try {
            return valueOf(id.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown drift method '" + id + "'; known: ks, chi2, wasserstein_norm, "
                    + "jensen_shannon, psi, hellinger, baseline_drift_check");
        }
    }

    /** The figure this method compares: a p-value or a distance. */
    public double valueOf(DriftFigures f) {
        if (f instanceof NumericDriftFigures n) {
            return switch (this) {
                case KS -> n.ksPValue();
                case WASSERSTEIN_NORM -> n.wassersteinNorm();
                case JENSEN_SHANNON -> n.jensenShannon();
                case PSI -> n.psi();
                case HELLINGER -> n.hellinger();
                case BASELINE_DRIFT_CHECK -> n.ksStatistic();
                case CHI2 -> throw notFor(n);
            };
        }
        CategoricalDriftFigures c = (CategoricalDriftFigures) f;
        return switch (this) {
            case CHI2 -> c.chi2PValue();
            case JENSEN_SHANNON -> c.jensenShannon();
            case PSI -> c.psi();
            case HELLINGER -> c.hellinger();
            case BASELINE_DRIFT_CHECK -> c.linf();
            case KS, WASSERSTEIN_NORM -> throw notFor(c);
        };
    }

    private IllegalArgumentException notFor(DriftFigures f) {
        return new IllegalArgumentException(id() + " does not apply to a "
                + (f instanceof NumericDriftFigures ? "numeric" : "categorical") + " feature");
    }
}
