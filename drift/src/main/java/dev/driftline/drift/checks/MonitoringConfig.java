package dev.driftline.drift.checks;

/**
 * Thresholds of the checks, as in SageMaker's {@code monitoring_config}: the share of values that must have the
 * expected type, and the share that must fall in the baseline's category domain (both 1.0 by default: any stray
 * value is reported).
 */
public record MonitoringConfig(double datatypeCheckThreshold, double domainContentThreshold) {
    public static MonitoringConfig defaults() {
        return new MonitoringConfig(1.0, 1.0);
    }
}
