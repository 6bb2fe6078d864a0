package dev.driftline.streams.evaluate;

import dev.driftline.contracts.baseline.BaselineColumns;
import dev.driftline.drift.baseline.Baseline;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each model's current baseline as any processor of the pipeline sees it: read from the global baselines store
 * ({@link DriftEvaluationTopology#STORE}, the one drift evaluation uses), parsed once per update
 * ({@link BaselineCache}). In a topology without that store (one stage under test) there are none.
 */
public final class CurrentBaselines {
    private static final Logger LOG = LoggerFactory.getLogger(CurrentBaselines.class);
    /** No baselines at all. */
    public static final CurrentBaselines NONE = new CurrentBaselines(null);

    private final ReadOnlyKeyValueStore<String, Object> store;
    private final BaselineCache cache = new BaselineCache();

    private CurrentBaselines(ReadOnlyKeyValueStore<String, Object> store) {
        this.store = store;
    }

    /** The baselines of {@code context}'s topology, or {@link #NONE} when it has no global baselines store. */
    public static CurrentBaselines from(ProcessingContext context) {
        try {
            ReadOnlyKeyValueStore<String, Object> s = context.getStateStore(DriftEvaluationTopology.STORE);
            return s == null ? NONE : new CurrentBaselines(s);
        } catch (RuntimeException e) {
            LOG.debug("no global baselines store in this topology");
            return NONE;
        }
    }

    /** The current baseline of {@code model}: none without one, or when it cannot be read (logged by the cache). */
    public Optional<Baseline> of(String model) {
        if (store == null || model == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(cache.of(store, model));
    }

    /**
     * The columns of {@code model}'s current baseline, read without decoding its profiles
     * ({@link BaselineColumns}): for a caller that keeps only the names (the normaliser, refreshed by
     * {@link BaselineVersions}). None without a baseline, or when its columns cannot be read (logged).
     */
    public Optional<List<BaselineColumns.Column>> columns(String model) {
        if (store == null || model == null) {
            return Optional.empty();
        }
        byte[] bytes = BaselineCache.bytes(store, model);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(BaselineColumns.of(bytes));
        } catch (RuntimeException ex) {
            LOG.warn("the baseline of model {} cannot be read; its payloads get default column names: {}", model,
                    ex.getMessage());
            return Optional.empty();
        }
    }
}
