package dev.driftline.bench.pipeline;

import java.util.List;
import java.util.Map;

/**
 * What phase D measured, per window: milliseconds from the window's end to its drift report and to its first
 * alert, as a read_committed consumer received them.
 *
 * @param windowsMeasured windows that had traffic from start to end and were followed by more traffic
 * @param alertsByKindState alert records received by {@code kind/state}, sorted
 */
record LatencyFigures(long inferencesSent, int windowsMeasured, List<Long> driftMs, List<Long> alertMs,
                      long alertsReceived, Map<String, Long> alertsByKindState, String driftTopic,
                      String alertsTopic) {
    /** Whether the build has an alert stage: without alert records, the drift reports are the detection. */
    boolean alerts() {
        return alertsReceived > 0;
    }

    /** The latencies detection is measured by: alerts when there are any, else drift reports. */
    List<Long> detection() {
        return alerts() ? alertMs : driftMs;
    }
}
