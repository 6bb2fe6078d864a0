package dev.driftline.remediation.world;

/**
 * Where the model serves: a KServe InferenceService, a SageMaker endpoint, or a CD system behind a webhook.
 * Every call is idempotent: the service may repeat any of them after a crash, and the same call twice leaves the
 * same state. The service drives the steps (10 → 50 → 100 %), the bake time and the guardrail; the target only
 * moves traffic and reports whether the move has settled.
 */
public interface RolloutTarget {
    String kind();

    /**
     * The serving spec before the rollout, target-specific JSON (the InferenceService's predictor, the endpoint's
     * config name, …), kept in the episode and restored by {@link #rollback}.
     */
    String currentSpec(String model);

    /** Gives the candidate {@code percent} % of the traffic (0 < percent < 100), the rest to the serving model. */
    void shift(RolloutPlan plan, int percent);

    /** Whether the last shift or promotion has settled (Ready / InService), is still settling, or failed. */
    RolloutProgress progress(RolloutPlan plan);

    /** Makes the candidate the only serving model (100 %, canary settings cleared). */
    void promote(RolloutPlan plan);

    /** Restores {@link RolloutPlan#previousSpec()}: the old model serves everything again. */
    void rollback(RolloutPlan plan, String reason);
}
