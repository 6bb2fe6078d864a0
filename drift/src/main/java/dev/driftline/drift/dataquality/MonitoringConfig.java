package dev.driftline.drift.dataquality;

/**
 * Thresholds of the checks, as in SageMaker's {@code monitoring_config}: the share of values that must have the
 * expected type, and the share that must fall in the baseline's category domain (both 1.0 by default: any stray
 * value is reported); plus ours: the margin, as a share of the baseline's width (max − min), by which values may
 * exceed the baseline range before {@code baseline_range_check} reports them (default 0.1).
 */
public record MonitoringConfig(double datatypeCheckThreshold, double domainContentThreshold, double rangeMargin) {
    public static MonitoringConfig defaults() {
        return new MonitoringConfig(1.0, 1.0, 0.1);
    }
}
