package dev.driftline.drift.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.drift.io.InputFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Reads SageMaker Model Monitor ground-truth lines ({@code groundTruthData} with encoding CSV, JSON or BASE64;
 * matched on {@code eventMetadata.inferenceId}, else {@code eventId}) into labels. A CSV payload with several
 * lines labels rows 0, 1, … of a batched request. Labels carry the time the file says (inferenceTime) or, when it
 * says none, the import time given by the caller.
 */
public final class GroundTruthReader {
    private final ObjectMapper mapper = new ObjectMapper();

    public List<GroundTruthLabel> read(String line, String model, Instant importTime, String file, long lineNumber) {
        JsonNode root;
        try {
            root = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InputFormatException(file, lineNumber, null, "not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode gt = root.path("groundTruthData");
        JsonNode meta = root.path("eventMetadata");
        if (!gt.isObject() || !meta.isObject()) {
            throw new InputFormatException(file, lineNumber, null,
                    "not a ground-truth record (groundTruthData and eventMetadata expected)");
        }
        String id = text(meta, "inferenceId");
        if (id == null) {
            id = text(meta, "eventId");
        }
        if (id == null) {
            throw new InputFormatException(file, lineNumber, "eventMetadata", "neither inferenceId nor eventId");
        }
        Instant time = importTime;
        String t = text(meta, "inferenceTime");
        if (t != null) {
            try {
                time = Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw new InputFormatException(file, lineNumber, "eventMetadata.inferenceTime", "not ISO-8601: " + t);
            }
        }
        String data = text(gt, "data");
        if (data == null) {
            throw new InputFormatException(file, lineNumber, "groundTruthData.data", "missing");
        }
        String encoding = gt.path("encoding").asText("CSV").toUpperCase(Locale.ROOT);
        if (encoding.equals("BASE64")) {
            try {
                data = new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InputFormatException(file, lineNumber, "groundTruthData.data", "not valid base64");
            }
            encoding = data.strip().startsWith("{") || data.strip().startsWith("[") ? "JSON" : "CSV";
        }
        List<Object> labels = new ArrayList<>();
        switch (encoding) {
            case "CSV" -> {
                for (String row : data.strip().split("\\r?\\n")) {
                    labels.add(scalar(row.split(",", -1)[0].strip()));
                }
            }
            case "JSON" -> labels.addAll(json(data, file, lineNumber));
            default -> throw new InputFormatException(file, lineNumber, "groundTruthData.encoding",
                    "unknown encoding '" + encoding + "' (CSV, JSON or BASE64)");
        }
        List<GroundTruthLabel> out = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            out.add(new GroundTruthLabel(id, i, model, labels.get(i), time));
        }
        return out;
    }

    /** JSON label: a scalar, an array of scalars (one per row), or an object with a "label" member. */
    private List<Object> json(String data, String file, long line) {
        JsonNode n;
        try {
            n = mapper.readTree(data);
        } catch (JsonProcessingException e) {
            throw new InputFormatException(file, line, "groundTruthData.data", "JSON encoding but not JSON");
        }
        List<Object> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(v -> out.add(value(v)));
        } else if (n.isObject() && n.has("label")) {
            out.add(value(n.get("label")));
        } else if (n.isValueNode()) {
            out.add(value(n));
        } else {
            throw new InputFormatException(file, line, "groundTruthData.data", "expected a label, a list of labels or "
                    + "{\"label\": …}");
        }
        return out;
    }

    private static Object value(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        return v.asText();
    }

    private static Object scalar(String t) {
        if (t.matches("[+-]?\\d+")) {
            return Long.parseLong(t);
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return t;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}
