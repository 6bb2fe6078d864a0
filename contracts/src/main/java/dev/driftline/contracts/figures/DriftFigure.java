package dev.driftline.contracts.figures;

import dev.driftline.drift.decision.DriftMethod;
import dev.driftline.drift.metrics.DriftFigures;
import dev.driftline.drift.metrics.NumericDriftFigures;
import dev.driftline.drift.profile.FeatureProfile;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One drift figure as every reader of the pipeline's outputs knows it: its name (the JSON key in a drift report's
 * feature entry, the {@code metric} value of the lake's {@code drift_metrics} rows, the {@code metric} tag of
 * {@code driftline.feature.drift.score}), which features it applies to, what kind of number it is, how to show it,
 * its default threshold, the decision methods that decide on it, and how it is computed. Registered in
 * {@link FigureRegistry}.
 *
 * @param name             snake_case key, unique
 * @param appliesTo        numeric features, categorical ones, or both
 * @param kind             p-value, test statistic, distance or count
 * @param displayName      for tables and dashboards
 * @param defaultThreshold the threshold a distance method compares it with by default (p-values: the policy's
 *                         alpha; empty when no method decides on it)
 * @param decidedBy        the methods whose verdict compares this figure (see {@link DriftMethod#valueOf})
 * @param score            published as the per-feature drift score on {@code /metrics} (distances and
 *                         statistics on a common scale; p-values, raw counts and unnormalised figures are not)
 * @param computation      how the drift core's figures of one feature give its value
 */
public record DriftFigure(String name, AppliesTo appliesTo, Kind kind, String displayName,
                          OptionalDouble defaultThreshold, Set<DriftMethod> decidedBy, boolean score,
                          Computation computation) {

    /** Which features a figure is computed for. */
    public enum AppliesTo {
        NUMERIC, CATEGORICAL, BOTH;

        public boolean includes(boolean numeric) {
            return this == BOTH || (this == NUMERIC) == numeric;
        }
    }

    /** What kind of number a figure is. */
    public enum Kind {
        /** A test's p-value: small means drift. */
        P_VALUE,
        /** A test statistic. */
        STATISTIC,
        /** A distance between the two distributions: large means drift. */
        DISTANCE,
        /** A whole number (e.g. degrees of freedom), written as a JSON integer. */
        COUNT
    }

    /**
     * Computes a figure of one feature from its reference and current profiles. {@code builtIn} holds the figures the
     * drift core computes together ({@code SketchDrift}); a figure that is one of them just reads it, a new figure may
     * compute from the profiles.
     */
    @FunctionalInterface
    public interface Computation {
        double compute(FeatureProfile reference, FeatureProfile current, DriftFigures builtIn);
    }

    public DriftFigure {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("figure name must be snake_case: " + name);
        }
        Objects.requireNonNull(appliesTo, "appliesTo");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(defaultThreshold, "defaultThreshold");
        decidedBy = Set.copyOf(decidedBy);
        Objects.requireNonNull(computation, "computation");
    }

    public boolean appliesTo(DriftFigures f) {
        return appliesTo.includes(f instanceof NumericDriftFigures);
    }

    /** Whether {@code method} decides on this figure for a numeric ({@code true}) or categorical feature. */
    public boolean decides(DriftMethod method, boolean numeric) {
        return decidedBy.contains(method) && appliesTo.includes(numeric);
    }
}
