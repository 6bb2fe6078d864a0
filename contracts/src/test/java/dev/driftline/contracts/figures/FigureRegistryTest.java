package dev.driftline.contracts.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.drift.decision.DriftMethod;
import dev.driftline.drift.decision.DriftPolicy;
import dev.driftline.drift.metrics.DriftFigures;
import dev.driftline.drift.metrics.SketchDrift;
import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.NumericProfile;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FigureRegistryTest {

    static NumericProfile numeric(double shift) {
        NumericProfile p = new NumericProfile(FeatureType.FRACTIONAL);
        for (int i = 0; i < 500; i++) {
            p.update(Math.sin(i * 0.37) * 3 + shift);
        }
        return p;
    }

    static CategoricalProfile categorical(String... values) {
        CategoricalProfile p = new CategoricalProfile(FeatureType.STRING);
        for (int i = 0; i < 300; i++) {
            p.update(values[i % values.length]);
        }
        return p;
    }

    @Test
    void builtInOrderIsTheComparisonsOrder() {
        assertThat(FigureRegistry.of(true)).extracting(DriftFigure::name).containsExactly("ks_statistic",
                "ks_pvalue", "psi", "wasserstein", "wasserstein_norm", "jensen_shannon", "hellinger");
        assertThat(FigureRegistry.of(false)).extracting(DriftFigure::name).containsExactly("chi2_statistic",
                "chi2_pvalue", "chi2_dof", "linf", "psi", "jensen_shannon", "hellinger");
    }

    @Test
    void computedValuesAreTheDriftCoresFigures() {
        DriftFigures n = SketchDrift.figures(numeric(0), numeric(1));
        Map<String, Double> values = FigureRegistry.compute(numeric(0), numeric(1), n);
        assertThat(values.keySet()).containsExactly("ks_statistic", "ks_pvalue", "psi", "wasserstein",
                "wasserstein_norm", "jensen_shannon", "hellinger");
        assertThat(values.get("wasserstein_norm")).isEqualTo(DriftMethod.WASSERSTEIN_NORM.valueOf(n));
        DriftFigures c = SketchDrift.figures(categorical("a", "b"), categorical("a", "b", "c"));
        Map<String, Double> cv = FigureRegistry.compute(categorical("a", "b"), categorical("a", "b", "c"), c);
        assertThat(cv.get("linf")).isEqualTo(DriftMethod.BASELINE_DRIFT_CHECK.valueOf(c));
        assertThat(cv.get("chi2_pvalue")).isEqualTo(DriftMethod.CHI2.valueOf(c));
    }

    /** The registry's "which decision uses it" must say what the drift core decides on, for every method. */
    @Test
    void decisionFiguresAgreeWithTheDriftCore() {
        DriftFigures n = SketchDrift.figures(numeric(0), numeric(0.5));
        DriftFigures c = SketchDrift.figures(categorical("a", "b"), categorical("a", "b", "b"));
        Map<String, Double> nv = FigureRegistry.compute(numeric(0), numeric(0.5), n);
        Map<String, Double> cv = FigureRegistry.compute(categorical("a", "b"), categorical("a", "b", "b"), c);
        for (DriftMethod m : DriftMethod.values()) {
            if (m.appliesTo(n)) {
                String figure = FigureRegistry.decisionFigure(m.id(), "numeric").orElseThrow();
                assertThat(nv.get(figure)).as(m.id()).isEqualTo(m.valueOf(n));
            } else {
                assertThat(FigureRegistry.decisionFigure(m.id(), "numeric")).as(m.id()).isEmpty();
            }
            if (m.appliesTo(c)) {
                String figure = FigureRegistry.decisionFigure(m.id(), "categorical").orElseThrow();
                assertThat(cv.get(figure)).as(m.id()).isEqualTo(m.valueOf(c));
            } else {
                assertThat(FigureRegistry.decisionFigure(m.id(), "categorical")).as(m.id()).isEmpty();
            }
        }
        assertThat(FigureRegistry.decisionFigure("ks", "numeric")).hasValue("ks_pvalue");
        assertThat(FigureRegistry.decisionFigure("baseline_drift_check", "categorical")).hasValue("linf");
        assertThat(FigureRegistry.decisionFigure("no_such_method", "numeric")).isEmpty();
        assertThat(FigureRegistry.decisionFigure(null, "numeric")).isEmpty();
    }

    @Test
    void defaultThresholdsAreThePolicyDefaults() {
        for (DriftFigure f : FigureRegistry.all()) {
            for (DriftMethod m : f.decidedBy()) {
                double expected = m.isPValue() ? DriftPolicy.DEFAULT_ALPHA : DriftPolicy.defaults().thresholdOf(m);
                assertThat(f.defaultThreshold()).as(f.name()).hasValue(expected);
            }
        }
    }

    @Test
    void aRegisteredFigureIsComputedAfterTheBuiltInOnesAndCanBeRemoved() {
        DriftFigure meanShift = new DriftFigure("mean_shift", DriftFigure.AppliesTo.NUMERIC,
                DriftFigure.Kind.DISTANCE, "Mean shift", OptionalDouble.of(0.5), Set.of(), true,
                (ref, cur, f) -> Math.abs(((NumericProfile) cur).mean() - ((NumericProfile) ref).mean()));
        FigureRegistry.register(meanShift);
        try {
            assertThatThrownBy(() -> FigureRegistry.register(meanShift)).hasMessageContaining("registered already");
            DriftFigures n = SketchDrift.figures(numeric(0), numeric(2));
            Map<String, Double> values = FigureRegistry.compute(numeric(0), numeric(2), n);
            assertThat(values.keySet()).endsWith("mean_shift");
            assertThat(values.get("mean_shift")).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(FigureRegistry.of(false)).extracting(DriftFigure::name).doesNotContain("mean_shift");
        } finally {
            assertThat(FigureRegistry.unregister("mean_shift")).isTrue();
        }
        assertThat(FigureRegistry.byName("mean_shift")).isEmpty();
        assertThatThrownBy(() -> FigureRegistry.unregister("psi")).hasMessageContaining("built-in");
    }

    @Test
    void namesAreSnakeCase() {
        assertThatThrownBy(() -> new DriftFigure("Mean Shift", DriftFigure.AppliesTo.BOTH, DriftFigure.Kind.DISTANCE,
                "x", OptionalDouble.empty(), Set.of(), false, (r, c, f) -> 0)).hasMessageContaining("snake_case");
    }
}
