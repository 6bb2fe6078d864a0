package dev.driftline.remediation.world;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A trained model waiting for the registry.
 *
 * @param episodeId the episode (stored with the package: the idempotency key)
 * @param model     the model (the package group's name)
 * @param artifact  the model artifact URI (ModelDataUrl / storageUri)
 * @param metrics   its training metrics
 */
public record Candidate(String episodeId, String model, String artifact, Map<String, Double> metrics) {
    public Candidate {
        Objects.requireNonNull(episodeId, "episodeId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(artifact, "artifact");
        metrics = metrics == null ? Map.of() : Map.copyOf(new TreeMap<>(metrics));
    }
}
