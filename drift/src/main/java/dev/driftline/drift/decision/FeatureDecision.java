package dev.driftline.drift.decision;

/**
 * The verdict on one feature in one window.
 *
 * @param method    the method that decided
 * @param value     the figure compared: a p-value for p-value methods, else a distance
 * @param threshold what it was compared with: the corrected significance level, or the distance threshold
 */
public record FeatureDecision(String feature, DriftMethod method, double value, double threshold, Status status) {
    /** Outcome of one feature. */
    public enum Status {
        DRIFT, NO_DRIFT, INSUFFICIENT_DATA;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean drift() {
        return status == Status.DRIFT;
    }
}
