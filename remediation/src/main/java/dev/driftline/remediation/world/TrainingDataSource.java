package dev.driftline.remediation.world;

/**
 * Where an episode's training data comes from: a fixed S3 prefix (as ML teams have today), or recent labelled
 * production rows exported from the lake (Athena {@code UNLOAD} on AWS, DuckDB {@code COPY} locally).
 * Idempotent: preparing the same episode twice gives the same location and does not export twice.
 */
public interface TrainingDataSource {
    String kind();

    /** Prepares (exports) the episode's training data; its location ({@code s3://…} or {@code file://…}). */
    String prepare(String episodeId, String model, long triggeredAt);
}
