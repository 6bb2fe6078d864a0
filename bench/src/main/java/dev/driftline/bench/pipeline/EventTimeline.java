package dev.driftline.bench.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.TreeSet;

/**
 * The event times of the pre-loaded traffic: {@code inferences} spread evenly over {@code windows} whole windows that
 * ended at least an hour ago, so every window can close on stream time alone.
 *
 * @param inferences inferences pre-loaded (a request and a response each)
 * @param firstMs event time of the first, at a window start
 * @param spanMs the windows' total length
 * @param windowMs one window's length
 */
record EventTimeline(long inferences, long firstMs, long spanMs, long windowMs) {
    static EventTimeline of(PipelineBenchmark.Options o, long nowMs) {
        long windowMs = o.window().toMillis();
        long span = windowMs * o.windows();
        long first = Math.floorDiv(nowMs - span - Duration.ofHours(1).toMillis(), windowMs) * windowMs;
        return new EventTimeline(o.events() / 2, first, span, windowMs);
    }

    /** Event time of inference {@code i}. */
    Instant time(long i) {
        return Instant.ofEpochMilli(firstMs + (long) ((double) spanMs * i / inferences));
    }

    /** The same span and windows with at least {@code min} inferences (denser in event time when there were fewer). */
    EventTimeline withAtLeast(long min) {
        return inferences >= min ? this : new EventTimeline(min, firstMs, spanMs, windowMs);
    }

    /** Starts of the windows that hold at least one inference. */
    TreeSet<Long> windows() {
        long lastTime = time(inferences - 1).toEpochMilli();
        TreeSet<Long> windows = new TreeSet<>();
        for (long w = firstMs; w <= lastTime; w += windowMs) {
            windows.add(w);
        }
        return windows;
    }
}
