package dev.driftline.contracts.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftline.contracts.JsonOut;
import java.util.Objects;

/**
 * One transition of an episode: the value of {@code <prefix>remediation.events} (key model) and a row of the lake's
 * {@code remediation_events} table. JSON form: {@link EpisodeEventCodec}.
 *
 * @param eventId   {@code <episode id>/<state>[/<rollout step>]} (e.g. {@code churn-20261202T101500Z/baking/1}):
 *                  deterministic, so a replayed transition has the same id
 * @param episodeId the episode
 * @param model     the model
 * @param from      the state before; null for the first event (TRIGGERED)
 * @param to        the state after
 * @param at        when (epoch ms, service clock)
 * @param message   what happened, in words ("training job churn-20261202T101500Z started")
 * @param data      step-specific figures (job name, metrics, traffic percent, rule, ...)
 */
public record EpisodeEvent(String eventId, String episodeId, String model, EpisodeState from, EpisodeState to,
                           long at, String message, JsonNode data) {
    public EpisodeEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(episodeId, "episodeId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(to, "to");
        data = data == null ? JsonOut.object() : data.deepCopy();
    }

    @Override
    public JsonNode data() {
        return data.deepCopy();
    }
}
