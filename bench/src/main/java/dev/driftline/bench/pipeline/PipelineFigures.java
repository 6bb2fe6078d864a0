package dev.driftline.bench.pipeline;

/**
 * What phase C measured: the throughput, the windows' reports after the input was consumed, the pipeline's own
 * late-record counts, and the window state's size ({@link StateSizes}).
 */
final class PipelineFigures {
    Measured measured;
    int windowsAtIngestEnd;
    int windowsReported;
    long rowsReported;
    /** Seconds from the first committed offset until every window of the data was reported; negative: never. */
    double allReportedSeconds = -1;
    double stateBytesPerFeatureWindow;
    double mergedBytesPerFeature;
    double partialsPerWindow;
    double changelogBytesPerFeatureWindow;
    /** Bytes of each changelog topic of C's application after C, by store name. */
    java.util.Map<String, Long> changelogBytesByStore = java.util.Map.of();
    /** NaN when the build does not register the counter. */
    double lateAfterGrace = Double.NaN;
    double lateWindowClosed = Double.NaN;
    double lateAfterMergeRetention = Double.NaN;
    /** (model, window)s of the data, and how many of them had a drift report at ingest end and after the drain. */
    int modelWindowsInData;
    int modelWindowsAtIngestEnd;
    int modelWindowsReported;
    /** Whether the pipeline ran in child JVMs ({@link StreamsProcess}), and their figures (empty when not). */
    boolean childJvm;
    java.util.List<InstanceFigures> instances = java.util.List.of();
    int assignmentChanges;
    /** How C's in-JVM warm-up ended; null when there was none or the children warmed up themselves. */
    PipelinePhase.WarmUp warmup;
    /** The sustained phase's figures; null when it did not run. */
    SustainPhase.Figures sustain;

    /** One child JVM's share of C: its input partitions, events committed in C's measured interval, RSS, CPU. */
    record InstanceFigures(int instance, long pid, String clientId, java.util.List<Integer> partitions, long events,
                           double eventsPerSecond, long maxRssBytes, long vmHwmBytes, double cpuCores) {
    }
}
