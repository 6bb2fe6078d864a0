package dev.driftline.streams.meters;

import dev.driftline.streams.modelquality.ModelQualityCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code driftline.quality.dropped} {model, reason} (Prometheus {@code driftline_quality_dropped_total}): what the
 * model-quality stage could not use ({@link ModelQualityCounters}: rows and labels that expired in the join, unreadable
 * labels, rows without a prediction, pairs too late or over the cap), one function counter per series as it appears.
 * The reasons are registered up front with {@code model=""} (drops no model can be named for), so the meter exists
 * at 0 from the start. The model tag is bounded by the counters: models the pipeline saw rows of, or {@code ""}.
 */
public final class QualityDropMeters {
    public static final String NAME = "driftline.quality.dropped";

    private QualityDropMeters() {
    }

    public static void bind(ModelQualityCounters counters, MeterRegistry registry) {
        for (String reason : ModelQualityCounters.REASONS) {
            register(counters, registry, ModelQualityCounters.NO_MODEL, reason);
        }
        counters.onNewSeries((model, reason) -> register(counters, registry, model, reason));
    }

    private static void register(ModelQualityCounters counters, MeterRegistry registry, String model, String reason) {
        FunctionCounter.builder(NAME, counters, c -> c.get(model, reason)).tag("model", model).tag("reason", reason)
                .description("Records, labels and labelled pairs the model-quality stage could not use, per model")
                .register(registry);
    }
}
