package dev.driftline.drift.metrics;

import java.util.List;

/**
 * Every drift figure for one categorical feature, as defined in docs/drift-metrics.md (names match the JSON
 * keys: chi2_statistic, chi2_pvalue, chi2_dof, linf, psi, jensen_shannon, hellinger).
 *
 * @param categories the union of categories seen in either sample, in the order the fractions were computed
 */
public record CategoricalDriftFigures(long nReference, long nCurrent, double chi2Statistic, double chi2PValue,
                                      int chi2Dof, double linf, double psi, double jensenShannon, double hellinger,
                                      List<String> categories) implements DriftFigures {
    public CategoricalDriftFigures {
        categories = List.copyOf(categories);
    }
}
