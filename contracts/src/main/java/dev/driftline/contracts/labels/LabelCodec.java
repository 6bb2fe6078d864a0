package dev.driftline.contracts.labels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.Codec;
import dev.driftline.contracts.JsonOut;
import dev.driftline.contracts.RecordFormatException;
import dev.driftline.drift.capture.GroundTruthLabel;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A ground-truth label ({@link GroundTruthLabel}) as the value of {@code <prefix>labels}: JSON (UTF-8), key =
 * inference id, record timestamp = arrival.
 * <pre>
 * {"inference_id": "5f1c…",   -- the request id (CloudEvent Ce-Id); the record key wins when both are given
 *  "row": 0,                  -- row within the request's batch; absent = 0
 *  "model": "churn",          -- optional
 *  "label": 1,                -- a number, boolean or string
 *  "event_time": "2026-11-21T10:05:00Z"}   -- optional: when the label was observed
 * </pre>
 * Labels come from any producer (the users' own jobs too), so this format has no {@code schema_version} and
 * {@link #decode} is lenient where it can be: absent row and model default, extra fields are ignored.
 */
public final class LabelCodec implements Codec<GroundTruthLabel> {
    public static final LabelCodec INSTANCE = new LabelCodec();

    private LabelCodec() {
    }

    @Override
    public byte[] encode(GroundTruthLabel l) {
        return JsonOut.bytes(toJson(l));
    }

    /** The JSON object of {@code l} (e.g. for a JSON-lines file). */
    public ObjectNode toJson(GroundTruthLabel l) {
        ObjectNode o = JsonOut.object();
        o.put("inference_id", l.inferenceId());
        o.put("row", l.row());
        o.put("model", l.model());
        if (l.label() instanceof Long x) {
            o.put("label", x);
        } else if (l.label() instanceof Integer x) {
            o.put("label", x);
        } else if (l.label() instanceof Double d) {
            o.put("label", d);
        } else if (l.label() instanceof Boolean b) {
            o.put("label", b);
        } else {
            o.put("label", String.valueOf(l.label()));
        }
        if (l.eventTime() != null) {
            o.put("event_time", l.eventTime().toString());
        }
        return o;
    }

    /** Decodes a value whose record has no key: the inference id must be in the value. */
    @Override
    public GroundTruthLabel decode(byte[] bytes) {
        return decode(null, bytes);
    }

    /**
     * Decodes a labels-topic value; {@code key} (the inference id), when not null, wins over {@code inference_id}.
     * The label is a {@link Long} (integral numbers), {@link Double}, {@link Boolean} or {@link String}; the
     * model is {@code ""} and the event time null when absent.
     *
     * @throws RecordFormatException when it is not a JSON object, has no inference id, a negative or non-integer
     *                               row, or no usable label
     */
    public GroundTruthLabel decode(String key, byte[] bytes) {
        JsonNode n;
        try {
            n = bytes == null ? null : JsonOut.mapper().readTree(bytes);
        } catch (IOException ex) {
            throw new RecordFormatException(RecordFormatException.NOT_JSON, "label is not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new RecordFormatException(RecordFormatException.NOT_JSON, "label is not a JSON object");
        }
        String id = key != null ? key : text(n, "inference_id");
        if (id == null) {
            throw new RecordFormatException(RecordFormatException.MISSING_FIELD, "inference_id is missing");
        }
        JsonNode row = n.get("row");
        int r = row == null || row.isNull() ? 0 : row.canConvertToInt() && row.isIntegralNumber() ? row.intValue()
                : -1;
        if (r < 0) {
            throw new RecordFormatException(RecordFormatException.BAD_VALUE, "row must be an integer >= 0: " + row);
        }
        Object label = label(n.get("label"));
        if (label == null) {
            throw new RecordFormatException(RecordFormatException.MISSING_FIELD,
                    "label is missing or not a number, boolean or string");
        }
        String model = text(n, "model");
        Instant eventTime = null;
        String t = text(n, "event_time");
        if (t != null) {
            try {
                eventTime = Instant.parse(t);
            } catch (DateTimeParseException ex) {
                throw new RecordFormatException(RecordFormatException.BAD_VALUE, "event_time is not an ISO-8601 "
                        + "instant: " + t);
            }
        }
        return new GroundTruthLabel(id, r, model == null ? "" : model, label, eventTime);
    }

    private static Object label(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.longValue() : (Object) v.doubleValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        return v.isTextual() ? v.textValue() : null;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

}
