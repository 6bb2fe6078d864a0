package dev.driftline.drift.metrics;

import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.profile.NumericProfile;
import dev.driftline.drift.profile.ProfileVectors;
import org.junit.jupiter.api.Test;

class SketchDriftScratchTest {
    @Test
    void scratch() {
        double[] worst = new double[5];
        java.util.Map<String, double[]> perCase = new java.util.LinkedHashMap<>();
        java.util.Map<String, int[]> fails = new java.util.LinkedHashMap<>();
        int reps = Integer.getInteger("reps", 200);
        for (int rep = 0; rep < reps; rep++) {
            for (ProfileVectors.Case c : ProfileVectors.numericCases()) {
                NumericProfile r = new NumericProfile(FeatureType.FRACTIONAL);
                NumericProfile cu = new NumericProfile(FeatureType.FRACTIONAL);
                for (double v : c.referenceDoubles()) r.update(v);
                for (double v : c.currentDoubles()) cu.update(v);
                NumericDriftFigures f = SketchDrift.numeric(r, cu);
                double[] e = {Math.abs(f.ksStatistic() - c.expected("ks_statistic")),
                        rel(f.psi(), c.expected("psi")), rel(f.jensenShannon(), c.expected("jensen_shannon")),
                        rel(f.hellinger(), c.expected("hellinger")),
                        Math.abs(f.wassersteinNorm() - c.expected("wasserstein_norm"))};
                for (int i = 0; i < 5; i++) worst[i] = Math.max(worst[i], e[i]);
                double[] pc = perCase.computeIfAbsent(c.name(), x -> new double[5]);
                int[] fc = fails.computeIfAbsent(c.name(), x -> new int[5]);
                double[] tol = {0.03, 1, 1, 1, 0.05};
                for (int i = 0; i < 5; i++) { pc[i] = Math.max(pc[i], e[i]); if (e[i] > tol[i]) fc[i]++; }
                if (rep == 0) System.out.printf("%-24s ks %.4f/%.4f p %.3g/%.3g psi %.4f/%.4f js %.4f/%.4f h %.4f/%.4f wn %.4f/%.4f edges %s%n", c.name(),
                        f.ksStatistic(), c.expected("ks_statistic"), f.ksPValue(), c.expected("ks_pvalue"), f.psi(), c.expected("psi"),
                        f.jensenShannon(), c.expected("jensen_shannon"), f.hellinger(), c.expected("hellinger"),
                        f.wassersteinNorm(), c.expected("wasserstein_norm"), f.binEdges().size());
            }
        }
        perCase.forEach((k, v) -> System.out.printf("%-24s worst ks %.4f psi %.2f js %.2f h %.2f wn %.4f fails %s%n", k, v[0], v[1], v[2], v[3], v[4], java.util.Arrays.toString(fails.get(k))));
        System.out.printf("WORST over %d reps: ks %.4f psi %.4f js %.4f hell %.4f wn %.4f%n", reps, worst[0], worst[1], worst[2], worst[3], worst[4]);
    }

    /** error in units of the tolerance for binned metrics: |d| / max(0.02, 0.1 |e|) */
    static double rel(double a, double e) {
        return Math.abs(a - e) / Math.max(0.02, 0.1 * Math.abs(e));
    }
}
