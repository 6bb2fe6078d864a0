package dev.driftline.streams.modelquality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.contracts.modelquality.ModelQualityWindow;
import dev.driftline.drift.modelquality.ModelQualityFigures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status rules of a window. */
class ModelQualityResultsTest {
    @Test
    void statusOrderIsInsufficientThenNoReferenceThenThreshold() {
        ModelQualityFigures f = ModelQualityFigures.compute(List.of(1L, 0L), List.of(0.9, 0.9));
        assertThat(ModelQualityResults.status(f, 2, java.util.Optional.of(0.7), 30))
                .isEqualTo(ModelQualityWindow.INSUFFICIENT_LABELS);
        assertThat(ModelQualityResults.status(f, 30, java.util.Optional.empty(), 30))
                .isEqualTo(ModelQualityWindow.NO_REFERENCE);
        assertThat(ModelQualityResults.status(f, 30, java.util.Optional.of(0.7), 30)).isEqualTo(ModelQualityWindow.DEGRADED);
        assertThat(ModelQualityResults.status(f, 30, java.util.Optional.of(0.5), 30)).isEqualTo(ModelQualityWindow.OK);
    }
}
