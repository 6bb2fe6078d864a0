package dev.driftline.drift.baseline.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.drift.dataquality.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Violations in SageMaker Model Monitor's {@code constraint_violations.json} shape:
 * <pre>
 * {"violations": [{"feature_name": "age", "constraint_check_type": "baseline_drift_check",
 *                  "description": "Numerical distance: 0.27 exceeds numerical threshold: 0.1"}]}
 * </pre>
 * Order is kept as given.
 */
public final class ViolationsJson {
    public static final String FILE = "constraint_violations.json";

    private ViolationsJson() {
    }

    public static ObjectNode toJson(List<Violation> violations, ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("violations");
        for (Violation v : violations) {
            list.addObject().put("feature_name", v.featureName()).put("constraint_check_type", v.constraintCheckType())
                    .put("description", v.description());
        }
        return root;
    }

    /**
     * Reads a constraint_violations.json document (e.g. one SageMaker wrote).
     *
     * @param file the file name, for messages
     * @throws IllegalArgumentException naming the file and JSON path of a missing or malformed field
     */
    public static List<Violation> fromJson(JsonNode root, String file) {
        List<Violation> out = new ArrayList<>();
        for (JsonField v : JsonField.root(file, root).required("violations").elements()) {
            out.add(new Violation(v.required("feature_name").text(), v.required("constraint_check_type").text(),
                    v.required("description").text()));
        }
        return out;
    }
}
