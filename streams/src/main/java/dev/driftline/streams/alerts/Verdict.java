package dev.driftline.streams.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One window's verdict on one (model, kind, feature), read from a drift report or a model-quality window. Only
 * {@code windowStart}, {@code revision} and {@code outcome} go into the state; the rest is what an alert that this
 * verdict opens or resolves reports.
 *
 * @param feature   null for {@link AlertKind#MODEL_QUALITY}
 * @param revision  the report's {@code revision} (drift) or {@code version} (model quality): a higher one for the same
 *                  window replaces the verdict
 * @param metric    what was measured (e.g. {@code ks_pvalue}, {@code completeness_check}, {@code accuracy}), or null
 * @param critical  whether the window itself makes the alert critical (e.g. the report's {@code dataset_drift})
 * @param details   kind-specific extras for the alert's {@code details}
 */
record Verdict(AlertKind kind, String feature, long windowStart, long windowEnd, long revision, Outcome outcome,
               String metric, Double value, Double threshold, boolean critical, ObjectNode details) {

    /** {@code NOT_JUDGED}: the window had too little data (or no answer); it neither counts nor breaks a run. */
    enum Outcome {
        BAD, CLEAN, NOT_JUDGED;

        char code() {
            return name().charAt(0);
        }

        static Outcome of(char code) {
            for (Outcome o : values()) {
                if (o.code() == code) {
                    return o;
                }
            }
            throw new IllegalArgumentException("unknown verdict code " + code);
        }
    }
}
