package dev.driftline.drift.modelquality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Problem-type detection, class names and scalars. */
class ModelQualityFiguresRulesTest {
    private static ProblemType detect(List<Object> labels, List<Object> predictions) {
        return ModelQualityFigures.detect(labels, predictions);
    }

    @Test
    void problemTypeFollowsTheDocumentedRules() {
        assertThat(detect(List.of(0L, 1L), List.of(0.2, 0.9))).isEqualTo(ProblemType.BINARY);
        assertThat(detect(List.of(true, "false"), List.of(1L, false))).isEqualTo(ProblemType.BINARY);
        assertThat(detect(List.of(0L, 2L), List.of(0L, 2.0))).isEqualTo(ProblemType.MULTICLASS);
        assertThat(detect(List.of("cat", "dog"), List.of("cat", "cat"))).isEqualTo(ProblemType.MULTICLASS);
        assertThat(detect(List.of(3L, 5L), List.of(3.4, 5.0))).isEqualTo(ProblemType.REGRESSION);
        assertThat(detect(List.of(0.5, 1.5), List.of(1L, 2L))).isEqualTo(ProblemType.REGRESSION);
        assertThat(detect(List.of(0L, 1L), List.of(0.2, 1.7))).isEqualTo(ProblemType.REGRESSION);
        assertThat(detect(List.of("cat", 1L), List.of("cat", 0.5))).isEqualTo(ProblemType.MULTICLASS);
    }

    @Test
    void classNamesAreCanonical() {
        assertThat(ModelQualityFigures.className(2.0)).isEqualTo("2");
        assertThat(ModelQualityFigures.className(2L)).isEqualTo("2");
        assertThat(ModelQualityFigures.className(2.5)).isEqualTo("2.5");
        assertThat(ModelQualityFigures.className("TRUE")).isEqualTo("true");
        assertThat(ModelQualityFigures.className(false)).isEqualTo("false");
        assertThat(ModelQualityFigures.className("Setosa")).isEqualTo("Setosa");
    }

    @Test
    void scalarsAreCanonicalAndOtherValuesCannotBeJudged() {
        assertThat(ModelQualityFigures.scalar(3)).isEqualTo(3L);
        assertThat(ModelQualityFigures.scalar(0.5f)).isEqualTo(0.5);
        assertThat(ModelQualityFigures.scalar(Double.NaN)).isNull();
        assertThat(ModelQualityFigures.scalar(List.of(0.1, 0.9))).isNull();
        assertThat(ModelQualityFigures.scalar(null)).isNull();
    }
}
