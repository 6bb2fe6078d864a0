package dev.driftline.streams.evaluate;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How often each model's baseline has changed in this instance's global baselines store since it started: the
 * global thread bumps it after each update ({@link DriftEvaluationTopology}), and a processor that derives something
 * from a baseline on every record (the normaliser's column names) re-reads the store only when the number moved.
 * Reading the store per record copies the whole baseline (tens to hundreds of KB), which dominated the ingest path.
 * After a restart every count starts at 0 and each reader starts with an empty cache, so nothing stale survives.
 */
public final class BaselineVersions {
    private final ConcurrentHashMap<String, Long> versions = new ConcurrentHashMap<>();

    /** Called by the global store's processor after it stored a new value (or a deletion) for {@code model}. */
    void bump(String model) {
        versions.merge(model, 1L, Long::sum);
    }

    /** The number of updates of {@code model}'s baseline seen so far (0 before the first). */
    public long of(String model) {
        return versions.getOrDefault(model, 0L);
    }
}
