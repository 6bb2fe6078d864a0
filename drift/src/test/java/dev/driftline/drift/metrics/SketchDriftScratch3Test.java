package dev.driftline.drift.metrics;

import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.profile.NumericProfile;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SketchDriftScratch3Test {
    @Test
    void scratch() {
        Random rnd = new Random(5);
        int nr = 20_000, nw = Integer.getInteger("nw", 1000);
        double[] r = new double[nr];
        NumericProfile pr = new NumericProfile(FeatureType.FRACTIONAL);
        for (int i = 0; i < nr; i++) { r[i] = rnd.nextGaussian(); pr.update(r[i]); }
        int trials = 4000; int a1e = 0, a1s = 0, a2e = 0, a2s = 0; double sumDiff = 0, sumSq = 0;
        for (int t = 0; t < trials; t++) {
            double[] w = new double[nw];
            NumericProfile pw = new NumericProfile(FeatureType.FRACTIONAL);
            for (int i = 0; i < nw; i++) { w[i] = rnd.nextGaussian(); pw.update(w[i]); }
            NumericDriftFigures e = ExactDrift.numeric(r, w);
            NumericDriftFigures s = SketchDrift.numeric(pr, pw);
            double d = s.ksStatistic() - e.ksStatistic(); sumDiff += d; sumSq += d * d;
            if (e.ksPValue() < 0.05) a1e++; if (s.ksPValue() < 0.05) a1s++;
            if (e.ksPValue() < 0.0025) a2e++; if (s.ksPValue() < 0.0025) a2s++;
        }
        double mean = sumDiff / trials;
        System.out.printf("nw=%d D_sketch-D_exact mean %.5f sd %.5f; p<0.05 exact %.4f sketch %.4f; p<0.0025 exact %.4f sketch %.4f%n",
            nw, mean, Math.sqrt(sumSq / trials - mean * mean), a1e / (double) trials, a1s / (double) trials, a2e / (double) trials, a2s / (double) trials);
    }
}
