package dev.driftline.remediation.control;

import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeState;
import dev.driftline.contracts.remediation.RemediationCommand;
import dev.driftline.contracts.remediation.RemediationCommand.Action;
import dev.driftline.contracts.remediation.RemediationCommandCodec;
import dev.driftline.remediation.episode.EpisodeTransitions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An operator's command as it goes onto {@code <prefix>remediation.commands}: the one home of what the CLI
 * ({@code driftline remediation approve|reject|cancel|pause|resume}) and the service's control API write, so both
 * write the same records. Which episode states a decision applies to is decided here too, by the service's own
 * transition table: both refuse a stale or misdirected command before it is written.
 */
public final class OperatorCommands {
    private OperatorCommands() {
    }

    /** Approve, reject or cancel {@code episode} (keyed by its model, so it lands in the model's task). */
    public static RemediationCommand forEpisode(Action action, Episode episode, String by, String reason, long at) {
        if (!episodeAction(action)) {
            throw new IllegalArgumentException(action + " is not a command for an episode");
        }
        return new RemediationCommand(UUID.randomUUID().toString(), action, episode.model(), episode.id(), by,
                reason, at);
    }

    /**
     * Pause or resume one model, or every model when {@code model} is null.
     *
     * @throws IllegalArgumentException for a blank model or {@code *}: every model is asked for by leaving it out
     */
    public static RemediationCommand forModels(Action action, String model, String by, String reason, long at) {
        if (episodeAction(action)) {
            throw new IllegalArgumentException(action + " needs an episode");
        }
        if (model != null && (model.isBlank() || model.equals(RemediationCommand.ALL_MODELS))) {
            throw new IllegalArgumentException("give a model name, or leave the model out for every model");
        }
        return new RemediationCommand(UUID.randomUUID().toString(), action,
                model == null ? RemediationCommand.ALL_MODELS : model, null, by, reason, at);
    }

    /** Approve, reject and cancel name an episode; pause and resume do not. */
    public static boolean episodeAction(Action action) {
        return action == Action.APPROVE || action == Action.REJECT || action == Action.CANCEL;
    }

    /** Why {@code action} does not apply to an episode in {@code state}, or null when it does. */
    public static String refusal(Action action, EpisodeState state) {
        return switch (action) {
            case APPROVE, REJECT -> state == EpisodeState.AWAITING_APPROVAL ? null
                    : "only an episode awaiting approval can be " + (action == Action.APPROVE ? "approved" : "rejected");
            case CANCEL -> state.terminal() ? "it has already ended; only a running episode can be cancelled"
                    // the service's own table decides: PROMOTED (the candidate serves 100 %) is past cancelling too
                    : EpisodeTransitions.cancellable(state) ? null
                    : "it can no longer be cancelled (the candidate already serves all traffic)";
            case PAUSE, RESUME -> throw new IllegalArgumentException(action + " is not a command for an episode");
        };
    }

    /** Whether the service has acted on {@code action} once the episode is in {@code state}. */
    public static boolean acted(Action action, EpisodeState state) {
        return action == Action.CANCEL ? state.terminal() : state != EpisodeState.AWAITING_APPROVAL;
    }

    /**
     * The records of {@code command} on {@code topic} with {@code partitions} partitions: one keyed by the model,
     * or for every model one per partition keyed {@code *} (each service instance reads only the partitions it owns,
     * and every one of them must learn that everything is paused).
     */
    public static List<ProducerRecord<String, byte[]>> records(String topic, int partitions, RemediationCommand command) {
        byte[] value = RemediationCommandCodec.INSTANCE.encode(command);
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        if (!command.global()) {
            out.add(new ProducerRecord<>(topic, command.model(), value));
            return out;
        }
        for (int p = 0; p < partitions; p++) {
            out.add(new ProducerRecord<>(topic, p, RemediationCommand.ALL_MODELS, value));
        }
        return out;
    }
}
