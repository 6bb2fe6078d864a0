package dev.driftline.streams.window;

import java.util.Map;

/**
 * One processed row as the window profiler's store keeps it until the next snapshot ({@code D|seq} entries of
 * {@value WindowProfilerProcessor#STORE}): the model, the start of its window and its canonical values
 * ({@code PartialWindow.canonical}, predictions under {@code prediction:}), in payload order.
 */
record RedoEntry(String model, long windowStart, Map<String, Object> values) {
}
