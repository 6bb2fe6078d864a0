package dev.driftline.remediation.world;

/**
 * The registry gate: SageMaker Model Registry, or a local file-backed registry for the embedded default.
 * {@link #register} is idempotent by episode id: it finds the package registered for the episode before it creates
 * one (and creates the model's package group when missing).
 */
public interface ModelRegistry {
    String kind();

    /** Registers the candidate (status pending manual approval) unless the episode's package exists; its reference. */
    String register(Candidate candidate);

    /** The package's approval status as the registry holds it (a person may have changed it there). */
    ApprovalStatus status(String packageRef);

    /** Sets the package's approval status, with the reason as its description. */
    void decide(String packageRef, ApprovalStatus status, String reason);
}
