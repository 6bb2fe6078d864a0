package dev.driftline.streams.normalize;

import dev.driftline.contracts.baseline.BaselineColumns;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.drift.model.FeatureSchema;
import dev.driftline.drift.model.FeatureSpec;
import dev.driftline.streams.evaluate.BaselineVersions;
import dev.driftline.streams.evaluate.CurrentBaselines;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;

/**
 * The input and output column names of each model's current baseline, read from the global baselines store (the
 * same one drift evaluation uses), so positional payloads ({@code [[6.8, 2.8]]}, one [N,F] tensor, scalar
 * predictions) get the names the baseline was built with. Without the store (a topology without evaluation) or
 * without a baseline for the model, there is no schema and default names apply.
 *
 * <p>The schemas are kept in a {@link Cache} that the normalisers of all tasks of an instance share: each model's
 * baseline is read once per instance and update, not once per ingest task (with a thousand models, six tasks
 * reading every model's baseline of ~180 KB were a fifth of the stream thread in a profile of
 * {@code driftline bench pipeline --models 1000}).
 */
final class BaselineSchemas {
    static final BaselineSchemas NONE = new BaselineSchemas(CurrentBaselines.NONE, new BaselineVersions(), new Cache());

    private final CurrentBaselines baselines;
    private final BaselineVersions versions;
    private final Cache cache;

    private record Schemas(long version, Optional<FeatureSchema> inputs, Optional<FeatureSchema> outputs) {
    }

    /**
     * model → its schemas as of a version of its baseline, shared by the tasks (and stream threads) of an instance:
     * the store is read again only when that version moved. Models without a baseline are kept too (as "none"), so
     * it holds the model names traffic brought; past {@value #MAX_MODELS} it starts again rather than grow with
     * names from payloads. A model's entry is a few dozen names.
     */
    static final class Cache {
        static final int MAX_MODELS = 16_384;
        private final Map<String, Schemas> byModel = new ConcurrentHashMap<>();

        private void put(String model, Schemas s) {
            if (byModel.size() >= MAX_MODELS && !byModel.containsKey(model)) {
                byModel.clear();
            }
            byModel.put(model, s);
        }
    }

    private BaselineSchemas(CurrentBaselines baselines, BaselineVersions versions, Cache cache) {
        this.baselines = baselines;
        this.versions = versions;
        this.cache = cache;
    }

    static BaselineSchemas from(FixedKeyProcessorContext<?, ?> context, BaselineVersions versions, Cache cache) {
        return new BaselineSchemas(CurrentBaselines.from(context), versions, cache);
    }

    Optional<FeatureSchema> inputs(String model) {
        return schemas(model).inputs();
    }

    Optional<FeatureSchema> outputs(String model) {
        return schemas(model).outputs();
    }

    private Schemas schemas(String model) {
        long version = versions.of(model); // before the read: an update racing with it is read again next time
        Schemas s = cache.byModel.get(model);
        if (s == null || s.version() != version) {
            // the columns alone, not the baseline; two tasks missing at once both read it, the same answer
            Optional<List<BaselineColumns.Column>> columns = baselines.columns(model);
            s = new Schemas(version, schema(columns, BaselineFeature.Role.FEATURE),
                    schema(columns, BaselineFeature.Role.PREDICTION));
            cache.put(model, s);
        }
        return s;
    }

    private static Optional<FeatureSchema> schema(Optional<List<BaselineColumns.Column>> columns,
                                                  BaselineFeature.Role role) {
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        List<FeatureSpec> specs = columns.get().stream().filter(c -> c.role() == role)
                .map(c -> new FeatureSpec(c.name(), c.type())).toList();
        return specs.isEmpty() ? Optional.empty() : Optional.of(new FeatureSchema(specs));
    }
}
