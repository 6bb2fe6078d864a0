package dev.driftline.drift.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.drift.io.InputFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;

/**
 * Reads SageMaker Model Monitor Data Capture lines ({@code captureData.endpointInput/endpointOutput} with
 * {@code encoding} CSV, JSON or BASE64, and {@code eventMetadata}). CSV payloads become V1 rows
 * ({@code "1,2,3"} → {@code {"instances": [[1, 2, 3]]}}, one row per line; numbers stay numbers), JSON payloads
 * are kept as sent, BASE64 is decoded and then read by its observed content type.
 */
public final class DataCaptureReader {
    private final ObjectMapper mapper = new ObjectMapper();

    /** @param where file name and line for messages */
    public CapturedInference read(String line, String file, long lineNumber) {
        JsonNode root;
        try {
            root = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InputFormatException(file, lineNumber, null, "not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode capture = root.path("captureData");
        JsonNode meta = root.path("eventMetadata");
        if (!capture.isObject() || !meta.isObject()) {
            throw new InputFormatException(file, lineNumber, null, "not a Data Capture record (captureData and "
                    + "eventMetadata expected)");
        }
        String eventId = meta.path("eventId").asText(null);
        if (eventId == null || eventId.isBlank()) {
            throw new InputFormatException(file, lineNumber, "eventMetadata.eventId", "missing");
        }
        String inferenceId = meta.path("inferenceId").asText(null);
        Instant time;
        try {
            time = Instant.parse(meta.path("inferenceTime").asText(""));
        } catch (DateTimeParseException e) {
            throw new InputFormatException(file, lineNumber, "eventMetadata.inferenceTime",
                    "not an ISO-8601 time: '" + meta.path("inferenceTime").asText("") + "'");
        }
        byte[] request = body(capture.path("endpointInput"), "instances", file, lineNumber, "captureData.endpointInput");
        byte[] response = body(capture.path("endpointOutput"), "predictions", file, lineNumber,
                "captureData.endpointOutput");
        if (request == null && response == null) {
            throw new InputFormatException(file, lineNumber, "captureData", "neither endpointInput nor endpointOutput");
        }
        String id = inferenceId != null && !inferenceId.isBlank() ? inferenceId : eventId;
        return new CapturedInference(id, eventId, time, request, response);
    }

    private byte[] body(JsonNode part, String v1Field, String file, long line, String path) {
        if (part.isMissingNode() || part.isNull()) {
            return null;
        }
        String encoding = part.path("encoding").asText("").toUpperCase(Locale.ROOT);
        String data = part.path("data").asText(null);
        if (data == null) {
            throw new InputFormatException(file, line, path + ".data", "missing");
        }
        String contentType = part.path("observedContentType").asText("").toLowerCase(Locale.ROOT);
        switch (encoding) {
            case "CSV":
                return csv(data, v1Field);
            case "JSON":
                return json(data, file, line, path);
            case "BASE64":
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new InputFormatException(file, line, path + ".data", "not valid base64");
                }
                return contentType.contains("csv") ? csv(decoded, v1Field) : json(decoded, file, line, path);
            default:
                throw new InputFormatException(file, line, path + ".encoding", "unknown encoding '" + encoding
                        + "' (CSV, JSON or BASE64)");
        }
    }

    private byte[] json(String data, String file, long line, String path) {
        try {
            mapper.readTree(data); // must be well-formed: the stream would dead-letter it otherwise
        } catch (JsonProcessingException e) {
            throw new InputFormatException(file, line, path + ".data", "JSON encoding but not JSON: "
                    + e.getOriginalMessage());
        }
        return data.getBytes(StandardCharsets.UTF_8);
    }

    /** CSV rows as V1 rows; a single value per row on the output side stays a scalar prediction. */
    private byte[] csv(String data, String v1Field) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode rows = root.putArray(v1Field);
        for (String rowText : data.strip().split("\\r?\\n")) {
            String[] cells = rowText.split(",", -1);
            if (v1Field.equals("predictions") && cells.length == 1) {
                rows.add(cell(cells[0]));
                continue;
            }
            ArrayNode row = rows.addArray();
            for (String c : cells) {
                row.add(cell(c));
            }
        }
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode cell(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return mapper.nullNode();
        }
        try {
            if (t.matches("[+-]?\\d+")) {
                return mapper.getNodeFactory().numberNode(Long.parseLong(t));
            }
            double d = Double.parseDouble(t);
            if (Double.isFinite(d)) {
                return mapper.getNodeFactory().numberNode(d);
            }
        } catch (NumberFormatException ignored) {
            // a category
        }
        return mapper.getNodeFactory().textNode(t);
    }
}
