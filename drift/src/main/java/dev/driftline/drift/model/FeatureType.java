package dev.driftline.drift.model;

import java.util.Locale;

/**
 * The inferred type of one feature, with SageMaker Model Monitor's names ({@code Fractional}, {@code Integral},
 * {@code String}) so baselines and constraints can be exchanged with it.
 *
 * <p>SageMaker has no boolean type (it reports booleans as {@code String}); we keep {@link #BOOLEAN} separate because
 * it lets the profile normalise {@code true}, {@code "TRUE"} and {@code 1} to one category. It is categorical and maps
 * to SageMaker's {@code String}.
 */
public enum FeatureType {
    FRACTIONAL("Fractional"),
    INTEGRAL("Integral"),
    STRING("String"),
    BOOLEAN("String");

    private final String sageMakerName;

    FeatureType(String sageMakerName) {
        this.sageMakerName = sageMakerName;
    }

    /** Numeric features are summarised by quantile sketches and compared with KS/Wasserstein; the rest by counts. */
    public boolean isNumeric() {
        return this == FRACTIONAL || this == INTEGRAL;
    }

    /** The complement of {@link #isNumeric()}: strings and booleans are compared by category frequencies. */
    public boolean isCategorical() {
        return !isNumeric();
    }

    /** The name SageMaker Model Monitor uses in statistics.json / constraints.json ({@code BOOLEAN} → {@code String}). */
    public String sageMakerName() {
        return sageMakerName;
    }

    /**
     * Reads a SageMaker type name (case-insensitive). {@code String} gives {@link #STRING}: a SageMaker baseline cannot
     * say a feature was boolean.
     *
     * @throws IllegalArgumentException for any other name, listing the accepted ones
     */
    public static FeatureType fromSageMakerName(String name) {
        switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "fractional":
                return FRACTIONAL;
            case "integral":
                return INTEGRAL;
            case "string":
                return STRING;
            default:
                throw new IllegalArgumentException(
                        "unknown SageMaker feature type '" + name + "' (expected Fractional, Integral or String)");
        }
    }
}
