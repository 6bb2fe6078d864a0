package dev.driftline.streams.modelquality;

import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.modelquality.TrainingQuality;
import dev.driftline.streams.evaluate.BaselineCache;
import dev.driftline.streams.evaluate.DriftEvaluationTopology;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each model's training-time quality, read from its current baseline in the global baselines store (the one drift
 * evaluation uses), so a window is judged against the baseline that is current when it is emitted. Without the store
 * (a topology without evaluation) or a baseline with model quality, there is none.
 */
final class TrainingQualities {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingQualities.class);

    private final ReadOnlyKeyValueStore<String, Object> store;
    private final BaselineCache cache = new BaselineCache();

    private TrainingQualities(ReadOnlyKeyValueStore<String, Object> store) {
        this.store = store;
    }

    static TrainingQualities from(ProcessorContext<?, ?> context) {
        try {
            return new TrainingQualities(context.getStateStore(DriftEvaluationTopology.STORE));
        } catch (RuntimeException e) {
            LOG.debug("no global baselines store in this topology; model quality has no training-time reference");
            return new TrainingQualities(null);
        }
    }

    Optional<TrainingQuality> of(String model) {
        if (store == null) {
            return Optional.empty();
        }
        Baseline b = cache.of(store, model);
        return b == null ? Optional.empty() : b.modelQuality();
    }
}
