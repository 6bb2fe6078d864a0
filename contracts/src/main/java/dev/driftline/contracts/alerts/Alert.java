package dev.driftline.contracts.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.JsonOut;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The value of {@code <prefix>alerts}: one alert opening or resolving. Written by the alert stage, read by the
 * meters, the lake, the demo and the coming remediation service. JSON form: {@link AlertCodec}.
 *
 * @param alertId   name-based UUID of model, kind, feature and the opening window start ({@link #idOf}): the same
 *                  for the open and the resolved record; a replay gives the same id
 * @param kind      {@code data_drift}, {@code prediction_drift}, {@code data_quality} or {@code model_quality}
 * @param feature   null for model_quality
 * @param state     {@link #OPEN} or {@link #RESOLVED}
 * @param severity  {@link #CRITICAL} or {@link #WARNING}; a resolved record repeats the severity it opened with
 * @param metric    the figure the verdict was decided on (drift), the violated check (data quality), the primary
 *                  metric (model quality)
 * @param value     that window's figure; null when there is none or it is not finite
 * @param threshold that window's threshold; null when there is none
 * @param openedAt  window end of the opening window (event time, epoch ms)
 * @param resolvedAt window end of the resolving window; null while open
 * @param details   kind-specific details (a copy is kept and handed out)
 */
public record Alert(String alertId, String model, String kind, String feature, String state, String severity,
                    long windowStart, long windowEnd, String metric, Double value, Double threshold, long openedAt,
                    Long resolvedAt, JsonNode details) {
    public static final String OPEN = "open";
    public static final String RESOLVED = "resolved";
    public static final String CRITICAL = "critical";
    public static final String WARNING = "warning";

    public Alert {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(model, "model");
        details = details == null ? JsonOut.object() : details.deepCopy();
    }

    @Override
    public JsonNode details() {
        return details.deepCopy();
    }

    public boolean open() {
        return OPEN.equals(state);
    }

    /** The deterministic id of the alert of (model, kind, feature) that opened on the window starting at start. */
    public static String idOf(String model, String kind, String feature, long openingWindowStart) {
        // NUL separates the parts: it cannot occur in a model or feature name read from JSON keys in practice,
        // so different tuples cannot concatenate to the same name
        String name = model + '\0' + kind + '\0' + (feature == null ? "" : feature) + '\0'
                + Instant.ofEpochMilli(openingWindowStart);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Details as an object node to add to (for writers). */
    public static ObjectNode newDetails() {
        return JsonOut.object();
    }
}
