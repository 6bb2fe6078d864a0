package dev.driftline.streams;

import dev.driftline.streams.metrics.PipelineMetrics;
import dev.driftline.streams.modelquality.QualityCounters;
import java.util.Objects;
import java.util.Optional;

/**
 * What the running pipeline reports through, handed to {@link DriftlineTopology} by whoever runs it: counters of
 * records dropped as late and of the quality join's drops (read by the service's meters), and optionally the
 * meters fed from the output topics. Tests pass {@link #none()} and read the counters directly.
 */
public record PipelineInstruments(LateRecords late, QualityCounters quality, Optional<PipelineMetrics> metrics) {
    public PipelineInstruments {
        Objects.requireNonNull(late, "late");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(metrics, "metrics");
    }

    /** Fresh counters, no meters. */
    public static PipelineInstruments none() {
        return new PipelineInstruments(new LateRecords(), new QualityCounters(), Optional.empty());
    }
}
