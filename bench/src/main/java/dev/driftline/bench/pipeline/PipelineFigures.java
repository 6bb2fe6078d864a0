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
    /** NaN when the build does not register the counter. */
    double lateAfterGrace = Double.NaN;
    double lateWindowClosed = Double.NaN;
}
