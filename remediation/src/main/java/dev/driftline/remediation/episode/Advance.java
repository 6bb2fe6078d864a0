package dev.driftline.remediation.episode;

import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.drift.baseline.Baseline;
import java.util.Optional;

/**
 * What one step of an episode produced: the episode as it is now, the transition (when the state changed) and a
 * baseline to publish (after a promotion).
 */
public record Advance(Episode episode, Optional<EpisodeEvent> event, Optional<Baseline> baseline) {
    public static Advance unchanged(Episode e) {
        return new Advance(e, Optional.empty(), Optional.empty());
    }

    public boolean changed() {
        return event.isPresent();
    }
}
