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
        dev.driftline.drift.profile.KllRandom.seed(99);
        long t0 = System.nanoTime();
        Random rnd = new Random(Long.getLong("seed", 777));
        int F = 20, W = Integer.getInteger("windows", 4000);
        double[] alphas = {0.01, 0.005, 0.003, 0.002, 0.001};
        int[][] alarms = new int[2][alphas.length];
        int[][] blockMax = new int[2][alphas.length];
        int[][] block = new int[2][alphas.length];
        NumericProfile[][] base = new NumericProfile[2][F];
        for (int w = 0; w < W; w++) {
            if (w % 500 == 0) {
                for (int m = 0; m < 2; m++) for (int a = 0; a < alphas.length; a++) { blockMax[m][a] = Math.max(blockMax[m][a], block[m][a]); block[m][a] = 0; }
                for (int f = 0; f < F; f++) {
                    base[0][f] = new NumericProfile(FeatureType.FRACTIONAL);
                    base[1][f] = new NumericProfile(FeatureType.FRACTIONAL, 65535, 11);
                    for (int i = 0; i < 20000; i++) { double v = rnd.nextGaussian(); base[0][f].update(v); base[1][f].update(v); }
                }
            }
            List<Map<String, NumericDriftFigures>> figs = List.of(new LinkedHashMap<>(), new LinkedHashMap<>());
            for (int f = 0; f < F; f++) {
                NumericProfile p = new NumericProfile(FeatureType.FRACTIONAL);
                NumericProfile px = new NumericProfile(FeatureType.FRACTIONAL, 65535, 11);
                for (int i = 0; i < 1000; i++) { double v = rnd.nextGaussian(); p.update(v); px.update(v); }
                figs.get(0).put("f" + f, SketchDrift.numeric(base[0][f], p));
                figs.get(1).put("f" + f, SketchDrift.numeric(base[1][f], px));
            }
            for (int a = 0; a < alphas.length; a++) {
                DriftDecider dec = new DriftDecider(DriftPolicy.defaults().withAlpha(alphas[a]));
                for (int m = 0; m < 2; m++) if (dec.decide(figs.get(m)).drifted() > 0) { alarms[m][a]++; block[m][a]++; }
            }
        }
        for (int m = 0; m < 2; m++) for (int a = 0; a < alphas.length; a++) blockMax[m][a] = Math.max(blockMax[m][a], block[m][a]);
        System.out.printf("windows %d, %.1fs%n", W, (System.nanoTime() - t0) / 1e9);
        for (int m = 0; m < 2; m++) for (int a = 0; a < alphas.length; a++)
            System.out.printf("%s alpha=%s: %.3f%%  (worst 500-window block: %d alarms)%n", m == 0 ? "sketch" : "exact ", alphas[a], 100.0 * alarms[m][a] / W, blockMax[m][a]);
    }
}
