package dev.driftline.contracts.remediation;

import static dev.driftline.contracts.JsonFields.intValue;
import static dev.driftline.contracts.JsonFields.optText;
import static dev.driftline.contracts.JsonFields.optTime;
import static dev.driftline.contracts.JsonFields.text;
import static dev.driftline.contracts.JsonFields.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.Codec;
import dev.driftline.contracts.JsonFields;
import dev.driftline.contracts.JsonOut;
import dev.driftline.contracts.RecordFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link Episode} as JSON (UTF-8), schema version 1, key model:
 * <pre>
 * {"schema_version": 1, "episode_id": "churn-20261202T101500Z", "model": "churn", "state": "BAKING",
 *  "triggered_at": "2026-12-02T10:15:00Z", "updated_at": "…", "trigger": "model_quality alert open …",
 *  "alert_ids": ["…"], "data_location": "s3://…", "training_job": "churn-20261202t101500z",
 *  "metrics": {"accuracy": 0.96}, "artifact": "s3://…/model.tar.gz", "package_ref": "arn:…/churn/3",
 *  "decision": "approved: accuracy 0.96 >= 0.95", "step": 1, "step_started_at": "…" | null,
 *  "previous_spec": "{…}" | null, "failure": null}
 * </pre>
 */
public final class EpisodeCodec implements Codec<Episode> {
    public static final int SCHEMA_VERSION = 1;
    public static final EpisodeCodec INSTANCE = new EpisodeCodec();

    private EpisodeCodec() {
    }

    @Override
    public byte[] encode(Episode e) {
        return JsonOut.bytes(toJson(e));
    }

    public ObjectNode toJson(Episode e) {
        ObjectNode root = JsonOut.versioned(SCHEMA_VERSION);
        root.put("episode_id", e.id());
        root.put("model", e.model());
        root.put("state", e.state().name());
        root.put("triggered_at", JsonOut.instant(e.triggeredAt()));
        root.put("updated_at", JsonOut.instant(e.updatedAt()));
        root.put("trigger", e.trigger());
        ArrayNode ids = root.putArray("alert_ids");
        e.alertIds().forEach(ids::add);
        root.put("data_location", e.dataLocation());
        root.put("training_job", e.trainingJob());
        ObjectNode metrics = root.putObject("metrics");
        e.metrics().forEach(metrics::put);
        root.put("artifact", e.artifact());
        root.put("package_ref", e.packageRef());
        root.put("decision", e.decision());
        root.put("step", e.step());
        if (e.stepStartedAt() > 0) {
            root.put("step_started_at", JsonOut.instant(e.stepStartedAt()));
        } else {
            root.putNull("step_started_at");
        }
        root.put("previous_spec", e.previousSpec());
        root.put("failure", e.failure());
        return root;
    }

    @Override
    public Episode decode(byte[] bytes) {
        JsonNode o = JsonFields.object(bytes, SCHEMA_VERSION, "episode");
        String stateText = text(o, "state");
        EpisodeState state = EpisodeState.parse(stateText);
        if (state == null) {
            throw new RecordFormatException(RecordFormatException.BAD_VALUE, "state is not an episode state: " + stateText);
        }
        List<String> ids = new ArrayList<>();
        JsonNode idNode = o.get("alert_ids");
        if (idNode != null && idNode.isArray()) {
            idNode.forEach(n -> ids.add(n.asText()));
        }
        Map<String, Double> metrics = new TreeMap<>();
        JsonNode m = o.get("metrics");
        if (m != null && m.isObject()) {
            m.fields().forEachRemaining(f -> {
                if (!f.getValue().isNumber()) {
                    throw new RecordFormatException(RecordFormatException.BAD_VALUE,
                            "metrics." + f.getKey() + " must be a number");
                }
                metrics.put(f.getKey(), f.getValue().asDouble());
            });
        }
        Long stepStarted = optTime(o, "step_started_at");
        return new Episode(text(o, "episode_id"), text(o, "model"), state, time(o, "triggered_at"),
                time(o, "updated_at"), optText(o, "trigger"), ids, optText(o, "data_location"),
                optText(o, "training_job"), metrics, optText(o, "artifact"), optText(o, "package_ref"),
                optText(o, "decision"), intValue(o, "step"), stepStarted == null ? 0 : stepStarted,
                optText(o, "previous_spec"), optText(o, "failure"));
    }
}
