package dev.driftline.drift.metrics;

import static dev.driftline.drift.metrics.ExactTolerance.assertFigure;
import static dev.driftline.drift.metrics.ExactTolerance.assertPValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Exact mode against every case of the shared reference vectors, at the spec's exact-mode tolerances. */
class ExactDriftReferenceTest {

    static Stream<ReferenceVectors.Case> cases() {
        return ReferenceVectors.load().cases().stream();
    }

    @Test
    void vectorsHoldBothKindsOfCase() {
        List<ReferenceVectors.Case> cases = ReferenceVectors.load().cases();
        assertThat(cases).hasSize(22);
        assertThat(cases).filteredOn(ReferenceVectors.Case::isNumeric).hasSize(18);
        assertThat(cases).filteredOn(c -> "categorical".equals(c.expected().type())).hasSize(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesReference(ReferenceVectors.Case c) {
        if (c.isNumeric()) {
            checkNumeric(c);
        } else {
            checkCategorical(c);
        }
    }

    private static void checkNumeric(ReferenceVectors.Case c) {
        ReferenceVectors.Expected e = c.expected();
        double[] reference = c.referenceValues();
        double[] current = c.currentValues();
        NumericDriftFigures f = ExactDrift.numeric(reference, current);

        assertThat(f.nReference()).isEqualTo(reference.length);
        assertThat(f.nCurrent()).isEqualTo(current.length);
        assertThat(f.binEdges()).as("bin_edges count").hasSameSizeAs(e.binEdges());
        for (int i = 0; i < e.binEdges().size(); i++) {
            assertFigure("bin_edges[" + i + "]", f.binEdges().get(i), e.binEdges().get(i));
        }
        assertFigure("ks_statistic", f.ksStatistic(), e.ksStatistic());
        assertPValue("ks_pvalue", f.ksPValue(), e.ksPvalue());
        assertFigure("psi", f.psi(), e.psi());
        assertFigure("jensen_shannon", f.jensenShannon(), e.jensenShannon());
        assertFigure("hellinger", f.hellinger(), e.hellinger());
        assertFigure("wasserstein", f.wasserstein(), e.wasserstein());
        assertFigure("wasserstein_norm", f.wassersteinNorm(), e.wassersteinNorm());
    }

    private static void checkCategorical(ReferenceVectors.Case c) {
        ReferenceVectors.Expected e = c.expected();
        CategoricalDriftFigures f = ExactDrift.categorical(c.referenceCategories(), c.currentCategories());

        assertThat(f.nReference()).isEqualTo(c.referenceCategories().size());
        assertThat(f.nCurrent()).isEqualTo(c.currentCategories().size());
        assertThat(f.chi2Dof()).as("chi2_dof").isEqualTo(e.chi2Dof());
        assertThat(f.categories()).hasSize(e.chi2Dof() + 1);
        assertFigure("chi2_statistic", f.chi2Statistic(), e.chi2Statistic());
        assertPValue("chi2_pvalue", f.chi2PValue(), e.chi2Pvalue());
        assertFigure("linf", f.linf(), e.linf());
        assertFigure("psi", f.psi(), e.psi());
        assertFigure("jensen_shannon", f.jensenShannon(), e.jensenShannon());
        assertFigure("hellinger", f.hellinger(), e.hellinger());
    }
}
