package dev.driftline.bench.pipeline;

import dev.driftline.drift.baseline.Baseline;
import java.util.ArrayList;
import java.util.List;

/**
 * The traffic of a phase over {@code --models} models ({@link ModelSpread}): one seeded {@link PipelineEvents} per
 * model; model {@code k} draws from {@code seed + k × 1000003}, so with one model the bytes are those of earlier runs.
 */
final class PipelineTraffic {
    static final long MODEL_SEED_STRIDE = 1_000_003L;

    private final List<PipelineEvents> gens;

    PipelineTraffic(int models, PipelineEvents.Protocol protocol, int features, int batch, long seed) {
        gens = new ArrayList<>(models);
        for (int k = 0; k < models; k++) {
            gens.add(new PipelineEvents(ModelSpread.name(k, models), protocol, features, batch,
                    seed + k * MODEL_SEED_STRIDE));
        }
    }

    int models() {
        return gens.size();
    }

    /** The generator of inference {@code i}'s model. */
    PipelineEvents forInference(long i) {
        return gens.get(ModelSpread.modelOf(i, gens.size()));
    }

    PipelineEvents model(int k) {
        return gens.get(k);
    }

    /**
     * Every model's baseline: the first built as the single model's always was (the same reference table), the
     * others the same baseline under their model's name (building it once keeps --models 1000 quick).
     */
    List<Baseline> baselines(PipelineRun run) {
        Baseline first = run.baseline(gens.get(0));
        List<Baseline> out = new ArrayList<>(gens.size());
        out.add(first);
        for (int k = 1; k < gens.size(); k++) {
            out.add(new Baseline(gens.get(k).model(), first.createdAt(), first.source(), first.rows(),
                    first.features(), first.monitoringConfig(), first.modelQuality()));
        }
        return out;
    }
}
