package dev.driftline.streams;

import dev.driftline.streams.meters.PipelineMeters;
import dev.driftline.streams.modelquality.ModelQualityCounters;
import dev.driftline.streams.window.LateRecords;
import java.util.Objects;
import java.util.Optional;

/**
 * What the running pipeline reports through, handed to {@link DriftlineTopology} by whoever runs it: counters of
 * records dropped as late and of the model-quality join's drops (read by the service's meters), and optionally the
 * Micrometer meters fed from the output topics. Tests pass {@link #none()} (or their own counters) and read the
 * counters directly.
 */
public record PipelineInstruments(LateRecords late, ModelQualityCounters modelQuality,
                                  Optional<PipelineMeters> meters) {
    public PipelineInstruments {
        Objects.requireNonNull(late, "late");
        Objects.requireNonNull(modelQuality, "modelQuality");
        Objects.requireNonNull(meters, "meters");
    }

    /** Fresh counters, no meters. */
    public static PipelineInstruments none() {
        return new PipelineInstruments(new LateRecords(), new ModelQualityCounters(), Optional.empty());
    }
}
