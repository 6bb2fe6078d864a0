package dev.driftline.bench.pipeline;

import java.util.Map;

/**
 * A throughput phase's outcome: the events it processed within {@code seconds} after its start-up, over all its
 * passes, and where the time went ({@link StreamsSampler}).
 *
 * @param startupSeconds mean start-up per pass (Streams phases: start to first committed offset)
 * @param complete whether every pass got through the whole topic before the cap
 * @param thread stream-thread metric averages ({@link StreamsSampler#THREAD_METRICS}); empty for the raw consumer
 * @param jitCores the bench JVM's JIT compilers' share of a core while measured (NaN: not known, e.g. children)
 * @param streamThreadCpuSeconds CPU seconds of the stream threads in this JVM while measured (0: none or not known)
 */
record Measured(double startupSeconds, long processed, double seconds, boolean complete,
                Map<String, Double> thread, double jvmCpuCores, double jitCores, double streamThreadCpuSeconds, double loadAverage,
                int passes) {
    double perSecond() {
        return seconds <= 0 ? 0 : processed / seconds;
    }

    /** Stream-thread CPU microseconds per event processed (NaN when not known). */
    double streamThreadCpuMicrosPerEvent() {
        return streamThreadCpuSeconds <= 0 || processed <= 0 ? Double.NaN : streamThreadCpuSeconds * 1e6 / processed;
    }

    /**
     * Cores the stream threads used while measured (NaN when not known): near the thread count when the phase was
     * busy, near 0 when the measured interval was mostly a wait (B's short passes once timed its last commit).
     */
    double streamThreadCores() {
        return streamThreadCpuSeconds <= 0 || seconds <= 0 ? Double.NaN : streamThreadCpuSeconds / seconds;
    }
}
