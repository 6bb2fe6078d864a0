package dev.driftline.contracts.remediation;

/**
 * The states of a remediation episode, in the order a successful one passes them. The transitions allowed between
 * them are the remediation service's {@code EpisodeTransitions}; the terminal ones end the episode and start the
 * model's cooldown.
 */
public enum EpisodeState {
    /** A policy trigger held: the episode exists, nothing was done yet. */
    TRIGGERED,
    /** Exporting or locating the training data. */
    PREPARING_DATA,
    /** A training job / pipeline execution / command runs. */
    TRAINING,
    /** Training finished; metrics read, the approval rules judged. */
    EVALUATING,
    /** The candidate is in the registry with its metrics and the episode id. */
    REGISTERED,
    /** Neither approve nor reject rule held: waiting for a person (registry status or {@code driftline remediation approve}). */
    AWAITING_APPROVAL,
    /** Shifting traffic to the candidate's share of the current step. */
    ROLLING_OUT,
    /** The current step's share is live; the guardrail judges the canary until the bake time has passed. */
    BAKING,
    /** The candidate serves 100 %; the new baseline is being published. */
    PROMOTED,
    DONE,
    FAILED,
    REJECTED,
    ROLLED_BACK,
    CANCELLED;

    public boolean terminal() {
        return this == DONE || this == FAILED || this == REJECTED || this == ROLLED_BACK || this == CANCELLED;
    }

    /** Parses the lower- or upper-case name; null when unknown. */
    public static EpisodeState parse(String s) {
        for (EpisodeState v : values()) {
            if (v.name().equalsIgnoreCase(s)) {
                return v;
            }
        }
        return null;
    }
}
