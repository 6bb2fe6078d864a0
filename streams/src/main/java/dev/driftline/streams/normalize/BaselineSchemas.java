package dev.driftline.streams.normalize;

import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.drift.model.FeatureSchema;
import dev.driftline.drift.model.FeatureSpec;
import dev.driftline.streams.evaluate.CurrentBaselines;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;

/**
 * The input and output column names of each model's current baseline, read from the global baselines store (the
 * same one drift evaluation uses), so positional payloads ({@code [[6.8, 2.8]]}, one [N,F] tensor, scalar
 * predictions) get the names the baseline was built with. Without the store (a topology without evaluation) or
 * without a baseline for the model, there is no schema and default names apply.
 */
final class BaselineSchemas {
    static final BaselineSchemas NONE = new BaselineSchemas(CurrentBaselines.NONE);

    private final CurrentBaselines baselines;

    private BaselineSchemas(CurrentBaselines baselines) {
        this.baselines = baselines;
    }

    static BaselineSchemas from(FixedKeyProcessorContext<?, ?> context) {
        return new BaselineSchemas(CurrentBaselines.from(context));
    }

    Optional<FeatureSchema> inputs(String model) {
        return schema(model, BaselineFeature.Role.FEATURE);
    }

    Optional<FeatureSchema> outputs(String model) {
        return schema(model, BaselineFeature.Role.PREDICTION);
    }

    private Optional<FeatureSchema> schema(String model, BaselineFeature.Role role) {
        Optional<Baseline> b = baselines.of(model);
        if (b.isEmpty()) {
            return Optional.empty();
        }
        List<FeatureSpec> specs = b.get().withRole(role).stream().map(f -> new FeatureSpec(f.name(), f.type()))
                .toList();
        return specs.isEmpty() ? Optional.empty() : Optional.of(new FeatureSchema(specs));
    }
}
