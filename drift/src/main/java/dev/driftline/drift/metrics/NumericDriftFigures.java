package dev.driftline.drift.metrics;

import java.util.List;

/**
 * Every drift figure for one numeric feature, as defined in docs/drift-metrics.md (names match the JSON keys:
 * ks_statistic, ks_pvalue, psi, wasserstein, wasserstein_norm, jensen_shannon, hellinger, bin_edges).
 *
 * @param nReference reference sample size
 * @param nCurrent   current sample size
 * @param binEdges   the distinct reference deciles used as right-closed bin edges
 */
public record NumericDriftFigures(long nReference, long nCurrent, double ksStatistic, double ksPValue, double psi,
                                  double wasserstein, double wassersteinNorm, double jensenShannon, double hellinger,
                                  List<Double> binEdges) implements DriftFigures {
    public NumericDriftFigures {
        binEdges = List.copyOf(binEdges);
    }
}
