package dev.driftline.streams.modelquality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.contracts.modelquality.ModelQualityWindow;
import dev.driftline.drift.modelquality.ProblemType;
import dev.driftline.drift.modelquality.TrainingQuality;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which threshold judges a window: configured, imported with the baseline, relative to training, default, none. */
class QualityThresholdTest {
    /** Training RMSE 0.5 (every prediction 0.5 off). */
    private static final TrainingQuality REGRESSION = TrainingQuality.of(List.of(1.0, 2.0, 3.0, 4.0),
            List.of(1.5, 1.5, 3.5, 3.5)).orElseThrow();
    /** Training accuracy 0.75. */
    private static final TrainingQuality BINARY = TrainingQuality.of(List.of(1L, 0L, 1L, 1L),
            List.of(0.9, 0.2, 0.8, 0.1)).orElseThrow();

    private static Optional<QualityThreshold> resolve(ModelQualityConfig c, ProblemType t, TrainingQuality q) {
        return QualityThreshold.resolve("m", t, c, Optional.ofNullable(q));
    }

    @Test
    void regressionWithATrainingRmseIsJudged20PercentAboveIt() {
        QualityThreshold t = resolve(ModelQualityConfig.defaults(), ProblemType.REGRESSION, REGRESSION).orElseThrow();
        assertThat(REGRESSION.primaryValue()).isEqualTo(0.5);
        assertThat(t.value()).isEqualTo(0.6);
        assertThat(t.source()).isEqualTo(ModelQualityWindow.BASELINE_RELATIVE);
        assertThat(t.baselineValue()).isEqualTo(0.5);
        // without a baseline: nothing to judge a regression by
        assertThat(resolve(ModelQualityConfig.defaults(), ProblemType.REGRESSION, null)).isEmpty();
    }

    @Test
    void classificationIsJudgedFivePointsBelowTheTrainingAccuracyInsteadOfTheDefault() {
        QualityThreshold t = resolve(ModelQualityConfig.defaults(), ProblemType.BINARY, BINARY).orElseThrow();
        assertThat(t.value()).isEqualTo(0.75 - 0.05);
        assertThat(t.source()).isEqualTo(ModelQualityWindow.BASELINE_RELATIVE);
        QualityThreshold d = resolve(ModelQualityConfig.defaults(), ProblemType.BINARY, null).orElseThrow();
        assertThat(d.value()).isEqualTo(0.7);
        assertThat(d.source()).isEqualTo(ModelQualityWindow.DEFAULT);
        // a regression baseline says nothing of accuracy
        assertThat(resolve(ModelQualityConfig.defaults(), ProblemType.MULTICLASS, REGRESSION).orElseThrow().source())
                .isEqualTo(ModelQualityWindow.DEFAULT);
    }

    @Test
    void tolerancesArePerMetricAndPerModel() {
        ModelQualityConfig c = ModelQualityConfig.defaults().withTolerances(new QualityTolerances(
                Map.of("rmse", 0.5, "accuracy", 0.1), Map.of("m", Map.of("rmse", 1.0))));
        assertThat(resolve(c, ProblemType.REGRESSION, REGRESSION).orElseThrow().value()).isEqualTo(1.0);
        assertThat(resolve(c, ProblemType.BINARY, BINARY).orElseThrow().value()).isEqualTo(0.75 - 0.1);
        assertThat(QualityThreshold.resolve("other", ProblemType.REGRESSION, c, Optional.of(REGRESSION))
                .orElseThrow().value()).isEqualTo(0.75);
    }

    @Test
    void aConfiguredThresholdWinsThenAnImportedLimit() {
        TrainingQuality imported = REGRESSION.withThresholds(Map.of("rmse", 0.9));
        QualityThreshold i = resolve(ModelQualityConfig.defaults(), ProblemType.REGRESSION, imported).orElseThrow();
        assertThat(i.value()).isEqualTo(0.9);
        assertThat(i.source()).isEqualTo(ModelQualityWindow.BASELINE_CONSTRAINT);
        ModelQualityConfig configured = ModelQualityConfig.defaults().withThresholds(Map.of("m", 2.0));
        QualityThreshold c = resolve(configured, ProblemType.REGRESSION, imported).orElseThrow();
        assertThat(c.value()).isEqualTo(2.0);
        assertThat(c.source()).isEqualTo(ModelQualityWindow.CONFIGURED);
        assertThat(c.baselineValue()).isEqualTo(0.5);
    }
}
