package dev.driftline.drift.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.driftline.drift.decision.DriftPolicy.Correction;
import dev.driftline.drift.decision.DriftPolicy.FeatureOverride;
import dev.driftline.drift.decision.FeatureDecision.Status;
import dev.driftline.drift.metrics.CategoricalDriftFigures;
import dev.driftline.drift.metrics.DriftFigures;
import dev.driftline.drift.metrics.NumericDriftFigures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DriftDeciderTest {

    /** Numeric figures with every distance set to {@code distance} and the KS p-value {@code p}. */
    static NumericDriftFigures numeric(long nRef, long nCur, double p, double distance) {
        return new NumericDriftFigures(nRef, nCur, 0.05, p, distance, distance, distance, distance, distance,
                List.of(0.0));
    }

    static CategoricalDriftFigures categorical(long nRef, long nCur, double p, double distance) {
        return new CategoricalDriftFigures(nRef, nCur, 3.0, p, 2, distance, distance, distance, distance,
                List.of("a", "b", "c"));
    }

    static FeatureOverride override(DriftMethod method, Double threshold) {
        return new FeatureOverride(Optional.ofNullable(method), Optional.ofNullable(threshold));
    }

    private static DatasetDecision decide(DriftPolicy policy, Map<String, ? extends DriftFigures> figures) {
        return new DriftDecider(policy).decide(figures);
    }

    @Nested
    class MethodChoice {
        @Test
        void defaultsAreTheDocumentedPolicy() {
            DriftPolicy p = DriftPolicy.defaults();
            assertThat(p.minSamples()).isEqualTo(100);
            assertThat(p.largeSample()).isEqualTo(1000);
            assertThat(p.correction()).isEqualTo(Correction.BONFERRONI);
            assertThat(p.numericDistance()).isEqualTo(DriftMethod.WASSERSTEIN_NORM);
            assertThat(p.categoricalDistance()).isEqualTo(DriftMethod.JENSEN_SHANNON);
            assertThat(p.thresholdOf(DriftMethod.WASSERSTEIN_NORM)).isEqualTo(0.1);
            assertThat(p.thresholdOf(DriftMethod.JENSEN_SHANNON)).isEqualTo(0.1);
            assertThat(p.datasetDriftShare()).isEqualTo(0.5);
            assertThat(p.alpha()).isEqualTo(DriftPolicy.DEFAULT_ALPHA).isEqualTo(0.002);
        }

        @Test
        void smallWindowsUseTheTestOfTheirType() {
            Map<String, DriftFigures> f = new LinkedHashMap<>();
            f.put("num", numeric(5000, 1000, 0.5, 0.5));
            f.put("cat", categorical(5000, 1000, 0.5, 0.5));
            DatasetDecision d = decide(DriftPolicy.defaults(), f);

            assertThat(d.features().get("num").method()).isEqualTo(DriftMethod.KS);
            assertThat(d.features().get("cat").method()).isEqualTo(DriftMethod.CHI2);
            // the p-value is what was compared, not the distance (which would be a drift at 0.5)
            assertThat(d.features().get("num").value()).isEqualTo(0.5);
            assertThat(d.features().get("num").status()).isEqualTo(Status.NO_DRIFT);
            assertThat(d.features().get("cat").status()).isEqualTo(Status.NO_DRIFT);
        }

        @Test
        void largeWindowsUseTheDistanceOfTheirType() {
            Map<String, DriftFigures> f = new LinkedHashMap<>();
            f.put("num", new NumericDriftFigures(5000, 1001, 0.3, 1e-30, 0.9, 2.0, 0.099, 0.8, 0.7, List.of()));
            f.put("cat", new CategoricalDriftFigures(5000, 1001, 300, 1e-30, 3, 0.5, 0.9, 0.1, 0.6, List.of()));
            DatasetDecision d = decide(DriftPolicy.defaults(), f);

            FeatureDecision num = d.features().get("num");
            assertThat(num.method()).isEqualTo(DriftMethod.WASSERSTEIN_NORM);
            assertThat(num.value()).isEqualTo(0.099); // wasserstein_norm, not the tiny p-value
            assertThat(num.threshold()).isEqualTo(0.1);
            assertThat(num.status()).isEqualTo(Status.NO_DRIFT);

            FeatureDecision cat = d.features().get("cat");
            assertThat(cat.method()).isEqualTo(DriftMethod.JENSEN_SHANNON);
            assertThat(cat.value()).isEqualTo(0.1);
            assertThat(cat.status()).as("distance >= threshold is drift").isEqualTo(Status.DRIFT);
        }

        @Test
        void methodForSwitchesExactlyAboveLargeSample() {
            DriftDecider decider = new DriftDecider(DriftPolicy.defaults());
            assertThat(decider.methodFor("x", numeric(10, 1000, 1, 0))).isEqualTo(DriftMethod.KS);
            assertThat(decider.methodFor("x", numeric(10, 1001, 1, 0))).isEqualTo(DriftMethod.WASSERSTEIN_NORM);
            assertThat(decider.methodFor("x", categorical(10, 1000, 1, 0))).isEqualTo(DriftMethod.CHI2);
            assertThat(decider.methodFor("x", categorical(10, 1001, 1, 0))).isEqualTo(DriftMethod.JENSEN_SHANNON);
        }

        @Test
        void keepsTheInputOrderOfFeatures() {
            Map<String, DriftFigures> f = new LinkedHashMap<>();
            for (String name : List.of("zeta", "alpha", "mu", "beta")) {
                f.put(name, numeric(5000, 500, 0.5, 0));
            }
            assertThat(decide(DriftPolicy.defaults(), f).features().keySet())
                    .containsExactly("zeta", "alpha", "mu", "beta");
        }
    }

    @Nested
    class InsufficientData {
        @Test
        void belowMinSamplesInCurrentIsNotJudged() {
            Map<String, DriftFigures> f = new LinkedHashMap<>();
            f.put("few", numeric(5000, 99, 1e-20, 5));
            f.put("enough", numeric(5000, 100, 1e-20, 5));
            DatasetDecision d = decide(DriftPolicy.defaults(), f);

            FeatureDecision few = d.features().get("few");
            assertThat(few.status()).isEqualTo(Status.INSUFFICIENT_DATA);
            assertThat(few.drift()).isFalse();
            assertThat(few.threshold()).isNaN();
            assertThat(d.features().get("enough").status()).isEqualTo(Status.DRIFT);
            assertThat(d.judged()).isEqualTo(1);
            assertThat(d.drifted()).isEqualTo(1);
        }

        @Test
        void belowMinSamplesInReferenceIsNotJudged() {
            DatasetDecision d = decide(DriftPolicy.defaults(), Map.of("x", categorical(99, 500, 1e-20, 1)));
            assertThat(d.features().get("x").status()).isEqualTo(Status.INSUFFICIENT_DATA);
        }

        @Test
        void allInsufficientIsNeverDatasetDrift() {
            Map<String, DriftFigures> f = new LinkedHashMap<>();
            f.put("a", numeric(5000, 10, 0, 10));
            f.put("b", categorical(5000, 10, 0, 10));
            DatasetDecision d = decide(DriftPolicy.defaults(), f);
            assertThat(d.judged()).isZero();
            assertThat(d.drifted()).isZero();
            assertThat(d.driftedShare()).isZero();
            assertThat(d.datasetDrift()).isFalse();
        }

        @Test
        void insufficientFeaturesDoNotCountTowardsTheBonferroniFamily() {
            // 2 judged p-value tests: Bonferroni level alpha/2, not alpha/3.
            DriftPolicy policy = DriftPolicy.defaults().withAlpha(0.01);
            Map<String, DriftFigures> f = new LinkedHashMap<>();
            f.put("a", numeric(5000, 500, 0.004, 0));
            f.put("b", numeric(5000, 500, 0.9, 0));
            f.put("tiny", numeric(5000, 5, 0.9, 0));
            DatasetDecision d = decide(policy, f);
            assertThat(d.features().get("a").threshold()).isCloseTo(0.005, within(1e-15));
            assertThat(d.features().get("a").status()).isEqualTo(Status.DRIFT);
        }
    }

    @Nested
    class MultipleTesting {
        /** 20 p-values: Bonferroni (0.01/20 = 0.0005) flags one; BH flags five (step-up: 0.0011 > 2/20·0.01 but
         *  0.0024 <= 5/20·0.01, so all five smallest go). */
        private final double[] pValues = {0.0024, 0.9, 0.0001, 0.3, 0.0012, 0.5, 0.04, 0.0011, 0.7, 0.2,
                0.0019, 0.6, 0.05, 0.8, 0.15, 0.35, 0.45, 0.55, 0.65, 0.95};

        private Map<String, DriftFigures> figures() {
            Map<String, DriftFigures> f = new LinkedHashMap<>();
            for (int i = 0; i < pValues.length; i++) {
                f.put("f" + i, i % 2 == 0 ? numeric(5000, 800, pValues[i], 0) : categorical(5000, 800, pValues[i], 0));
            }
            return f;
        }

        private List<String> drifted(DatasetDecision d) {
            return d.features().values().stream().filter(FeatureDecision::drift).map(FeatureDecision::feature).toList();
        }

        @Test
        void bonferroniComparesEachPValueWithAlphaOverM() {
            DatasetDecision d = decide(DriftPolicy.defaults().withAlpha(0.01).withCorrection(Correction.BONFERRONI),
                    figures());
            assertThat(drifted(d)).containsExactly("f2");
            assertThat(d.features().values()).allSatisfy(fd ->
                    assertThat(fd.threshold()).isCloseTo(0.0005, within(1e-15)));
            assertThat(d.judged()).isEqualTo(20);
            assertThat(d.driftedShare()).isEqualTo(0.05);
            assertThat(d.datasetDrift()).isFalse();
        }

        @Test
        void benjaminiHochbergFlagsMoreThanBonferroni() {
            DatasetDecision d = decide(DriftPolicy.defaults().withAlpha(0.01)
                    .withCorrection(Correction.BENJAMINI_HOCHBERG), figures());
            assertThat(drifted(d)).containsExactlyInAnyOrder("f0", "f2", "f4", "f7", "f10");
            // every feature is compared with the same BH cut-off, 5/20 * 0.01
            assertThat(d.features().values()).allSatisfy(fd ->
                    assertThat(fd.threshold()).isCloseTo(0.0025, within(1e-15)));
            assertThat(d.features().get("f6").status()).isEqualTo(Status.NO_DRIFT); // 0.04: below alpha, above the cut
        }

        @Test
        void benjaminiHochbergWithNothingSignificantFlagsNothing() {
            Map<String, DriftFigures> f = new LinkedHashMap<>();
            for (int i = 0; i < 10; i++) {
                f.put("f" + i, numeric(5000, 800, 0.002 + i * 0.1, 0)); // 0.002 > 1/10 * 0.01
            }
            DatasetDecision d = decide(DriftPolicy.defaults().withAlpha(0.01)
                    .withCorrection(Correction.BENJAMINI_HOCHBERG), f);
            assertThat(d.drifted()).isZero();
        }

        @Test
        void bonferroniIsStrictlyBelowTheLevel() {
            Map<String, DriftFigures> f = new LinkedHashMap<>();
            f.put("below", numeric(5000, 800, 0.0049999, 0));
            f.put("above", numeric(5000, 800, 0.0050001, 0));
            DatasetDecision d = decide(DriftPolicy.defaults().withAlpha(0.01), f);
            assertThat(d.features().get("below").drift()).isTrue();
            assertThat(d.features().get("above").drift()).isFalse();
        }

        @Test
        void noCorrectionUsesAlphaItself() {
            DatasetDecision d = decide(DriftPolicy.defaults().withAlpha(0.01).withCorrection(Correction.NONE),
                    figures());
            assertThat(drifted(d)).containsExactlyInAnyOrder("f0", "f2", "f4", "f7", "f10");
            assertThat(d.features().get("f0").threshold()).isEqualTo(0.01);
            assertThat(decide(DriftPolicy.defaults().withAlpha(0.05).withCorrection(Correction.NONE), figures())
                    .drifted()).isEqualTo(6); // 0.04 too
        }
    }

    @Nested
    class Overrides {
        @Test
        void methodOverrideReplacesTheTestOnSmallWindows() {
            DriftPolicy policy = DriftPolicy.defaults().withOverrides(Map.of(
                    "income", override(DriftMethod.WASSERSTEIN_NORM, null),
                    "region", override(DriftMethod.BASELINE_DRIFT_CHECK, null)));
            Map<String, DriftFigures> f = new LinkedHashMap<>();
            f.put("income", new NumericDriftFigures(5000, 500, 0.2, 0.9, 0, 1, 0.15, 0, 0, List.of()));
            f.put("region", new CategoricalDriftFigures(5000, 500, 1, 0.9, 2, 0.08, 0, 0, 0, List.of()));
            DatasetDecision d = decide(policy, f);

            FeatureDecision income = d.features().get("income");
            assertThat(income.method()).isEqualTo(DriftMethod.WASSERSTEIN_NORM);
            assertThat(income.value()).isEqualTo(0.15);
            assertThat(income.threshold()).isEqualTo(0.1);
            assertThat(income.status()).isEqualTo(Status.DRIFT);

            FeatureDecision region = d.features().get("region");
            assertThat(region.method()).isEqualTo(DriftMethod.BASELINE_DRIFT_CHECK);
            assertThat(region.value()).as("linf").isEqualTo(0.08);
            assertThat(region.status()).isEqualTo(Status.NO_DRIFT);
        }

        @Test
        void baselineDriftCheckOnANumericFeatureUsesTheKsStatistic() {
            DriftPolicy policy = DriftPolicy.defaults().withOverrides(
                    Map.of("x", override(DriftMethod.BASELINE_DRIFT_CHECK, null)));
            DatasetDecision d = decide(policy, Map.of("x",
                    new NumericDriftFigures(5000, 5000, 0.12, 1e-9, 0, 0, 0, 0, 0, List.of())));
            assertThat(d.features().get("x").value()).isEqualTo(0.12);
            assertThat(d.features().get("x").drift()).isTrue();
        }

        @Test
        void thresholdOverrideReplacesTheDistanceThreshold() {
            DriftPolicy policy = DriftPolicy.defaults().withOverrides(Map.of("x", override(null, 0.3)));
            Map<String, DriftFigures> f = new LinkedHashMap<>();
            f.put("x", numeric(5000, 5000, 1e-9, 0.2));
            f.put("y", numeric(5000, 5000, 1e-9, 0.2));
            DatasetDecision d = decide(policy, f);
            assertThat(d.features().get("x").method()).isEqualTo(DriftMethod.WASSERSTEIN_NORM);
            assertThat(d.features().get("x").threshold()).isEqualTo(0.3);
            assertThat(d.features().get("x").status()).isEqualTo(Status.NO_DRIFT);
            assertThat(d.features().get("y").threshold()).isEqualTo(0.1);
            assertThat(d.features().get("y").status()).isEqualTo(Status.DRIFT);
        }

        @Test
        void methodAndThresholdTogether() {
            DriftPolicy policy = DriftPolicy.defaults().withOverrides(Map.of("x", override(DriftMethod.PSI, 0.25)));
            DatasetDecision d = decide(policy, Map.of("x",
                    new NumericDriftFigures(5000, 500, 0.2, 0.9, 0.22, 1, 0.5, 0.5, 0.5, List.of())));
            FeatureDecision x = d.features().get("x");
            assertThat(x.method()).isEqualTo(DriftMethod.PSI);
            assertThat(x.threshold()).isEqualTo(0.25);
            assertThat(x.value()).isEqualTo(0.22);
            assertThat(x.status()).isEqualTo(Status.NO_DRIFT);
        }

        @Test
        void thresholdOverrideOfAPValueTestIsAnUncorrectedLevel() {
            DriftPolicy policy = DriftPolicy.defaults().withAlpha(0.01)
                    .withOverrides(Map.of("x", override(DriftMethod.KS, 0.05)));
            Map<String, DriftFigures> f = new LinkedHashMap<>();
            f.put("x", numeric(5000, 5000, 0.03, 0)); // large window, but KS forced
            f.put("y", numeric(5000, 500, 0.03, 0));
            DatasetDecision d = decide(policy, f);
            assertThat(d.features().get("x").method()).isEqualTo(DriftMethod.KS);
            assertThat(d.features().get("x").threshold()).isEqualTo(0.05);
            assertThat(d.features().get("x").status()).isEqualTo(Status.DRIFT);
            assertThat(d.features().get("y").threshold()).isCloseTo(0.005, within(1e-15));
            assertThat(d.features().get("y").status()).isEqualTo(Status.NO_DRIFT);
        }

        @Test
        void aMethodOfTheWrongTypeIsRejectedClearly() {
            DriftPolicy numericGetsChi2 = DriftPolicy.defaults()
                    .withOverrides(Map.of("age", override(DriftMethod.CHI2, null)));
            assertThatThrownBy(() -> decide(numericGetsChi2, Map.of("age", numeric(5000, 500, 0.5, 0))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContainingAll("age", "chi2", "numeric");

            DriftPolicy categoricalGetsKs = DriftPolicy.defaults()
                    .withOverrides(Map.of("colour", override(DriftMethod.KS, null)));
            assertThatThrownBy(() -> decide(categoricalGetsKs, Map.of("colour", categorical(5000, 500, 0.5, 0))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContainingAll("colour", "ks", "categorical");

            DriftPolicy categoricalGetsWasserstein = DriftPolicy.defaults()
                    .withOverrides(Map.of("colour", override(DriftMethod.WASSERSTEIN_NORM, null)));
            assertThatThrownBy(() -> decide(categoricalGetsWasserstein,
                    Map.of("colour", categorical(5000, 5000, 0.5, 0))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContainingAll("colour", "wasserstein_norm", "categorical");
        }

        @Test
        void methodIdsRoundTripAndUnknownIdsAreExplained() {
            for (DriftMethod m : DriftMethod.values()) {
                assertThat(DriftMethod.fromId(" " + m.id().toUpperCase() + " ")).isEqualTo(m);
            }
            assertThat(DriftMethod.WASSERSTEIN_NORM.id()).isEqualTo("wasserstein_norm");
            assertThatThrownBy(() -> DriftMethod.fromId("kl"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContainingAll("'kl'", "ks", "wasserstein_norm", "jensen_shannon");
        }
    }

    @Nested
    class DatasetDrift {
        private Map<String, DriftFigures> withDrifting(int drifting, int total) {
            Map<String, DriftFigures> f = new LinkedHashMap<>();
            for (int i = 0; i < total; i++) {
                f.put("f" + i, numeric(5000, 5000, 0.5, i < drifting ? 0.5 : 0.01));
            }
            return f;
        }

        @Test
        void exactlyTheShareIsDatasetDrift() {
            DatasetDecision d = decide(DriftPolicy.defaults(), withDrifting(2, 4));
            assertThat(d.judged()).isEqualTo(4);
            assertThat(d.drifted()).isEqualTo(2);
            assertThat(d.driftedShare()).isEqualTo(0.5);
            assertThat(d.datasetDrift()).isTrue();
        }

        @Test
        void justBelowTheShareIsNot() {
            DatasetDecision d = decide(DriftPolicy.defaults(), withDrifting(4, 9));
            assertThat(d.driftedShare()).isCloseTo(4.0 / 9, within(1e-15));
            assertThat(d.datasetDrift()).isFalse();
        }

        @Test
        void exactlyAConfiguredShareOfThreeTenths() {
            DriftPolicy p = DriftPolicy.defaults();
            DriftPolicy share = new DriftPolicy(p.minSamples(), p.largeSample(), p.alpha(), p.correction(),
                    p.numericDistance(), p.categoricalDistance(), 0.3, p.thresholds(), p.overrides());
            assertThat(decide(share, withDrifting(3, 10)).datasetDrift()).isTrue();
            assertThat(decide(share, withDrifting(2, 10)).datasetDrift()).isFalse();
        }

        @Test
        void theShareIsOfJudgedFeaturesOnly() {
            Map<String, DriftFigures> f = withDrifting(1, 2);
            f.put("tiny1", numeric(5000, 3, 0, 9));
            f.put("tiny2", numeric(5000, 3, 0, 9));
            DatasetDecision d = decide(DriftPolicy.defaults(), f);
            assertThat(d.features()).hasSize(4);
            assertThat(d.judged()).isEqualTo(2);
            assertThat(d.driftedShare()).isEqualTo(0.5);
            assertThat(d.datasetDrift()).isTrue();
        }
    }

    @Test
    void policyRejectsNonsense() {
        DriftPolicy p = DriftPolicy.defaults();
        assertThatThrownBy(() -> p.withAlpha(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alpha");
        assertThatThrownBy(() -> p.withAlpha(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DriftPolicy(0, 1000, 0.01, Correction.NONE, DriftMethod.WASSERSTEIN_NORM,
                DriftMethod.JENSEN_SHANNON, 0.5, DriftPolicy.DEFAULT_THRESHOLDS, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minSamples");
        assertThatThrownBy(() -> new DriftPolicy(100, 1000, 0.01, Correction.NONE, DriftMethod.KS,
                DriftMethod.JENSEN_SHANNON, 0.5, DriftPolicy.DEFAULT_THRESHOLDS, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distances");
        assertThatThrownBy(() -> new DriftPolicy(100, 1000, 0.01, Correction.NONE, DriftMethod.WASSERSTEIN_NORM,
                DriftMethod.JENSEN_SHANNON, 0, DriftPolicy.DEFAULT_THRESHOLDS, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("datasetDriftShare");
        assertThatThrownBy(() -> p.thresholdOf(DriftMethod.KS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ks");
    }
}
