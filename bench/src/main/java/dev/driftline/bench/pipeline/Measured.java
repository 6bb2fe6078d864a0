package dev.driftline.bench.pipeline;

import java.util.Map;

/**
 * A throughput phase's outcome: the events it processed within {@code seconds} after its start-up, over all its
 * passes, and where the time went ({@link StreamsSampler}).
 *
 * @param startupSeconds mean start-up per pass (Streams phases: start to first committed offset)
 * @param complete whether every pass got through the whole topic before the cap
 * @param thread stream-thread metric averages ({@link StreamsSampler#THREAD_METRICS}); empty for the raw consumer
 */
record Measured(double startupSeconds, long processed, double seconds, boolean complete,
                Map<String, Double> thread, double jvmCpuCores, double loadAverage, int passes) {
    double perSecond() {
        return seconds <= 0 ? 0 : processed / seconds;
    }
}
