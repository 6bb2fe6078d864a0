package dev.driftline.drift.sim;

import dev.driftline.drift.decision.*;
import dev.driftline.drift.metrics.*;
import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.profile.NumericProfile;
import java.util.*;
import org.junit.jupiter.api.Test;

class SimProbeTest {
    @Test
    void probe() throws Exception {
        java.lang.reflect.Field rf = org.apache.datasketches.kll.KllSketch.class.getDeclaredField("random");
        rf.setAccessible(true);
        ((Random) rf.get(null)).setSeed(7);
        long t0 = System.nanoTime();
        Random rnd = new Random(Long.getLong("seed", 42));
        int F = 20, W = Integer.getInteger("windows", 2000);
        NumericProfile[] base = new NumericProfile[F], baseX = new NumericProfile[F];
        for (int f = 0; f < F; f++) {
            base[f] = new NumericProfile(FeatureType.FRACTIONAL);
            baseX[f] = new NumericProfile(FeatureType.FRACTIONAL, 65535, 11);
            for (int i = 0; i < 20000; i++) { double v = rnd.nextGaussian(); base[f].update(v); baseX[f].update(v); }
        }
        double[] alphas = {0.01, 0.005, 0.003, 0.002, 0.001};
        String[] combos = {"sk/sk", "exact/sk", "sk/exact", "exact/exact"};
        int[][] alarms = new int[4][alphas.length];
        int[][] perFeature = new int[4][F];
        double[] sumD = new double[4];
        double[] errR = new double[F]; // reference sketch CDF error at a few points
        double sumSqWinErr = 0; int nWinErr = 0;
        for (int w = 0; w < W; w++) {
            List<Map<String, NumericDriftFigures>> figs = new ArrayList<>();
            for (int c = 0; c < 4; c++) figs.add(new LinkedHashMap<>());
            for (int f = 0; f < F; f++) {
                NumericProfile p = new NumericProfile(FeatureType.FRACTIONAL);
                NumericProfile px = new NumericProfile(FeatureType.FRACTIONAL, 65535, 11);
                for (int i = 0; i < 1000; i++) { double v = rnd.nextGaussian(); p.update(v); px.update(v); }
                NumericDriftFigures[] r = {SketchDrift.numeric(base[f], p), SketchDrift.numeric(baseX[f], p),
                        SketchDrift.numeric(base[f], px), SketchDrift.numeric(baseX[f], px)};
                for (int c = 0; c < 4; c++) { figs.get(c).put("f" + f, r[c]); sumD[c] += r[c].ksStatistic(); }
                if (w < 200) {
                    for (double x : new double[]{-1, 0, 1}) {
                        double e = (p.stepCdf().weightAtOrBelow(x) - px.stepCdf().weightAtOrBelow(x)) / 1000.0;
                        sumSqWinErr += e * e; nWinErr++;
                    }
                }
            }
            for (int a = 0; a < alphas.length; a++) {
                DriftDecider dec = new DriftDecider(DriftPolicy.defaults().withAlpha(alphas[a]));
                for (int c = 0; c < 4; c++) {
                    DatasetDecision d = dec.decide(figs.get(c));
                    if (d.drifted() > 0) alarms[c][a]++;
                    if (a == 0) for (int f = 0; f < F; f++) if (d.features().get("f" + f).drift()) perFeature[c][f]++;
                }
            }
        }
        double sumSqRef = 0;
        for (int f = 0; f < F; f++) for (double x : new double[]{-1, 0, 1}) {
            double e = (base[f].stepCdf().weightAtOrBelow(x) - baseX[f].stepCdf().weightAtOrBelow(x)) / 20000.0;
            sumSqRef += e * e;
        }
        System.out.printf("windows %d, %.1fs; KLL CDF error rms: reference(n=20000) %.5f, window(n=1000) %.5f%n", W, (System.nanoTime() - t0) / 1e9,
                Math.sqrt(sumSqRef / (3 * F)), Math.sqrt(sumSqWinErr / nWinErr));
        for (int c = 0; c < 4; c++) {
            StringBuilder sb = new StringBuilder();
            for (int a = 0; a < alphas.length; a++) sb.append(String.format(" alpha=%s: %.2f%%", alphas[a], 100.0 * alarms[c][a] / W));
            System.out.printf("%-12s mean D %.5f;%s; per-feature(alpha .01) %s%n", combos[c], sumD[c] / (W * F), sb, Arrays.toString(perFeature[c]));
        }
    }
}
