package dev.driftline.remediation.sagemaker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a SageMaker endpoint serves, as kept in the episode ({@link SageMakerEndpointRollout#currentSpec}):
 * {@code {"endpoint":…, "endpoint_config":…, "variants":[{"name","model","weight","instance_type","instance_count"}]}}.
 * Rollback needs only the config name (the config holds the rest); the variants are there for people reading the
 * episode.
 */
record EndpointSpec(String endpoint, String endpointConfig, List<Variant> variants) {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Variant(String name, String model, double weight, String instanceType, int instanceCount) {
    }

    String toJson() {
        ObjectNode root = JSON.createObjectNode().put("endpoint", endpoint).put("endpoint_config", endpointConfig);
        ArrayNode vs = root.putArray("variants");
        for (Variant v : variants) {
            vs.addObject().put("name", v.name()).put("model", v.model()).put("weight", v.weight())
                    .put("instance_type", v.instanceType()).put("instance_count", v.instanceCount());
        }
        return root.toString();
    }

    /** The config name of a spec this class wrote. */
    static String endpointConfigOf(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.hasNonNull("endpoint_config")) {
                throw new IllegalArgumentException("not a SageMaker endpoint spec (no endpoint_config): " + json);
            }
            return n.get("endpoint_config").asText();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a SageMaker endpoint spec: " + json, e);
        }
    }
}
