package dev.driftline.drift.dataquality;

import java.util.Locale;

/**
 * Thresholds of the checks, as in SageMaker's {@code monitoring_config}: the share of values that must have the
 * expected type, and the share that must fall in the baseline's category domain (both 1.0 by default); plus ours: the
 * margin, as a share of the baseline's width (max − min), by which values may exceed the baseline range before
 * {@code baseline_range_check} reports them (default 0.1), and how {@code categorical_values_check} judges values
 * outside the domain ({@link CategoricalValues}).
 *
 * @param categoricalValues  {@link CategoricalValues#EXPECTED_UNSEEN} (default) or {@link CategoricalValues#STRICT}
 * @param unseenFloor        expected-unseen mode: a window whose unseen share is at or below this is never reported
 *                           (default 0.001 = 0.1 %)
 * @param unseenSignificance expected-unseen mode: the one-sided binomial p-value below which the unseen share counts
 *                           as above the expected share (default 0.001)
 */
public record MonitoringConfig(double datatypeCheckThreshold, double domainContentThreshold, double rangeMargin,
                               CategoricalValues categoricalValues, double unseenFloor, double unseenSignificance) {
    public static final double DEFAULT_UNSEEN_FLOOR = 0.001;
    public static final double DEFAULT_UNSEEN_SIGNIFICANCE = 0.001;

    /** How values outside a categorical column's baseline domain are judged. */
    public enum CategoricalValues {
        /**
         * By size: reported only when the window's unseen share is above the floor and significantly above the share
         * the training sample expects to be unseen ({@link FeatureConstraint#expectedUnseenShare()}).
         */
        EXPECTED_UNSEEN,
        /** SageMaker's rule: reported when the share inside the domain is below {@code domain_content_threshold}. */
        STRICT;

        /** The name in files and flags: {@code expected_unseen}, {@code strict}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The mode of {@code id} ({@code expected_unseen}/{@code expected-unseen}, {@code strict}), any case. */
        public static CategoricalValues of(String id) {
            for (CategoricalValues v : values()) {
                if (v.id().equalsIgnoreCase(id.trim().replace('-', '_'))) {
                    return v;
                }
            }
            throw new IllegalArgumentException("categorical values check must be expected_unseen or strict, not '"
                    + id + "'");
        }
    }

    public MonitoringConfig {
        share("datatype_check_threshold", datatypeCheckThreshold);
        share("domain_content_threshold", domainContentThreshold);
        share("unseen_floor", unseenFloor);
        if (!(rangeMargin >= 0) || Double.isInfinite(rangeMargin)) {
            throw new IllegalArgumentException("range_margin must be a finite number >= 0, not " + rangeMargin);
        }
        if (!(unseenSignificance > 0 && unseenSignificance < 1)) {
            throw new IllegalArgumentException("unseen_significance must be in (0, 1), not " + unseenSignificance);
        }
        java.util.Objects.requireNonNull(categoricalValues, "categoricalValues");
    }

    /** SageMaker's three thresholds with the expected-unseen defaults. */
    public MonitoringConfig(double datatypeCheckThreshold, double domainContentThreshold, double rangeMargin) {
        this(datatypeCheckThreshold, domainContentThreshold, rangeMargin, CategoricalValues.EXPECTED_UNSEEN,
                DEFAULT_UNSEEN_FLOOR, DEFAULT_UNSEEN_SIGNIFICANCE);
    }

    public static MonitoringConfig defaults() {
        return new MonitoringConfig(1.0, 1.0, 0.1);
    }

    /** The same thresholds with another categorical-values mode. */
    public MonitoringConfig withCategoricalValues(CategoricalValues mode) {
        return new MonitoringConfig(datatypeCheckThreshold, domainContentThreshold, rangeMargin, mode, unseenFloor,
                unseenSignificance);
    }

    /** The same thresholds with another unseen floor. */
    public MonitoringConfig withUnseenFloor(double floor) {
        return new MonitoringConfig(datatypeCheckThreshold, domainContentThreshold, rangeMargin, categoricalValues,
                floor, unseenSignificance);
    }

    private static void share(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], not " + v);
        }
    }
}
