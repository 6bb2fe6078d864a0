package dev.driftline.remediation.world;

import java.util.Objects;

/**
 * One training run of one episode.
 *
 * @param episodeId      the episode
 * @param model          the model
 * @param runName        deterministic name derived from the episode id (the idempotency key at the backend)
 * @param dataLocation   the training data (s3://… prefix or file://… path)
 * @param outputLocation where the artifact goes (s3://… prefix or a local directory)
 */
public record TrainingRequest(String episodeId, String model, String runName, String dataLocation,
                              String outputLocation) {
    public TrainingRequest {
        Objects.requireNonNull(episodeId, "episodeId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(runName, "runName");
        Objects.requireNonNull(dataLocation, "dataLocation");
    }
}
