package dev.driftline.collector.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Removes or hashes named inputs in KServe V1 and V2 (Open Inference Protocol) request payloads.
 *
 * <ul>
 *   <li>V2: elements of {@code inputs[]} whose {@code name} is listed are dropped, or their {@code data} values
 *       hashed (datatype becomes {@code BYTES}, shape unchanged).</li>
 *   <li>V1: object rows of {@code instances[]} lose the listed keys or get them hashed; the columnar form
 *       {@code {"inputs": {"age": [...]}}} is handled the same way.</li>
 * </ul>
 * Positional rows ({@code [[1.0, 2.0]]}) carry no names, so nothing in them can be matched: documented limitation.
 */
public final class PayloadRedactor {
    private final ObjectMapper mapper;

    public PayloadRedactor(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Thrown when a payload that must be redacted is not JSON, so it cannot be stored at all. */
    public static final class NotRedactableException extends Exception {
        public NotRedactableException(String message) {
            super(message);
        }
    }

    /**
     * @return the rewritten payload, or the input array itself when nothing matched (so untouched bodies stay
     *         byte-for-byte identical)
     */
    public byte[] redact(byte[] json, RedactionRule rule, KeyedHasher hasher) throws NotRedactableException {
        if (rule.isEmpty()) {
            return json;
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (IOException e) {
            throw new NotRedactableException("payload is not JSON, so its inputs cannot be redacted");
        }
        if (root == null || !root.isObject()) {
            return json;
        }
        boolean changed = redactV2Inputs(root.get("inputs"), rule, hasher)
                | redactNamedObject(root.get("inputs"), rule, hasher)
                | redactV1Instances(root.get("instances"), rule, hasher);
        if (!changed) {
            return json;
        }
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot re-serialise a parsed JSON tree", e);
        }
    }

    private boolean redactV2Inputs(JsonNode inputs, RedactionRule rule, KeyedHasher hasher) {
        if (inputs == null || !inputs.isArray()) {
            return false;
        }
        boolean changed = false;
        Iterator<JsonNode> it = inputs.elements();
        while (it.hasNext()) {
            JsonNode input = it.next();
            String name = input.path("name").asText(null);
            if (name == null || !rule.touches(name)) {
                continue;
            }
            changed = true;
            if (rule.drop().contains(name)) {
                it.remove();
            } else if (input instanceof ObjectNode obj) {
                obj.set("data", hashAll(obj.get("data"), hasher));
                obj.put("datatype", "BYTES");
            }
        }
        return changed;
    }

    private boolean redactV1Instances(JsonNode instances, RedactionRule rule, KeyedHasher hasher) {
        if (instances == null || !instances.isArray()) {
            return false;
        }
        boolean changed = false;
        for (JsonNode row : instances) {
            changed |= redactNamedObject(row, rule, hasher);
        }
        return changed;
    }

    /** An object whose keys are input names: a V1 row, or the V1 columnar {@code inputs} object. */
    private boolean redactNamedObject(JsonNode node, RedactionRule rule, KeyedHasher hasher) {
        if (!(node instanceof ObjectNode obj)) {
            return false;
        }
        boolean changed = false;
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> field = it.next();
            if (rule.drop().contains(field.getKey())) {
                it.remove();
                changed = true;
            } else if (rule.hash().contains(field.getKey())) {
                field.setValue(hashAll(field.getValue(), hasher));
                changed = true;
            }
        }
        return changed;
    }

    /** Hashes every scalar in a (possibly nested) value; nulls stay null so missing-value counts survive. */
    private JsonNode hashAll(JsonNode value, KeyedHasher hasher) {
        if (value == null || value.isNull()) {
            return value;
        }
        if (value.isArray()) {
            ArrayNode out = mapper.createArrayNode();
            value.forEach(v -> out.add(hashAll(v, hasher)));
            return out;
        }
        if (value.isObject()) {
            ObjectNode out = mapper.createObjectNode();
            value.fields().forEachRemaining(e -> out.set(e.getKey(), hashAll(e.getValue(), hasher)));
            return out;
        }
        return TextNode.valueOf(hasher.hash(value.asText()));
    }
}
