package dev.driftline.drift.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.drift.io.Table;
import dev.driftline.drift.io.TableReader;
import dev.driftline.drift.modelquality.BinaryClassificationMetrics;
import dev.driftline.drift.modelquality.ProblemType;
import dev.driftline.drift.modelquality.RegressionMetrics;
import dev.driftline.drift.modelquality.TrainingQuality;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baseline build --label L --prediction P}: the model's training-time quality, as the drift core computes it. */
class TrainingQualityBuildTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    private static Table csv(Path dir, String text) throws Exception {
        Path f = dir.resolve("train.csv");
        Files.writeString(f, text);
        return TableReader.read(f);
    }

    @Test
    void regressionQualityIsTheRegressionMetricsOfLabelAndPrediction(@TempDir Path dir) throws Exception {
        Random rnd = new Random(3);
        StringBuilder text = new StringBuilder("x,price,predicted\n");
        int n = 500;
        double[] y = new double[n];
        double[] p = new double[n];
        int k = 0;
        for (int i = 0; i < n + 3; i++) {
            double yi = Math.round((100 + 20 * rnd.nextGaussian()) * 100) / 100.0;
            double pi = Math.round((yi + 5 * rnd.nextGaussian()) * 100) / 100.0;
            if (i % 200 == 7) { // a row without a label: not judged
                text.append(i).append(",,").append(pi).append('\n');
                continue;
            }
            y[k] = yi;
            p[k++] = pi;
            text.append(i).append(',').append(String.format(Locale.ROOT, "%.2f", yi)).append(',')
                    .append(String.format(Locale.ROOT, "%.2f", pi)).append('\n');
        }
        Baseline b = new BaselineBuilder(CLOCK).build(csv(dir, text.toString()), "price", Optional.empty(),
                Optional.of("price"), Optional.of("predicted"), Map.of());
        TrainingQuality q = b.modelQuality().orElseThrow();
        RegressionMetrics expected = RegressionMetrics.compute(java.util.Arrays.copyOf(y, k),
                java.util.Arrays.copyOf(p, k));
        assertThat(k).isEqualTo(n);
        assertThat(q.type()).isEqualTo(ProblemType.REGRESSION);
        assertThat(q.labelledRows()).isEqualTo(n);
        assertThat(q.primaryValue()).isEqualTo(expected.rmse());
        assertThat(q.figures().metrics()).containsEntry("mae", expected.mae()).containsEntry("r2", expected.r2());
        assertThat(q.relativeLimit(q.defaultTolerance())).isEqualTo(expected.rmse() * 1.2);
    }

    @Test
    void binaryQualityIsTheClassificationMetricsOfLabelAndScore(@TempDir Path dir) throws Exception {
        Random rnd = new Random(5);
        StringBuilder text = new StringBuilder("x,churn,score\n");
        int n = 400;
        int[] y = new int[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(2);
            s[i] = Math.round(Math.min(1, Math.max(0, 0.5 + (y[i] - 0.5) * 0.6 + 0.3 * rnd.nextGaussian())) * 1000)
                    / 1000.0;
            text.append(i).append(',').append(y[i]).append(',').append(s[i]).append('\n');
        }
        Baseline b = new BaselineBuilder(CLOCK).build(csv(dir, text.toString()), "churn", Optional.empty(),
                Optional.of("churn"), Optional.of("score"), Map.of());
        TrainingQuality q = b.modelQuality().orElseThrow();
        BinaryClassificationMetrics expected = BinaryClassificationMetrics.compute(y, s, 0.5);
        assertThat(q.type()).isEqualTo(ProblemType.BINARY);
        assertThat(q.primaryValue()).isEqualTo(expected.accuracy());
        assertThat(q.figures().metrics()).containsEntry("auc", expected.auc()).containsEntry("f1", expected.f1())
                .containsEntry("precision", expected.precision()).containsEntry("recall", expected.recall());
        assertThat(q.relativeLimit(q.defaultTolerance())).isEqualTo(expected.accuracy() - 0.05);
    }

    @Test
    void withoutBothColumnsThereIsNoModelQuality(@TempDir Path dir) throws Exception {
        Table t = csv(dir, "x,churn,score\n1,0,0.2\n2,1,0.8\n");
        assertThat(new BaselineBuilder(CLOCK).build(t, "m", Optional.empty(), Optional.of("churn"), Optional.empty(),
                Map.of()).modelQuality()).isEmpty();
        assertThat(new BaselineBuilder(CLOCK).build(t, "m", Optional.empty(), Optional.empty(), Optional.of("score"),
                Map.of()).modelQuality()).isEmpty();
    }

    @Test
    void categoricalColumnsExpectTheGoodTuringShareUnseen(@TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder("code\n");
        for (int i = 0; i < 1000; i++) {
            text.append(i < 990 ? "c" + (i % 10) : "rare-" + i).append('\n'); // 10 singletons in 1,000 values
        }
        Baseline b = new BaselineBuilder(CLOCK).build(csv(dir, text.toString()), "m", Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of());
        assertThat(b.feature("code").orElseThrow().constraint().expectedUnseenShare()).isEqualTo(0.01);
    }
}
