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
        long t0 = System.nanoTime();
        Random rnd = new Random(Long.getLong("seed", 4242));
        int F = 20, W = Integer.getInteger("windows", 10000);
        double[] alphas = {0.01, 0.005, 0.004, 0.003, 0.002, 0.001};
        int[] alarms = new int[alphas.length];
        int[] blockMax = new int[alphas.length];
        int[] block = new int[alphas.length];
        NumericProfile[] base = new NumericProfile[F];
        for (int w = 0; w < W; w++) {
            if (w % 500 == 0) {
                for (int a = 0; a < alphas.length; a++) { blockMax[a] = Math.max(blockMax[a], block[a]); block[a] = 0; }
                for (int f = 0; f < F; f++) {
                    base[f] = new NumericProfile(FeatureType.FRACTIONAL);
                    for (int i = 0; i < 20000; i++) base[f].update(rnd.nextGaussian());
                }
            }
            Map<String, NumericDriftFigures> figs = new LinkedHashMap<>();
            for (int f = 0; f < F; f++) {
                NumericProfile p = new NumericProfile(FeatureType.FRACTIONAL);
                for (int i = 0; i < 1000; i++) p.update(rnd.nextGaussian());
                figs.put("f" + f, SketchDrift.numeric(base[f], p));
            }
            for (int a = 0; a < alphas.length; a++) {
                if (new DriftDecider(DriftPolicy.defaults().withAlpha(alphas[a])).decide(figs).drifted() > 0) { alarms[a]++; block[a]++; }
            }
        }
        for (int a = 0; a < alphas.length; a++) blockMax[a] = Math.max(blockMax[a], block[a]);
        System.out.printf("windows %d, %.1fs%n", W, (System.nanoTime() - t0) / 1e9);
        for (int a = 0; a < alphas.length; a++)
            System.out.printf("alpha=%s: %.3f%%  (worst 500-window block: %d alarms)%n", alphas[a], 100.0 * alarms[a] / W, blockMax[a]);
    }
}
