package dev.driftline.drift.kserve;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.driftline.drift.kserve.PayloadException.Reason;
import dev.driftline.drift.model.FeatureSchema;
import dev.driftline.drift.model.InferenceRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the bodies of one KServe inference (the request and/or response the inference logger forwards, verbatim) into
 * one {@link InferenceRecord} per row of the batch.
 *
 * <p>Both KServe protocols are understood, independently for request and response (detected by their top-level
 * field, so a V1 request with a V2 response would also work):
 * <ul>
 *   <li>V1: {@code {"instances": [...]}} / {@code {"predictions": [...]}} — see {@link V1Rows};</li>
 *   <li>V2 / Open Inference Protocol: {@code {"inputs": [tensor…]}} / {@code {"outputs": [tensor…]}} — see
 *       {@link V2Tensors}.</li>
 * </ul>
 * Positional values (V1 array rows, a V2 {@code [N, F]} tensor) are named by the given schema — the model's baseline
 * schema, so records and baseline agree on names — else {@code _c0, _c1, …} like SageMaker (predictions: {@code _p0…}
 * in V1, {@code <tensor>_0…} in V2). V1 scalar predictions are named {@code prediction}.
 *
 * <p>The logger sends the response only when the model answered 200, so either body may be missing: a request alone
 * gives records with empty predictions, a response alone records with empty features. When both are present they must
 * describe the same number of rows. The model version is, in this order: the V2 response's {@code model_version}
 * (when present and not empty); else the caller's fallback — the streams pipeline passes the CloudEvent's
 * {@code endpoint} attribute (KServe's {@code Ce-Endpoint} revision label, or the Data Capture variant that
 * {@code driftline import capture} sets there); else the empty string (V1 and request-only inferences of an
 * unlabelled endpoint), which {@link InferenceRecord} uses for "unknown".
 *
 * <p>Every malformed payload raises a {@link PayloadException} whose reason code the collector dead-letters under.
 * Stateless and thread-safe.
 */
public final class KServePayloads {
    /**
     * Our own mapper: callers' mappers may be configured to read floats as BigDecimal, which would change types.
     * Decimals are read by Jackson's bundled FastDoubleParser (correctly rounded, so the same doubles as
     * {@code Double.parseDouble}): reading them was the largest cost of parsing a payload.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private KServePayloads() {
    }

    /**
     * Normalises one inference.
     *
     * @param model        model (InferenceService) name, non-blank
     * @param inferenceId  the pairing id ({@code Ce-Id}); the payloads' own {@code id} fields are not used
     * @param eventTime    when the inference happened
     * @param requestBody  the request body, or {@code null} when it was not (or not yet) received
     * @param responseBody the response body, or {@code null}
     * @param inputSchema  names for positional features, if the model has a baseline schema
     * @param outputSchema names for positional predictions
     * @return the records, one per row, in row order (empty for a zero-row batch)
     * @throws PayloadException when neither body is given or a body is malformed
     */
    public static List<InferenceRecord> normalize(String model, String inferenceId, Instant eventTime,
                                                  byte[] requestBody, byte[] responseBody,
                                                  Optional<FeatureSchema> inputSchema,
                                                  Optional<FeatureSchema> outputSchema) {
        return normalize(model, inferenceId, eventTime, requestBody, responseBody, "", inputSchema, outputSchema);
    }

    /**
     * Normalises one inference whose model version, when the response does not name one, is {@code
     * fallbackVersion}: e.g. the endpoint/revision label the event came with. The response's {@code model_version}
     * wins because it is what the model server itself reports.
     *
     * @param fallbackVersion the records' model version when the response has no (or an empty) {@code
     *                        model_version}; "" for none
     * @see #normalize(String, String, Instant, byte[], byte[], Optional, Optional)
     */
    public static List<InferenceRecord> normalize(String model, String inferenceId, Instant eventTime,
                                                  byte[] requestBody, byte[] responseBody, String fallbackVersion,
                                                  Optional<FeatureSchema> inputSchema,
                                                  Optional<FeatureSchema> outputSchema) {
        return normalize(model, inferenceId, eventTime, requestBody, responseBody, fallbackVersion, inputSchema,
                outputSchema, true);
    }

    /**
     * @param plainFirst whether a plain V2 body is read in one streaming pass ({@link V2PlainBody}) before the
     *                   tree reader is asked; false only in tests that compare the two
     */
    static List<InferenceRecord> normalize(String model, String inferenceId, Instant eventTime,
                                           byte[] requestBody, byte[] responseBody, String fallbackVersion,
                                           Optional<FeatureSchema> inputSchema,
                                           Optional<FeatureSchema> outputSchema, boolean plainFirst) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(fallbackVersion, "fallbackVersion");
        Objects.requireNonNull(inferenceId, "inferenceId");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(inputSchema, "inputSchema");
        Objects.requireNonNull(outputSchema, "outputSchema");
        if (requestBody == null && responseBody == null) {
            throw new PayloadException(Reason.NO_PAYLOAD, "neither a request nor a response body was given");
        }
        List<Map<String, Object>> features = null;
        List<Map<String, Object>> predictions = null;
        String modelVersion = fallbackVersion;
        if (requestBody != null) {
            V2PlainBody.Read plain = plainFirst
                    ? V2PlainBody.read(MAPPER.getFactory(), requestBody, "inputs", "instances") : null;
            features = plain != null ? V2Tensors.rows(plain.tensors(), true, inputSchema)
                    : requestRows(parse(requestBody, "request"), inputSchema);
        }
        if (responseBody != null) {
            V2PlainBody.Read plain = plainFirst
                    ? V2PlainBody.read(MAPPER.getFactory(), responseBody, "outputs", "predictions") : null;
            String version;
            if (plain != null) {
                predictions = V2Tensors.rows(plain.tensors(), false, outputSchema);
                version = plain.modelVersion();
            } else {
                JsonNode response = parse(responseBody, "response");
                predictions = responseRows(response, outputSchema);
                JsonNode node = response.get("model_version");
                version = node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
            }
            if (version != null && !version.isEmpty()) {
                modelVersion = version;
            }
        }
        if (features != null && predictions != null && features.size() != predictions.size()) {
            throw new PayloadException(Reason.ROW_COUNT_MISMATCH, "request has " + features.size()
                    + " rows but response has " + predictions.size());
        }
        int rows = features != null ? features.size() : predictions.size();
        List<InferenceRecord> records = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            records.add(new InferenceRecord(model, modelVersion, inferenceId, r, eventTime,
                    features != null ? handOver(features.get(r)) : Map.of(),
                    predictions != null ? handOver(predictions.get(r)) : Map.of(), null));
        }
        return records;
    }

    /** A row map built by the parsers here, used once: the record takes it without a copy. */
    private static Map<String, Object> handOver(Map<String, Object> row) {
        return row instanceof LinkedHashMap<String, Object> fresh ? InferenceRecord.handOver(fresh) : row;
    }

    private static List<Map<String, Object>> requestRows(JsonNode request, Optional<FeatureSchema> schema) {
        if (request.has("instances")) {
            return V1Rows.features(request.get("instances"), schema);
        }
        if (request.has("inputs")) {
            return V2Tensors.features(request.get("inputs"), schema);
        }
        throw new PayloadException(Reason.UNKNOWN_FORMAT,
                "request is neither KServe V1 ('instances') nor V2 ('inputs'); fields: " + fieldNames(request));
    }

    private static List<Map<String, Object>> responseRows(JsonNode response, Optional<FeatureSchema> schema) {
        if (response.has("predictions")) {
            return V1Rows.predictions(response.get("predictions"), schema);
        }
        if (response.has("outputs")) {
            return V2Tensors.predictions(response.get("outputs"), schema);
        }
        throw new PayloadException(Reason.UNKNOWN_FORMAT,
                "response is neither KServe V1 ('predictions') nor V2 ('outputs'); fields: " + fieldNames(response));
    }

    private static JsonNode parse(byte[] body, String what) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new PayloadException(Reason.NOT_JSON, what + " body is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            // readTree(byte[]) does no I/O; only a parse failure can land here.
            throw new PayloadException(Reason.NOT_JSON, what + " body is not JSON: " + e.getMessage(), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new PayloadException(Reason.NOT_JSON, what + " body is empty");
        }
        if (!node.isObject()) {
            throw new PayloadException(Reason.UNKNOWN_FORMAT, what + " body is a JSON " + node.getNodeType()
                    + ", expected an object");
        }
        return node;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.size() > 10 ? names.subList(0, 10) : names;
    }
}
