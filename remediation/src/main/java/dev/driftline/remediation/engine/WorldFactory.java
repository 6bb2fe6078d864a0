package dev.driftline.remediation.engine;

import dev.driftline.remediation.episode.ModelWorld;

/** The outside world of each model, as the policy configures it (built once per model and kept). */
public interface WorldFactory {
    ModelWorld forModel(String model);

    /** A model's current baseline as the baselines topic has it (null: removed); adapters that need it keep it. */
    default void baseline(String model, dev.driftline.drift.baseline.Baseline baseline) {
    }
}
