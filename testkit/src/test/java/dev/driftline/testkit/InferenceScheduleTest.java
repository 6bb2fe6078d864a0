package dev.driftline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InferenceScheduleTest {
    private static final long WINDOW_MS = 300_000;

    /**
     * Tests count the rows they expect per window from the schedule: every request and its response (40 ms later)
     * must fall inside the window the schedule gives it, at any number of requests per window (at 10,000 per window
     * the last requests once spilled into the next window), and times must only increase.
     */
    @Test
    void everyEventLiesInsideItsWindowAndTimesIncrease() {
        for (int perWindow : new int[] {1, 400, 600, 8_000, 10_000, 50_000}) {
            InferenceSchedule s = new InferenceSchedule("t", 1_800_000, WINDOW_MS, 3, perWindow);
            long previous = Long.MIN_VALUE;
            for (int i = 0; i < s.total(); i++) {
                long start = s.windowStart(s.window(i));
                Instant request = s.requestTime(i);
                assertThat(request.toEpochMilli()).as("request %d of %d per window", i, perWindow)
                        .isGreaterThanOrEqualTo(start).isGreaterThan(previous);
                assertThat(request.plusMillis(40).toEpochMilli()).as("response %d of %d per window", i, perWindow)
                        .isLessThan(start + WINDOW_MS);
                previous = request.toEpochMilli();
            }
        }
    }

    @Test
    void rowCountsAddUpAndDifferPerWindow() {
        InferenceSchedule s = new InferenceSchedule("crash", 0, WINDOW_MS, 4, 600);
        long sum = 0;
        for (int w = 0; w < 4; w++) {
            sum += s.rowsInWindow(w);
        }
        assertThat(sum).isEqualTo(s.rowsTotal()).isEqualTo(s.rowsBefore(s.total()));
        assertThat(Set.of(s.rowsInWindow(0), s.rowsInWindow(1), s.rowsInWindow(2), s.rowsInWindow(3))).hasSize(4);
        assertThat(s.rowKeys()).hasSize((int) s.rowsTotal()).contains("crash-000000#0", "crash-002399#0");
        assertThat(s.id(7)).isEqualTo("crash-000007");
    }

    @Test
    void bodiesAreKServeV1WithOneRowPerPrediction() {
        InferenceSchedule s = new InferenceSchedule("t", 0, WINDOW_MS, 1, 10);
        assertThat(s.rows(0)).isEqualTo(2);
        assertThat(s.request(0)).isEqualTo("{\"instances\":[[0.0, 0.0, 0], [0.25, 0.0, 0]]}");
        assertThat(s.response(0)).isEqualTo("{\"predictions\":[0, 1]}");
    }
}
