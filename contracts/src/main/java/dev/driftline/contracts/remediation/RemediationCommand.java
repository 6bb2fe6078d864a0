package dev.driftline.contracts.remediation;

import java.util.Objects;

/**
 * An operator's command to the remediation service: the value of {@code <prefix>remediation.commands} (key model,
 * or {@link #ALL_MODELS} written to every partition for a global pause / resume). JSON form:
 * {@link RemediationCommandCodec}.
 *
 * @param commandId unique id (the CLI uses a random UUID), for tracing a command through the logs; a redelivered
 *                  command is harmless (approving an episode that no longer waits changes nothing)
 * @param action    what to do
 * @param model     the model, or {@link #ALL_MODELS}
 * @param episodeId for approve / reject / cancel: the episode it is meant for (ignored when another episode is
 *                  current: an approval never carries over to a later candidate)
 * @param by        who (user name from the CLI's environment)
 * @param reason    free text, may be null
 * @param at        when (epoch ms)
 */
public record RemediationCommand(String commandId, Action action, String model, String episodeId, String by,
                                 String reason, long at) {
    public static final String ALL_MODELS = "*";

    public enum Action { APPROVE, REJECT, CANCEL, PAUSE, RESUME }

    public RemediationCommand {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(model, "model");
    }

    public boolean global() {
        return ALL_MODELS.equals(model);
    }
}
