package dev.driftline.streams.alerts;

import java.util.Locale;

/** What an alert is about; {@link #id()} is the {@code "kind"} of the alert JSON. */
public enum AlertKind {
    /** A FEATURE column's drift verdict in the drift report. */
    DATA_DRIFT,
    /** A column with {@code "role": "prediction"} in the drift report. */
    PREDICTION_DRIFT,
    /** Data-quality violations of one feature in the drift report. */
    DATA_QUALITY,
    /** A degraded model-quality window (no feature). */
    MODEL_QUALITY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Prediction drift and model quality hit what the model outputs, so they are critical from the start. */
    boolean alwaysCritical() {
        return this == PREDICTION_DRIFT || this == MODEL_QUALITY;
    }
}
