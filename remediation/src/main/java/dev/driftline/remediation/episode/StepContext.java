package dev.driftline.remediation.episode;

import dev.driftline.drift.baseline.Baseline;
import dev.driftline.remediation.policy.ModelPolicy;
import java.util.List;
import java.util.Optional;

/**
 * What one step of an episode may look at: the service clock, the model's policy and world, the canary windows the
 * pipeline reported and the model's current baseline.
 */
public record StepContext(long now, ModelPolicy policy, ModelWorld world, List<VersionWindow> canaryWindows,
                          Optional<Baseline> currentBaseline) {
}
