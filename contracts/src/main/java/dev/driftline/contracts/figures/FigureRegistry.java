package dev.driftline.contracts.figures;

import static dev.driftline.contracts.figures.DriftFigure.AppliesTo.BOTH;
import static dev.driftline.contracts.figures.DriftFigure.AppliesTo.CATEGORICAL;
import static dev.driftline.contracts.figures.DriftFigure.AppliesTo.NUMERIC;
import static dev.driftline.contracts.figures.DriftFigure.Kind.COUNT;
import static dev.driftline.contracts.figures.DriftFigure.Kind.DISTANCE;
import static dev.driftline.contracts.figures.DriftFigure.Kind.P_VALUE;
import static dev.driftline.contracts.figures.DriftFigure.Kind.STATISTIC;

import dev.driftline.drift.decision.DriftMethod;
import dev.driftline.drift.decision.DriftPolicy;
import dev.driftline.drift.metrics.CategoricalDriftFigures;
import dev.driftline.drift.metrics.DriftFigures;
import dev.driftline.drift.metrics.NumericDriftFigures;
import dev.driftline.drift.profile.FeatureProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

/**
 * Every drift figure, in the order reports list them (in the spirit of Evidently's stat-test registry). The drift
 * core computes; the drift report, the lake's {@code drift_metrics} rows, the {@code /metrics} taps and the CLI read
 * this registry. <b>Adding a figure is its computation plus one {@link #register} call</b>: it then appears in every
 * drift report's feature entries, as rows of {@code drift_metrics} and, when it is a {@link DriftFigure#score()}, as
 * a {@code driftline.feature.drift.score} series.
 *
 * <p>The built-in order is that of the batch comparison's JSON: numeric features list ks_statistic, ks_pvalue, psi,
 * wasserstein, wasserstein_norm, jensen_shannon, hellinger; categorical ones chi2_statistic, chi2_pvalue, chi2_dof,
 * linf, psi, jensen_shannon, hellinger. Registered figures follow the built-in ones.
 */
public final class FigureRegistry {
    private static final List<DriftFigure> BUILT_IN = List.of(
            numeric("ks_statistic", STATISTIC, "KS statistic", DriftPolicy.DEFAULT_THRESHOLDS
                    .get(DriftMethod.BASELINE_DRIFT_CHECK), Set.of(DriftMethod.BASELINE_DRIFT_CHECK), true,
                    NumericDriftFigures::ksStatistic),
            numeric("ks_pvalue", P_VALUE, "KS p-value", DriftPolicy.DEFAULT_ALPHA, Set.of(DriftMethod.KS), false,
                    NumericDriftFigures::ksPValue),
            categorical("chi2_statistic", STATISTIC, "Chi-square statistic", null, Set.of(), false,
                    CategoricalDriftFigures::chi2Statistic),
            categorical("chi2_pvalue", P_VALUE, "Chi-square p-value", DriftPolicy.DEFAULT_ALPHA,
                    Set.of(DriftMethod.CHI2), false, CategoricalDriftFigures::chi2PValue),
            categorical("chi2_dof", COUNT, "Chi-square degrees of freedom", null, Set.of(), false,
                    CategoricalDriftFigures::chi2Dof),
            categorical("linf", DISTANCE, "L-infinity distance", DriftPolicy.DEFAULT_THRESHOLDS
                    .get(DriftMethod.BASELINE_DRIFT_CHECK), Set.of(DriftMethod.BASELINE_DRIFT_CHECK), true,
                    CategoricalDriftFigures::linf),
            both("psi", "Population stability index", DriftMethod.PSI, NumericDriftFigures::psi,
                    CategoricalDriftFigures::psi),
            numeric("wasserstein", DISTANCE, "Wasserstein distance", null, Set.of(), false,
                    NumericDriftFigures::wasserstein),
            numeric("wasserstein_norm", DISTANCE, "Normalised Wasserstein distance",
                    DriftPolicy.DEFAULT_THRESHOLDS.get(DriftMethod.WASSERSTEIN_NORM),
                    Set.of(DriftMethod.WASSERSTEIN_NORM), true, NumericDriftFigures::wassersteinNorm),
            both("jensen_shannon", "Jensen-Shannon distance", DriftMethod.JENSEN_SHANNON,
                    NumericDriftFigures::jensenShannon, CategoricalDriftFigures::jensenShannon),
            both("hellinger", "Hellinger distance", DriftMethod.HELLINGER, NumericDriftFigures::hellinger,
                    CategoricalDriftFigures::hellinger));

    private static final List<DriftFigure> FIGURES = new CopyOnWriteArrayList<>(BUILT_IN);

    private FigureRegistry() {
    }

    /** Every registered figure, built-in ones first. */
    public static List<DriftFigure> all() {
        return List.copyOf(FIGURES);
    }

    /** The figures of a numeric ({@code true}) or categorical feature, in report order. */
    public static List<DriftFigure> of(boolean numeric) {
        List<DriftFigure> out = new ArrayList<>();
        for (DriftFigure f : FIGURES) {
            if (f.appliesTo().includes(numeric)) {
                out.add(f);
            }
        }
        return out;
    }

    public static Optional<DriftFigure> byName(String name) {
        for (DriftFigure f : FIGURES) {
            if (f.name().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * Adds a figure after the registered ones.
     *
     * @throws IllegalArgumentException when a figure of that name is registered already
     */
    public static synchronized void register(DriftFigure figure) {
        if (byName(figure.name()).isPresent()) {
            throw new IllegalArgumentException("drift figure " + figure.name() + " is registered already");
        }
        FIGURES.add(figure);
    }

    /** Removes a figure registered with {@link #register} (built-in figures stay); true when it was there. */
    public static synchronized boolean unregister(String name) {
        if (BUILT_IN.stream().anyMatch(f -> f.name().equals(name))) {
            throw new IllegalArgumentException("built-in drift figure " + name + " cannot be removed");
        }
        return FIGURES.removeIf(f -> f.name().equals(name));
    }

    /**
     * Every applicable figure of one feature, in report order: name → value (NaN when undefined).
     *
     * @param builtIn the drift core's figures of the feature (numeric or categorical)
     */
    public static Map<String, Double> compute(FeatureProfile reference, FeatureProfile current, DriftFigures builtIn) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (DriftFigure f : FIGURES) {
            if (f.appliesTo(builtIn)) {
                out.put(f.name(), f.computation().compute(reference, current, builtIn));
            }
        }
        return out;
    }

    /**
     * The built-in figures of {@code builtIn} in report order, for readers that have the drift core's figures but no
     * profiles (the batch comparison's table): name → value.
     */
    public static Map<String, Double> builtIn(DriftFigures builtIn) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (DriftFigure f : BUILT_IN) {
            if (f.appliesTo(builtIn)) {
                out.put(f.name(), f.computation().compute(null, null, builtIn));
            }
        }
        return out;
    }

    /**
     * The figure a decision method decides on for a feature of {@code type} ({@code numeric} or
     * {@code categorical}, as in a drift report), e.g. {@code ks} → {@code ks_pvalue}, {@code baseline_drift_check}
     * → {@code ks_statistic} or {@code linf}; empty for an unknown method or type.
     */
    public static Optional<String> decisionFigure(String methodId, String type) {
        if (methodId == null || type == null) {
            return Optional.empty();
        }
        DriftMethod method;
        try {
            method = DriftMethod.fromId(methodId);
        } catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
        boolean numeric = "numeric".equals(type);
        if (!numeric && !"categorical".equals(type)) {
            return Optional.empty();
        }
        for (DriftFigure f : FIGURES) {
            if (f.decides(method, numeric)) {
                return Optional.of(f.name());
            }
        }
        return Optional.empty();
    }

    private static DriftFigure numeric(String name, DriftFigure.Kind kind, String display, Double threshold,
                                       Set<DriftMethod> decidedBy, boolean score,
                                       ToDoubleFunction<NumericDriftFigures> value) {
        return new DriftFigure(name, NUMERIC, kind, display, optional(threshold), decidedBy, score,
                (ref, cur, f) -> value.applyAsDouble((NumericDriftFigures) f));
    }

    private static DriftFigure categorical(String name, DriftFigure.Kind kind, String display, Double threshold,
                                           Set<DriftMethod> decidedBy, boolean score,
                                           ToDoubleFunction<CategoricalDriftFigures> value) {
        return new DriftFigure(name, CATEGORICAL, kind, display, optional(threshold), decidedBy, score,
                (ref, cur, f) -> value.applyAsDouble((CategoricalDriftFigures) f));
    }

    private static DriftFigure both(String name, String display, DriftMethod method,
                                    ToDoubleFunction<NumericDriftFigures> numeric,
                                    ToDoubleFunction<CategoricalDriftFigures> categorical) {
        return new DriftFigure(name, BOTH, DISTANCE, display, optional(DriftPolicy.DEFAULT_THRESHOLDS.get(method)),
                Set.of(method), true, (ref, cur, f) -> f instanceof NumericDriftFigures n
                ? numeric.applyAsDouble(n) : categorical.applyAsDouble((CategoricalDriftFigures) f));
    }

    private static OptionalDouble optional(Double d) {
        return d == null ? OptionalDouble.empty() : OptionalDouble.of(d);
    }
}
