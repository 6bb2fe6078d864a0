package dev.driftline.remediation.engine;

import dev.driftline.remediation.episode.ModelWorld;

/** The outside world of each model, as the policy configures it (built once per model and kept). */
public interface WorldFactory {
    ModelWorld forModel(String model);
}
