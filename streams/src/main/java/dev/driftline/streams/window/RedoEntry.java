package dev.driftline.streams.window;

import java.util.List;
import java.util.Map;

/**
 * Rows of one window as the window profiler's store keeps them until the next snapshot ({@code D|seq} entries of
 * {@value WindowProfilerProcessor#STORE}): the model, the start of its window and the rows processed for it since
 * the task's previous commit, each as its canonical values ({@code PartialWindow.canonical}, predictions under
 * {@code prediction:}) in payload order.
 */
record RedoEntry(String model, long windowStart, List<Map<String, Object>> rows) {
    RedoEntry {
        rows = List.copyOf(rows);
    }

    /** One row (what version 1 entries hold). */
    static RedoEntry of(String model, long windowStart, Map<String, Object> values) {
        return new RedoEntry(model, windowStart, List.of(values));
    }
}
