package dev.driftline.contracts.remediation;

import static dev.driftline.contracts.JsonFields.optText;
import static dev.driftline.contracts.JsonFields.text;
import static dev.driftline.contracts.JsonFields.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.Codec;
import dev.driftline.contracts.JsonFields;
import dev.driftline.contracts.JsonOut;
import dev.driftline.contracts.RecordFormatException;
import java.util.Locale;

/**
 * {@link RemediationCommand} as JSON (UTF-8), schema version 1, key model (or {@code *}):
 * <pre>
 * {"schema_version": 1, "command_id": "…uuid…", "action": "approve", "model": "churn",
 *  "episode_id": "churn-20261202T101500Z", "by": "alice", "reason": "checked the holdout", "at": "…"}
 * </pre>
 */
public final class RemediationCommandCodec implements Codec<RemediationCommand> {
    public static final int SCHEMA_VERSION = 1;
    public static final RemediationCommandCodec INSTANCE = new RemediationCommandCodec();

    private RemediationCommandCodec() {
    }

    @Override
    public byte[] encode(RemediationCommand c) {
        ObjectNode root = JsonOut.versioned(SCHEMA_VERSION);
        root.put("command_id", c.commandId());
        root.put("action", c.action().name().toLowerCase(Locale.ROOT));
        root.put("model", c.model());
        root.put("episode_id", c.episodeId());
        root.put("by", c.by());
        root.put("reason", c.reason());
        root.put("at", JsonOut.instant(c.at()));
        return JsonOut.bytes(root);
    }

    @Override
    public RemediationCommand decode(byte[] bytes) {
        JsonNode o = JsonFields.object(bytes, SCHEMA_VERSION, "remediation command");
        String action = text(o, "action");
        RemediationCommand.Action a;
        try {
            a = RemediationCommand.Action.valueOf(action.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RecordFormatException(RecordFormatException.BAD_VALUE,
                    "action must be approve, reject, cancel, pause or resume, got " + action);
        }
        return new RemediationCommand(text(o, "command_id"), a, text(o, "model"), optText(o, "episode_id"),
                optText(o, "by"), optText(o, "reason"), time(o, "at"));
    }
}
