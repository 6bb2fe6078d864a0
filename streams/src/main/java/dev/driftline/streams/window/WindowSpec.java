package dev.driftline.streams.window;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Tumbling event-time windows of the profiling stage: {@code size} (default 5 min) and {@code grace} (default 30 s,
 * how long after its end a window still accepts records). {@code idleGrace} (default 5 s) is the extra wall time a
 * task must see no records before wall clock closes windows that stream time cannot close because traffic stopped;
 * {@code checkpointInterval} (default 10 s wall clock) is how often the in-memory partials are snapshotted into
 * the changelogged store (see {@link WindowProfilerProcessor}). {@code perModel} gives some models their own window
 * length ({@code streams.window.model.<m>}); grace and the rest are shared.
 */
public record WindowSpec(Duration size, Duration grace, Duration idleGrace, Duration checkpointInterval,
                         Map<String, Duration> perModel) {
    public WindowSpec(Duration size, Duration grace, Duration idleGrace, Duration checkpointInterval) {
        this(size, grace, idleGrace, checkpointInterval, Map.of());
    }

    public WindowSpec {
        perModel = Map.copyOf(Objects.requireNonNull(perModel, "perModel"));
        for (Map.Entry<String, Duration> e : perModel.entrySet()) {
            if (e.getValue().isNegative() || e.getValue().isZero()) {
                throw new IllegalArgumentException("window of model " + e.getKey() + " must be > 0");
            }
        }
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(idleGrace, "idleGrace");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        if (size.isNegative() || size.isZero() || grace.isNegative() || idleGrace.isNegative()
                || checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("window size and checkpoint interval must be > 0, graces >= 0");
        }
    }

    public WindowSpec(Duration size, Duration grace) {
        this(size, grace, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    public static WindowSpec defaults() {
        return new WindowSpec(Duration.ofMinutes(5), Duration.ofSeconds(30));
    }

    /** The same spec with window lengths for some models (the others keep {@link #size()}). */
    public WindowSpec withPerModel(Map<String, Duration> sizes) {
        return new WindowSpec(size, grace, idleGrace, checkpointInterval, sizes);
    }

    /** The window length of {@code model}: its own, or the default. */
    public Duration sizeOf(String model) {
        return model == null ? size : perModel.getOrDefault(model, size);
    }

    /** Start of {@code model}'s tumbling window holding this event time (epoch-aligned). */
    public long windowStart(String model, long eventTimeMs) {
        long s = sizeOf(model).toMillis();
        return Math.floorDiv(eventTimeMs, s) * s;
    }

    public long windowEnd(String model, long windowStartMs) {
        return windowStartMs + sizeOf(model).toMillis();
    }

    /** Start of the tumbling window holding this event time (epoch-aligned). */
    public long windowStart(long eventTimeMs) {
        long s = size.toMillis();
        return Math.floorDiv(eventTimeMs, s) * s;
    }

    public long windowEnd(long windowStartMs) {
        return windowStartMs + size.toMillis();
    }
}
