package dev.driftline.remediation.world;

import java.util.Objects;

/**
 * One episode's rollout.
 *
 * @param episodeId        the episode (resources created for the rollout are named after it)
 * @param model            the model (InferenceService / endpoint name, as the policy maps it)
 * @param candidateArtifact the candidate's artifact URI
 * @param candidateVersion the version the candidate's traffic reports (V2 {@code model_version}, SageMaker variant
 *                         name), so its windows can be told apart
 * @param previousSpec     {@link RolloutTarget#currentSpec} before the first step
 */
public record RolloutPlan(String episodeId, String model, String candidateArtifact, String candidateVersion,
                          String previousSpec) {
    public RolloutPlan {
        Objects.requireNonNull(episodeId, "episodeId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(candidateArtifact, "candidateArtifact");
    }
}
