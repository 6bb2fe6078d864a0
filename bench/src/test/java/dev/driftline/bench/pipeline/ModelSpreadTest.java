package dev.driftline.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.streams.PipelineStage;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelSpreadTest {
    @Test
    void oneModelKeepsTheOldNameAndMoreAreNumberedFromOne() {
        assertThat(ModelSpread.names(1)).containsExactly(PipelineBenchmark.MODEL);
        assertThat(ModelSpread.names(3)).containsExactly("bench-model-0001", "bench-model-0002", "bench-model-0003");
        assertThat(ModelSpread.name(999, 1000)).isEqualTo("bench-model-1000");
        assertThatThrownBy(() -> ModelSpread.name(3, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inferencesGoRoundRobin() {
        assertThat(ModelSpread.modelOf(0, 4)).isZero();
        assertThat(ModelSpread.modelOf(5, 4)).isEqualTo(1);
        assertThat(ModelSpread.modelOf(7, 1)).isZero();
    }

    @Test
    void modelWindowsAreEveryModelInEveryWindowWhenTrafficSuffices() {
        EventTimeline t = new EventTimeline(40, 600_000, 2 * 300_000, 300_000);
        Set<ModelWindow> mw = ModelSpread.modelWindows(t, 5);
        assertThat(mw).hasSize(10);
        assertThat(mw).contains(new ModelWindow("bench-model-0001", 600_000),
                new ModelWindow("bench-model-0005", 900_000));
        assertThat(ModelSpread.modelWindows(t, 1)).extracting(ModelWindow::windowStart)
                .containsExactlyElementsOf(t.windows());
    }

    @Test
    void modelsWithoutTrafficHaveNoWindows() {
        EventTimeline t = new EventTimeline(3, 0, 300_000, 300_000);
        assertThat(ModelSpread.modelWindows(t, 10)).extracting(ModelWindow::model)
                .containsExactlyInAnyOrder("bench-model-0001", "bench-model-0002", "bench-model-0003");
    }

    @Test
    void oneModelsTrafficIsTheSingleGeneratorsAndBaselinesCarryEachModel() {
        PipelineTraffic one = new PipelineTraffic(1, PipelineEvents.Protocol.V2, 4, 2, 42);
        PipelineEvents single = new PipelineEvents(PipelineBenchmark.MODEL, 4, 2, 42);
        java.time.Instant t = java.time.Instant.parse("2026-11-21T10:00:00Z");
        assertThat(one.forInference(3).next("x", t, null).request()).isEqualTo(single.next("x", t, null).request());

        PipelineTraffic many = new PipelineTraffic(3, PipelineEvents.Protocol.V2, 4, 2, 42);
        assertThat(many.forInference(4).model()).isEqualTo("bench-model-0002");
        PipelineRun run = new PipelineRun(options(3), "localhost:1", "id");
        java.util.List<dev.driftline.drift.baseline.Baseline> baselines = many.baselines(run);
        assertThat(baselines).extracting(b -> b.model())
                .containsExactly("bench-model-0001", "bench-model-0002", "bench-model-0003");
        assertThat(baselines.get(2).features()).isSameAs(baselines.get(0).features());
        assertThat(baselines.get(2).rows()).isEqualTo(50);
    }

    private static PipelineBenchmark.Options options(int models) {
        Duration s = Duration.ofSeconds(1);
        return new PipelineBenchmark.Options(100, 4, 2, 2, Duration.ofMinutes(5), s, s, s, s, null, "p.", 42, 50, s, s,
                s, s, 10, models, 1, false, "1g", Duration.ZERO, null, PipelineEvents.Protocol.V2,
                PipelineStage.ALL);
    }
}
