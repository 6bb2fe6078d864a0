package dev.driftline.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagTrendTest {
    private static List<LagTrend.Sample> line(int n, double start, double perSecond, long noise) {
        List<LagTrend.Sample> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            long wobble = (i % 2 == 0 ? noise : -noise);
            out.add(new LagTrend.Sample(i, Math.max(0, Math.round(start + perSecond * i) + wobble)));
        }
        return out;
    }

    @Test
    void aFlatNoisyLagDoesNotGrow() {
        List<LagTrend.Sample> s = line(20, 300, 0, 100);
        assertThat(LagTrend.secondHalfSlope(s)).isCloseTo(0, within(25.0));
        assertThat(LagTrend.growing(s, 1000)).isFalse();
    }

    @Test
    void aLagGainingMoreThanFivePercentOfTheRateGrows() {
        assertThat(LagTrend.secondHalfSlope(line(20, 0, 200, 0))).isCloseTo(200, within(1e-9));
        assertThat(LagTrend.growing(line(20, 0, 200, 0), 1000)).isTrue();
        assertThat(LagTrend.growing(line(20, 0, 40, 0), 1000)).isFalse();
    }

    @Test
    void onlyTheSecondHalfCounts() {
        // a start-up backlog drained in the first half, flat afterwards
        List<LagTrend.Sample> s = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            s.add(new LagTrend.Sample(i, 10_000 - 1000L * i));
        }
        for (int i = 11; i <= 20; i++) {
            s.add(new LagTrend.Sample(i, 200));
        }
        assertThat(LagTrend.growing(s, 1000)).isFalse();
        // and a lag that only starts to grow late is caught
        List<LagTrend.Sample> late = new ArrayList<>(line(10, 100, 0, 0));
        for (int i = 11; i <= 20; i++) {
            late.add(new LagTrend.Sample(i, 100 + 500L * (i - 10)));
        }
        assertThat(LagTrend.growing(late, 1000)).isTrue();
    }

    @Test
    void tooFewSamplesDecideNothing() {
        assertThat(LagTrend.secondHalfSlope(List.of(new LagTrend.Sample(1, 5)))).isNaN();
        assertThat(LagTrend.growing(List.of(), 100)).isFalse();
        assertThat(LagTrend.secondHalfSlope(line(2, 0, 10, 0))).isCloseTo(10, within(1e-9));
    }
}
