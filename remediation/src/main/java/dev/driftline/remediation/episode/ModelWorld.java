package dev.driftline.remediation.episode;

import dev.driftline.remediation.world.BaselineSource;
import dev.driftline.remediation.world.ModelRegistry;
import dev.driftline.remediation.world.Notifier;
import dev.driftline.remediation.world.RolloutTarget;
import dev.driftline.remediation.world.TrainingBackend;
import dev.driftline.remediation.world.TrainingDataSource;
import java.util.Objects;

/** The outside world of one model's episodes, as its policy configures it. */
public record ModelWorld(TrainingDataSource data, TrainingBackend training, ModelRegistry registry,
                         RolloutTarget rollout, BaselineSource baselines, Notifier notifier) {
    public ModelWorld {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(rollout, "rollout");
        Objects.requireNonNull(baselines, "baselines");
        Objects.requireNonNull(notifier, "notifier");
    }
}
