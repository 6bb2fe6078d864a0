package dev.driftline.remediation.engine;

import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.drift.baseline.Baseline;

/** What the engine publishes: the service forwards it to the episodes, events and baselines topics. */
public interface Outbox {
    void episode(Episode episode);

    void event(EpisodeEvent event);

    void baseline(Baseline baseline);
}
