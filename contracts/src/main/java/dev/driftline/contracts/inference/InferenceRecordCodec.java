package dev.driftline.contracts.inference;

import dev.driftline.contracts.JsonFields;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.Codec;
import dev.driftline.contracts.RecordFormatException;
import dev.driftline.drift.kserve.JsonValues;
import dev.driftline.drift.kserve.PayloadException;
import dev.driftline.drift.kserve.PayloadException.Reason;
import dev.driftline.drift.model.InferenceRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The JSON form of an {@link InferenceRecord}, version 1 of the topic {@code driftline.inference.records}: one JSON
 * object per Kafka record value, one record per row of an inference. The pipeline now writes
 * {@link InferenceRowsCodec} v2 (all rows of an inference in one binary value), which reads these values too; v1
 * stays for topics holding older data, for tools that write rows directly, and as the definition of the lake's
 * JSON text ({@code inference_log} holds the text this codec writes, whichever version a row came in).
 *
 * <pre>{@code
 * {
 *   "schema_version": 1,                      // integer; readers refuse versions they do not know
 *   "model": "iris",                          // string, non-blank
 *   "model_version": "v3",                    // string, or null when the endpoint reports none
 *   "inference_id": "5f1c…",                  // string: the request id (CloudEvent Ce-Id) shared by its rows
 *   "row": 0,                                 // integer >= 0: row within the request's batch
 *   "event_time": "2026-11-21T10:05:00Z",     // ISO-8601 instant in UTC (fractional seconds only when non-zero)
 *   "features": {"sepal_length": 6.8, "city": "Oslo", "member": true, "age": 31, "note": null},
 *   "predictions": {"output-0": 1},           // same value rules as features
 *   "label": null                             // ground truth once joined, else null
 * }
 * }</pre>
 *
 * <p>Values in {@code features}, {@code predictions} and {@code label}: integers are JSON integers and read back as
 * {@link Long}; other numbers are JSON decimals (always written with a fraction or exponent, e.g. {@code 1.0}) and
 * read back as {@link Double}; strings, booleans and null as themselves; arrays and objects (e.g. a probability
 * vector) as {@link java.util.List} / {@link java.util.Map}. Records built by {@link KServePayloads} therefore
 * round-trip exactly. Key order is preserved. Unknown top-level fields are ignored so fields can be added without a
 * version bump; a change of meaning bumps {@code schema_version}.
 */
public final class InferenceRecordCodec implements Codec<InferenceRecord> {
    public static final int SCHEMA_VERSION = 1;
    public static final InferenceRecordCodec INSTANCE = new InferenceRecordCodec();
    /** The JSON writer of this format; {@link InferenceRowsCodec} writes nested values and lake text with it. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    @Override
    public byte[] encode(InferenceRecord record) {
        return toBytes(record);
    }

    @Override
    public InferenceRecord decode(byte[] bytes) {
        JsonNode json = JsonFields.tree(bytes, "inference record");
        try {
            return fromJson(json);
        } catch (PayloadException e) {
            throw new RecordFormatException(e.getMessage() != null && e.getMessage().contains("schema_version")
                    ? RecordFormatException.UNKNOWN_SCHEMA_VERSION : RecordFormatException.BAD_VALUE, e.getMessage());
        }
    }

    private InferenceRecordCodec() {
    }

    /** The record as a JSON object; {@code mapper} supplies the node factory (and its configuration). */
    public static ObjectNode toJson(InferenceRecord record, ObjectMapper mapper) {
        ObjectNode json = mapper.createObjectNode();
        json.put("schema_version", SCHEMA_VERSION);
        json.put("model", record.model());
        // The record cannot hold null, the wire says "unknown" explicitly.
        if (record.modelVersion().isEmpty()) {
            json.putNull("model_version");
        } else {
            json.put("model_version", record.modelVersion());
        }
        json.put("inference_id", record.inferenceId());
        json.put("row", record.row());
        json.put("event_time", record.eventTime().toString());
        json.set("features", JsonValues.toJsonObject(record.features()));
        json.set("predictions", JsonValues.toJsonObject(record.predictions()));
        json.set("label", JsonValues.toJson(record.label()));
        return json;
    }

    /** The record as JSON bytes, ready for a Kafka record value ({@code mapper} is not needed any more). */
    public static byte[] toBytes(InferenceRecord record, ObjectMapper mapper) {
        return toBytes(record);
    }

    /**
     * The record as JSON bytes, ready for a Kafka record value: the same object as {@link #toJson}, written by a
     * streaming generator (no tree: this runs for every row the pipeline sees) with the shortest-form double writer.
     */
    public static byte[] toBytes(InferenceRecord record) {
        ByteArrayBuilder out = new ByteArrayBuilder(256 + 24 * (record.features().size()
                + record.predictions().size()));
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schema_version", SCHEMA_VERSION);
            g.writeStringField("model", record.model());
            if (record.modelVersion().isEmpty()) {
                g.writeNullField("model_version");
            } else {
                g.writeStringField("model_version", record.modelVersion());
            }
            g.writeStringField("inference_id", record.inferenceId());
            g.writeNumberField("row", record.row());
            g.writeStringField("event_time", record.eventTime().toString());
            g.writeFieldName("features");
            JsonValues.writeObject(g, record.features());
            g.writeFieldName("predictions");
            JsonValues.writeObject(g, record.predictions());
            g.writeFieldName("label");
            JsonValues.write(g, record.label());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen writing to memory
        }
        return out.toByteArray();
    }

    /**
     * Reads a record written by {@link #toJson}.
     *
     * @throws PayloadException (reason {@code bad_record}) when the object does not follow the schema
     */
    public static InferenceRecord fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw bad("an inference record must be a JSON object");
        }
        JsonNode version = json.get("schema_version");
        if (version == null || !version.isIntegralNumber() || version.intValue() != SCHEMA_VERSION) {
            throw bad("unsupported schema_version " + version + " (expected " + SCHEMA_VERSION + ")");
        }
        String model = text(json, "model", false);
        String modelVersion = text(json, "model_version", true);
        String inferenceId = text(json, "inference_id", false);
        JsonNode row = json.get("row");
        if (row == null || !row.isIntegralNumber() || !row.canConvertToInt() || row.intValue() < 0) {
            throw bad("'row' must be a non-negative integer, was " + row);
        }
        Instant eventTime;
        try {
            eventTime = Instant.parse(text(json, "event_time", false));
        } catch (DateTimeParseException e) {
            throw bad("'event_time' is not an ISO-8601 instant: " + json.get("event_time"));
        }
        Map<String, Object> features = object(json, "features");
        Map<String, Object> predictions = object(json, "predictions");
        try {
            return new InferenceRecord(model, modelVersion == null ? "" : modelVersion, inferenceId, row.intValue(),
                    eventTime, features, predictions, JsonValues.toJava(json.get("label")));
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    private static String text(JsonNode json, String field, boolean nullable) {
        JsonNode node = json.get(field);
        if (nullable && (node == null || node.isNull())) {
            return null;
        }
        if (node == null || !node.isTextual()) {
            throw bad("'" + field + "' must be a string, was " + node);
        }
        return node.textValue();
    }

    private static Map<String, Object> object(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isObject()) {
            throw bad("'" + field + "' must be an object, was " + node);
        }
        return JsonValues.toJavaMap(node);
    }

    private static PayloadException bad(String message) {
        return new PayloadException(Reason.BAD_RECORD, message);
    }
}
