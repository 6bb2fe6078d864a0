package dev.driftline.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.streams.meters.PipelineMeters;
import dev.driftline.streams.window.LateRecords;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class LateCountsTest {
    @Test
    void theChildsLineCarriesEachReasonsCountToTheParent() {
        LateRecords late = new LateRecords();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PipelineMeters.bindLateRecords(late, registry);
        late.add(LateRecords.AFTER_GRACE, 3);
        late.add(LateRecords.AFTER_MERGE_RETENTION, 170);

        String line = LateCounts.line(registry);
        assertThat(line).isEqualTo(LateCounts.PREFIX + "after_grace=3 after_wall_close=0 after_merge_retention=170");
        assertThat(LateCounts.parse(line, LateRecords.AFTER_GRACE)).isEqualTo(3.0);
        assertThat(LateCounts.parse(line, LateRecords.AFTER_WALL_CLOSE)).isEqualTo(0.0);
        assertThat(LateCounts.parse(line, LateRecords.AFTER_MERGE_RETENTION)).isEqualTo(170.0);
        assertThat(LateCounts.parse(line, "unknown")).isNaN();
    }

    @Test
    void anUnregisteredCounterIsNotKnown() {
        String line = LateCounts.line(new SimpleMeterRegistry());
        assertThat(LateCounts.parse(line, LateRecords.AFTER_GRACE)).isNaN();
    }
}
