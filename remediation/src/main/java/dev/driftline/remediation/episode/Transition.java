package dev.driftline.remediation.episode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.JsonOut;
import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.contracts.remediation.EpisodeState;
import dev.driftline.drift.baseline.Baseline;
import java.util.Optional;
import java.util.function.Consumer;

/** Builds one checked transition of an episode with its event. */
final class Transition {
    private Transition() {
    }

    /**
     * {@code e} moved to {@code to} at {@code now}: the edit applies the step's fields; the event id is the episode
     * id, the state and the rollout step, so a transition replayed after a crash has the same id.
     */
    static Advance to(Episode e, EpisodeState to, long now, String message, Consumer<Episode.Builder> edit,
                      Consumer<ObjectNode> data, Optional<Baseline> baseline) {
        EpisodeTransitions.check(e.state(), to);
        Episode.Builder b = e.edit();
        edit.accept(b);
        b.state = to;
        b.updatedAt = now;
        Episode next = b.build();
        ObjectNode d = JsonOut.object();
        data.accept(d);
        if (next.step() >= 0 && (to == EpisodeState.ROLLING_OUT || to == EpisodeState.BAKING)) {
            d.put("step", next.step());
        }
        String eventId = next.id() + "/" + to.name().toLowerCase(java.util.Locale.ROOT)
                + (to == EpisodeState.ROLLING_OUT || to == EpisodeState.BAKING ? "/" + next.step() : "");
        return new Advance(next, Optional.of(new EpisodeEvent(eventId, next.id(), next.model(), e.state(), to, now,
                message, d)), baseline);
    }

    static Advance to(Episode e, EpisodeState to, long now, String message, Consumer<Episode.Builder> edit,
                      Consumer<ObjectNode> data) {
        return to(e, to, now, message, edit, data, Optional.empty());
    }

    /** The first event of an episode (it has no state before). */
    static EpisodeEvent triggered(Episode e) {
        ObjectNode d = JsonOut.object();
        d.put("trigger", e.trigger());
        e.alertIds().forEach(d.putArray("alert_ids")::add);
        return new EpisodeEvent(e.id() + "/triggered", e.id(), e.model(), null, EpisodeState.TRIGGERED,
                e.triggeredAt(), "episode started: " + e.trigger(), d);
    }
}
