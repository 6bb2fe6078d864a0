package dev.driftline.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Writing the JSON topic values: one mapper, instants as ISO-8601 UTC, undefined figures as null. */
public final class JsonOut {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonOut() {
    }

    /** A new object whose first field is {@code schema_version}. */
    public static ObjectNode versioned(int schemaVersion) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put(JsonFields.SCHEMA_VERSION, schemaVersion);
        return root;
    }

    /**
     * A new object whose fields start {@code schema_version, model, window_start, window_end}: the head of every
     * windowed record (merged windows, drift reports, model-quality windows).
     */
    public static ObjectNode windowed(int schemaVersion, String model, long windowStart, long windowEnd) {
        ObjectNode root = versioned(schemaVersion);
        root.put("model", model);
        root.put(JsonFields.WINDOW_START, instant(windowStart));
        root.put("window_end", instant(windowEnd));
        return root;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    /** A finite figure as a number, anything else (NaN, infinite, null) as JSON null: JSON has no NaN. */
    public static void figure(ObjectNode o, String field, Double v) {
        if (v == null || !Double.isFinite(v)) {
            o.putNull(field);
        } else {
            o.put(field, v.doubleValue());
        }
    }

    public static byte[] bytes(ObjectNode root) {
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
