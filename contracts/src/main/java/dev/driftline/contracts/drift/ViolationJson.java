package dev.driftline.contracts.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.JsonFields;
import dev.driftline.contracts.JsonOut;
import dev.driftline.drift.dataquality.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Violation} in driftline's JSON (drift reports, comparisons, alert details):
 * {@code {"feature_name", "constraint_check_type", "description", "details": {…}}}, {@code details} only when the
 * check has any (e.g. {@code categorical_values_check}: values, unseen, share, expected_share, floor, p_value,
 * top_values). SageMaker's {@code constraint_violations.json} has no details and is written elsewhere.
 */
public final class ViolationJson {
    private ViolationJson() {
    }

    public static ObjectNode toJson(Violation v) {
        ObjectNode o = JsonOut.object().put("feature_name", v.featureName())
                .put("constraint_check_type", v.constraintCheckType()).put("description", v.description());
        if (!v.details().isEmpty()) {
            o.set("details", JsonOut.mapper().valueToTree(v.details()));
        }
        return o;
    }

    public static ArrayNode toJson(List<Violation> violations) {
        ArrayNode out = JsonOut.mapper().createArrayNode();
        violations.forEach(v -> out.add(toJson(v)));
        return out;
    }

    /** The violations of an array node (missing or null: none); fields a writer left out are null. */
    public static List<Violation> fromJson(JsonNode array) {
        List<Violation> out = new ArrayList<>();
        if (array == null || array.isNull()) {
            return out;
        }
        for (JsonNode v : array) {
            JsonNode d = v.get("details");
            Map<String, Object> details = d == null || !d.isObject() ? Map.of()
                    : JsonOut.mapper().convertValue(d, LinkedHashMap.class);
            out.add(new Violation(JsonFields.optText(v, "feature_name"), JsonFields.optText(v, "constraint_check_type"),
                    JsonFields.optText(v, "description"), details));
        }
        return out;
    }
}
