package dev.driftline.remediation.engine;

import dev.driftline.contracts.remediation.Episode;
import dev.driftline.remediation.episode.VersionWindow;
import dev.driftline.remediation.trigger.TriggerState;
import java.util.List;
import java.util.Optional;

/**
 * Where the engine keeps what must survive a restart: Kafka Streams state stores in the service (changelogged,
 * restored on the instance that owns the model's partition), maps in the dry run and in unit tests.
 */
public interface EngineState {
    Optional<Episode> episode(String model);

    void putEpisode(Episode episode);

    /** Models whose latest episode is not over. */
    List<Episode> runningEpisodes();

    TriggerState trigger(String model);

    void putTrigger(String model, TriggerState state);

    boolean globallyPaused();

    void setGloballyPaused(boolean paused);

    /** The model's recent per-version model-quality windows (the rollout guardrail's evidence). */
    List<VersionWindow> canaryWindows(String model);

    void putCanaryWindows(String model, List<VersionWindow> windows);

    /** The model's current baseline (the service reads the baselines topic into a global store). */
    Optional<dev.driftline.drift.baseline.Baseline> baseline(String model);
}
