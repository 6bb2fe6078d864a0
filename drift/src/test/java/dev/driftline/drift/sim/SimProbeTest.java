package dev.driftline.drift.sim;

import dev.driftline.drift.decision.*;
import dev.driftline.drift.metrics.*;
import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.profile.NumericProfile;
import java.util.*;
import org.junit.jupiter.api.Test;

class SimProbeTest {
    @Test
    void probe() {
        long t0 = System.nanoTime();
        Random rnd = new Random(42);
        int F = 20;
        NumericProfile[] base = new NumericProfile[F];
        double[][] baseRaw = new double[F][20000];
        for (int f = 0; f < F; f++) {
            base[f] = new NumericProfile(FeatureType.FRACTIONAL);
            for (int i = 0; i < 20000; i++) { double v = rnd.nextGaussian(); baseRaw[f][i] = v; base[f].update(v); }
        }
        DriftDecider dec = new DriftDecider(DriftPolicy.defaults());
        int alarms = 0, exactAlarms = 0; int featAlarms = 0;
        double sumDs = 0, sumDe = 0; double maxDiff = 0; int n = 0;
        double[] minP = new double[500];
        for (int w = 0; w < 500; w++) {
            Map<String, NumericDriftFigures> figs = new LinkedHashMap<>();
            Map<String, NumericDriftFigures> ex = new LinkedHashMap<>();
            double mp = 1;
            for (int f = 0; f < F; f++) {
                NumericProfile p = new NumericProfile(FeatureType.FRACTIONAL);
                double[] raw = new double[1000];
                for (int i = 0; i < 1000; i++) { double v = rnd.nextGaussian(); raw[i] = v; p.update(v); }
                NumericDriftFigures s = SketchDrift.numeric(base[f], p);
                NumericDriftFigures e = ExactDrift.numeric(baseRaw[f], raw);
                figs.put("f" + f, s); ex.put("f" + f, e);
                sumDs += s.ksStatistic(); sumDe += e.ksStatistic(); n++;
                maxDiff = Math.max(maxDiff, s.ksStatistic() - e.ksStatistic());
                mp = Math.min(mp, s.ksPValue());
            }
            minP[w] = mp;
            DatasetDecision d = dec.decide(figs);
            if (d.drifted() > 0) alarms++;
            featAlarms += d.drifted();
            if (dec.decide(ex).drifted() > 0) exactAlarms++;
        }
        System.out.printf("sketch alarms %d/500, exact alarms %d/500, feature alarms %d; mean D sketch %.5f exact %.5f maxdiff %.4f; %.1fs%n",
                alarms, exactAlarms, featAlarms, sumDs / n, sumDe / n, maxDiff, (System.nanoTime() - t0) / 1e9);
        Arrays.sort(minP);
        System.out.println("min p quantiles: " + minP[0] + " " + minP[5] + " " + minP[25] + " " + minP[250]);
    }
}
