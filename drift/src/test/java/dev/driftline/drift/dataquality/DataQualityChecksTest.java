package dev.driftline.drift.dataquality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.drift.model.FeatureType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataQualityChecksTest {
    private static final DataQualityChecks CHECKS = new DataQualityChecks(MonitoringConfig.defaults());

    /** age: integral, complete, non-negative, baseline range [0, 100]; colour: string, domain red/green/blue. */
    private static Map<String, FeatureConstraint> baseline() {
        Map<String, FeatureConstraint> b = new LinkedHashMap<>();
        b.put("age", new FeatureConstraint("age", FeatureType.INTEGRAL, 1.0, true, Optional.of(0.0),
                Optional.of(100.0), Set.of()));
        b.put("colour", new FeatureConstraint("colour", FeatureType.STRING, 1.0, false, Optional.empty(),
                Optional.empty(), Set.of("red", "green", "blue")));
        return b;
    }

    private static ObservedFeature numeric(String name, long present, long missing, long mismatches, double min,
                                           double max) {
        return new ObservedFeature(name, present, missing, mismatches, Optional.of(min), Optional.of(max), Map.of());
    }

    private static ObservedFeature categorical(String name, long missing, long mismatches, Map<String, Long> counts) {
        long present = counts.values().stream().mapToLong(Long::longValue).sum();
        return new ObservedFeature(name, present, missing, mismatches, Optional.empty(), Optional.empty(), counts);
    }

    private static Map<String, ObservedFeature> observed(ObservedFeature... features) {
        Map<String, ObservedFeature> m = new LinkedHashMap<>();
        for (ObservedFeature f : features) {
            m.put(f.name(), f);
        }
        return m;
    }

    private static ObservedFeature cleanAge() {
        return numeric("age", 100, 0, 0, 3, 97);
    }

    private static ObservedFeature cleanColour() {
        return categorical("colour", 0, 0, Map.of("red", 50L, "green", 30L, "blue", 20L));
    }

    private static Violation only(List<Violation> violations) {
        assertThat(violations).hasSize(1);
        return violations.get(0);
    }

    @Test
    void cleanDataRaisesNothing() {
        assertThat(CHECKS.check(baseline(), observed(cleanAge(), cleanColour()))).isEmpty();
    }

    @Test
    void dataTypeCheck() {
        Violation v = only(CHECKS.check(baseline(), observed(numeric("age", 95, 0, 5, 3, 97), cleanColour())));
        assertThat(v.featureName()).isEqualTo("age");
        assertThat(v.constraintCheckType()).isEqualTo("data_type_check");
        assertThat(v.description()).isEqualTo("Data type match requirement is not met. Expected data type: Integral, "
                + "Expected match: 100.0%. Observed: Only 95.0% of data is Integral.");

        // a lower SageMaker datatype_check_threshold tolerates the stray values
        DataQualityChecks lenient = new DataQualityChecks(new MonitoringConfig(0.9, 1.0, 0.1));
        assertThat(lenient.check(baseline(), observed(numeric("age", 95, 0, 5, 3, 97), cleanColour()))).isEmpty();
    }

    @Test
    void dataTypeCheckOfACategoricalFeature() {
        Violation v = only(CHECKS.check(baseline(), observed(cleanAge(),
                categorical("colour", 0, 1, Map.of("red", 3L)))));
        assertThat(v.constraintCheckType()).isEqualTo("data_type_check");
        assertThat(v.description()).contains("Expected data type: String").contains("Only 75.0% of data is String");
    }

    @Test
    void completenessCheck() {
        Violation v = only(CHECKS.check(baseline(), observed(numeric("age", 90, 10, 0, 3, 97), cleanColour())));
        assertThat(v.featureName()).isEqualTo("age");
        assertThat(v.constraintCheckType()).isEqualTo("completeness_check");
        assertThat(v.description()).isEqualTo("Data completeness requirement is not met. Expected completeness: "
                + "100.0%, Observed completeness: 90.0%.");
    }

    @Test
    void completenessAtOrAboveTheBaselinesIsFine() {
        Map<String, FeatureConstraint> b = baseline();
        b.put("age", new FeatureConstraint("age", FeatureType.INTEGRAL, 0.9, true, Optional.of(0.0),
                Optional.of(100.0), Set.of()));
        assertThat(CHECKS.check(b, observed(numeric("age", 90, 10, 0, 3, 97), cleanColour()))).isEmpty();
        assertThat(CHECKS.check(b, observed(numeric("age", 89, 11, 0, 3, 97), cleanColour())))
                .extracting(Violation::constraintCheckType).containsExactly("completeness_check");
    }

    @Test
    void missingColumnCheck() {
        Violation v = only(CHECKS.check(baseline(), observed(cleanAge())));
        assertThat(v.featureName()).isEqualTo("colour");
        assertThat(v.constraintCheckType()).isEqualTo("missing_column_check");
        assertThat(v.description()).contains("missing columns").contains("'colour'")
                .contains("Number of columns in current dataset: 1, Number of columns in baseline constraints: 2.");
    }

    @Test
    void extraColumnCheck() {
        Violation v = only(CHECKS.check(baseline(), observed(cleanAge(), cleanColour(),
                numeric("session_ms", 100, 0, 0, 1, 2))));
        assertThat(v.featureName()).isEqualTo("session_ms");
        assertThat(v.constraintCheckType()).isEqualTo("extra_column_check");
        assertThat(v.description()).contains("extra columns").contains("'session_ms'")
                .contains("Number of columns in current dataset: 3, Number of columns in baseline constraints: 2.");
    }

    private static final DataQualityChecks STRICT = new DataQualityChecks(MonitoringConfig.defaults()
            .withCategoricalValues(MonitoringConfig.CategoricalValues.STRICT));

    @Test
    void strictCategoricalValuesCheckReportsAnyUnseenValue() {
        Violation v = only(STRICT.check(baseline(), observed(cleanAge(),
                categorical("colour", 0, 0, Map.of("red", 80L, "purple", 15L, "teal", 5L)))));
        assertThat(v.featureName()).isEqualTo("colour");
        assertThat(v.constraintCheckType()).isEqualTo("categorical_values_check");
        assertThat(v.description()).isEqualTo("Categorical values requirement is not met. Expected match: 100.0%. "
                + "Observed: Only 80.0% of data is within the baseline domain; new values include [purple (15), "
                + "teal (5)].");
        assertThat(v.details()).containsEntry("values", 100L).containsEntry("unseen", 20L).containsEntry("share", 0.2);
        // one stray value in 10,000 is enough in SageMaker's mode
        assertThat(STRICT.check(baseline(), observed(cleanAge(),
                categorical("colour", 0, 0, Map.of("red", 9_999L, "purple", 1L))))).hasSize(1);
    }

    @Test
    void categoricalValuesCheckListsAtMostFiveNewValuesMostFrequentFirst() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("red", 10L);
        for (String s : List.of("a", "b", "c", "d", "e", "f", "g")) {
            counts.put(s, s.equals("g") ? 2L : 1L);
        }
        Violation v = only(STRICT.check(baseline(), observed(cleanAge(), categorical("colour", 0, 0, counts))));
        assertThat(v.description()).contains("new values include [g (2), a (1), b (1), c (1), d (1)] and 2 more");
        assertThat((List<?>) v.details().get("top_values")).hasSize(5).first()
                .isEqualTo(Map.of("value", "g", "count", 2L));
    }

    @Test
    void strictCategoricalValuesCheckHonoursTheDomainContentThreshold() {
        DataQualityChecks lenient = new DataQualityChecks(new MonitoringConfig(1.0, 0.8, 0.1)
                .withCategoricalValues(MonitoringConfig.CategoricalValues.STRICT));
        Map<String, Long> counts = Map.of("red", 80L, "purple", 20L);
        assertThat(lenient.check(baseline(), observed(cleanAge(), categorical("colour", 0, 0, counts)))).isEmpty();
        assertThat(lenient.check(baseline(), observed(cleanAge(),
                categorical("colour", 0, 0, Map.of("red", 79L, "purple", 21L)))))
                .extracting(Violation::constraintCheckType).containsExactly("categorical_values_check");
    }

    /** colour with a long tail: the training sample left 0.06 % of the mass unseen (Good–Turing). */
    private static Map<String, FeatureConstraint> longTailed(double expectedUnseen) {
        Map<String, FeatureConstraint> b = baseline();
        b.put("colour", new FeatureConstraint("colour", FeatureType.STRING, 1.0, false, Optional.empty(),
                Optional.empty(), Set.of("red", "green", "blue"), expectedUnseen));
        return b;
    }

    @Test
    void aHandfulOfUnseenValuesBelowTheFloorIsNotReported() {
        // 2 of 15,728 (0.013 %) and 0.029 %: the days that cried wolf
        assertThat(CHECKS.check(longTailed(0.0006), observed(cleanAge(),
                categorical("colour", 0, 0, Map.of("red", 15_726L, "x-17", 2L))))).isEmpty();
        assertThat(CHECKS.check(longTailed(0.0006), observed(cleanAge(),
                categorical("colour", 0, 0, Map.of("red", 15_724L, "x-17", 3L, "x-99", 1L))))).isEmpty();
        // also with no expectation at all: the floor alone keeps them quiet
        assertThat(CHECKS.check(baseline(), observed(cleanAge(),
                categorical("colour", 0, 0, Map.of("red", 15_726L, "x-17", 2L))))).isEmpty();
    }

    @Test
    void twoPercentUnseenIsReportedWithShareExpectedShareAndTopValues() {
        Violation v = only(CHECKS.check(longTailed(0.0006), observed(cleanAge(),
                categorical("colour", 0, 0, Map.of("red", 15_414L, "x-17", 250L, "x-99", 64L)))));
        assertThat(v.constraintCheckType()).isEqualTo("categorical_values_check");
        assertThat(v.details()).containsEntry("values", 15_728L).containsEntry("unseen", 314L)
                .containsEntry("expected_share", 0.0006).containsEntry("floor", 0.001);
        assertThat((double) v.details().get("share")).isEqualTo(314.0 / 15_728);
        assertThat((double) v.details().get("p_value")).isLessThan(1e-100);
        assertThat(v.details().get("top_values")).isEqualTo(List.of(Map.of("value", "x-17", "count", 250L),
                Map.of("value", "x-99", "count", 64L)));
        assertThat(v.description()).startsWith("Categorical values requirement is not met. 2% of values (314 of "
                + "15728) are outside the baseline domain, significantly more than the 0.06% the training sample "
                + "leaves unseen").contains("new values include [x-17 (250), x-99 (64)]");
    }

    @Test
    void aShareAboveTheFloorButWithinWhatTheTrainingSampleExpectsIsNotReported() {
        // a very long tail: 1 % expected unseen; 1.1 % in 2,000 values is not significantly more (p ≈ 0.35)
        Map<String, Long> counts = Map.of("red", 1_978L, "x-1", 12L, "x-2", 10L);
        assertThat(CHECKS.check(longTailed(0.01), observed(cleanAge(), categorical("colour", 0, 0, counts))))
                .isEmpty();
        // the same share in 200,000 values is significant
        Map<String, Long> big = Map.of("red", 197_600L, "x-1", 1_200L, "x-2", 1_200L);
        assertThat(CHECKS.check(longTailed(0.01), observed(cleanAge(), categorical("colour", 0, 0, big))))
                .hasSize(1);
    }

    @Test
    void theFloorIsConfigurable() {
        DataQualityChecks low = new DataQualityChecks(MonitoringConfig.defaults().withUnseenFloor(0.0001));
        assertThat(low.check(longTailed(0.0), observed(cleanAge(),
                categorical("colour", 0, 0, Map.of("red", 15_724L, "x-17", 4L))))).hasSize(1);
    }

    @Test
    void goodTuringIsSingletonsOverValues() {
        assertThat(FeatureConstraint.goodTuring(Map.of("a", 5L, "b", 1L, "c", 1L, "d", 3L))).isEqualTo(2.0 / 10);
        assertThat(FeatureConstraint.goodTuring(Map.of("a", 5L, "b", 2L))).isZero();
        assertThat(FeatureConstraint.goodTuring(Map.of())).isNaN();
    }

    @Test
    void theUnseenPValueIsTheBinomialUpperTail() {
        // P(X >= 2), X ~ Binomial(10, 0.1) = 1 - 0.9^10 - 10 * 0.1 * 0.9^9
        assertThat(CategoricalValuesCheck.pValue(10, 2, 0.1)).isCloseTo(1 - Math.pow(0.9, 10)
                - 10 * 0.1 * Math.pow(0.9, 9), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(CategoricalValuesCheck.pValue(10, 0, 0.1)).isEqualTo(1.0);
        assertThat(CategoricalValuesCheck.pValue(10, 1, 0.0)).isZero();
    }

    @Test
    void nonNegativeCheck() {
        // -1 is within the range margin (10 % of 100), so only the sign is reported
        Violation v = only(CHECKS.check(baseline(), observed(numeric("age", 100, 0, 0, -1, 97), cleanColour())));
        assertThat(v.featureName()).isEqualTo("age");
        assertThat(v.constraintCheckType()).isEqualTo("non_negative_check");
        assertThat(v.description()).isEqualTo(
                "The baseline has only non-negative values, but the current data has a minimum of -1.");
    }

    @Test
    void nonNegativeCheckIsOnlyForNonNegativeBaselines() {
        Map<String, FeatureConstraint> b = baseline();
        b.put("age", new FeatureConstraint("age", FeatureType.INTEGRAL, 1.0, false, Optional.of(-5.0),
                Optional.of(100.0), Set.of()));
        assertThat(CHECKS.check(b, observed(numeric("age", 100, 0, 0, -1, 97), cleanColour()))).isEmpty();
    }

    @Test
    void rangeCheckToleratesValuesWithinTheMargin() {
        // baseline [0, 100], margin 10 % of the width → anything in [-10, 110] passes
        Map<String, FeatureConstraint> b = baseline();
        b.put("age", new FeatureConstraint("age", FeatureType.INTEGRAL, 1.0, false, Optional.of(0.0),
                Optional.of(100.0), Set.of()));
        assertThat(CHECKS.check(b, observed(numeric("age", 100, 0, 0, -10, 110), cleanColour()))).isEmpty();
        assertThat(CHECKS.check(b, observed(numeric("age", 100, 0, 0, -9.5, 109.9), cleanColour()))).isEmpty();
    }

    @Test
    void rangeCheckDescriptionRoundsTheComputedMargin() {
        // 10 % of a width of 1402 is 140.20000000000002 in doubles: the description says 140.2
        Map<String, FeatureConstraint> b = baseline();
        b.put("age", new FeatureConstraint("age", FeatureType.FRACTIONAL, 1.0, false, Optional.of(0.0),
                Optional.of(1402.0), Set.of()));
        Violation above = only(CHECKS.check(b, observed(numeric("age", 100, 0, 0, 0.25, 1600.125), cleanColour())));
        assertThat(above.description()).isEqualTo("Values outside the baseline range [0, 1402] (with a margin of "
                + "140.2): current minimum 0.25, maximum 1600.125.");
    }

    @Test
    void numbersInDescriptionsKeepTwelveSignificantDigits() {
        assertThat(DataQualityChecks.num(140.20000000000002)).isEqualTo("140.2");
        assertThat(DataQualityChecks.num(-3)).isEqualTo("-3");
        assertThat(DataQualityChecks.num(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(DataQualityChecks.num(1.5e-9)).isEqualTo("1.5E-9");
        assertThat(DataQualityChecks.num(2.5e20)).isEqualTo("2.5E+20");
        assertThat(DataQualityChecks.num(Double.NaN)).isEqualTo("n/a");
        assertThat(DataQualityChecks.num(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Test
    void rangeCheckFiresBeyondTheMargin() {
        Violation above = only(CHECKS.check(baseline(), observed(numeric("age", 100, 0, 0, 0, 110.5), cleanColour())));
        assertThat(above.featureName()).isEqualTo("age");
        assertThat(above.constraintCheckType()).isEqualTo("baseline_range_check");
        assertThat(above.description()).isEqualTo("Values outside the baseline range [0, 100] (with a margin of 10): "
                + "current minimum 0, maximum 110.5.");

        Map<String, FeatureConstraint> b = baseline();
        b.put("age", new FeatureConstraint("age", FeatureType.INTEGRAL, 1.0, false, Optional.of(0.0),
                Optional.of(100.0), Set.of()));
        Violation below = only(CHECKS.check(b, observed(numeric("age", 100, 0, 0, -10.5, 50), cleanColour())));
        assertThat(below.constraintCheckType()).isEqualTo("baseline_range_check");
        assertThat(below.description()).contains("current minimum -10.5");
    }

    @Test
    void zeroMarginReportsAnyExcursion() {
        DataQualityChecks strict = new DataQualityChecks(new MonitoringConfig(1.0, 1.0, 0));
        assertThat(strict.check(baseline(), observed(numeric("age", 100, 0, 0, 0, 100.5), cleanColour())))
                .extracting(Violation::constraintCheckType).containsExactly("baseline_range_check");
        assertThat(strict.check(baseline(), observed(numeric("age", 100, 0, 0, 0, 100), cleanColour()))).isEmpty();
    }

    @Test
    void severalProblemsAreAllReported() {
        List<Violation> vs = CHECKS.check(baseline(), observed(numeric("age", 80, 10, 10, -50, 500),
                numeric("extra", 1, 0, 0, 0, 0)));
        assertThat(vs).extracting(Violation::constraintCheckType).containsExactlyInAnyOrder(
                "missing_column_check", "extra_column_check", "data_type_check", "completeness_check",
                "non_negative_check", "baseline_range_check");
    }

    @Test
    void anEmptyObservedFeatureIsNotChecked() {
        assertThat(CHECKS.check(baseline(), observed(new ObservedFeature("age", 0, 0, 0, Optional.empty(),
                Optional.empty(), Map.of()), cleanColour()))).isEmpty();
    }
}
