package dev.driftline.streams.normalize;

import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.drift.model.FeatureSchema;
import dev.driftline.drift.model.FeatureSpec;
import dev.driftline.streams.evaluate.BaselineCache;
import dev.driftline.streams.evaluate.DriftEvaluationTopology;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The input and output column names of each model's current baseline, read from the global baselines store (the
 * same one drift evaluation uses), so positional payloads ({@code [[6.8, 2.8]]}, one [N,F] tensor, scalar
 * predictions) get the names the baseline was built with. Without the store (a topology without evaluation) or
 * without a baseline for the model, there is no schema and default names apply.
 */
final class BaselineSchemas {
    private static final Logger LOG = LoggerFactory.getLogger(BaselineSchemas.class);
    static final BaselineSchemas NONE = new BaselineSchemas(null);

    private final ReadOnlyKeyValueStore<String, Object> store;
    private final BaselineCache cache = new BaselineCache();

    private BaselineSchemas(ReadOnlyKeyValueStore<String, Object> store) {
        this.store = store;
    }

    static BaselineSchemas from(FixedKeyProcessorContext<?, ?> context) {
        try {
            ReadOnlyKeyValueStore<String, Object> s = context.getStateStore(DriftEvaluationTopology.STORE);
            return s == null ? NONE : new BaselineSchemas(s);
        } catch (RuntimeException e) {
            LOG.debug("no global baselines store in this topology; payloads keep default names");
            return NONE;
        }
    }

    Optional<FeatureSchema> inputs(String model) {
        return schema(model, BaselineFeature.Role.FEATURE);
    }

    Optional<FeatureSchema> outputs(String model) {
        return schema(model, BaselineFeature.Role.PREDICTION);
    }

    private Optional<FeatureSchema> schema(String model, BaselineFeature.Role role) {
        if (store == null || model == null) {
            return Optional.empty();
        }
        Baseline b = cache.of(store, model);
        if (b == null) {
            return Optional.empty();
        }
        List<FeatureSpec> specs = b.withRole(role).stream().map(f -> new FeatureSpec(f.name(), f.type())).toList();
        return specs.isEmpty() ? Optional.empty() : Optional.of(new FeatureSchema(specs));
    }
}
