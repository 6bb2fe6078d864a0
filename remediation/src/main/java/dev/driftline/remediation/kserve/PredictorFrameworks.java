package dev.driftline.remediation.kserve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the key under {@code spec.predictor} that holds the model ({@code storageUri}): one of KServe's framework
 * specs ({@code sklearn}, {@code pytorch}, …) or the generic {@code model} spec with {@code modelFormat}.
 */
final class PredictorFrameworks {
    /** KServe v1beta1 PredictorSpec's model fields (the rest are pod and scaling settings). */
    static final Set<String> KNOWN = Set.of("model", "sklearn", "xgboost", "tensorflow", "pytorch", "triton", "onnx",
            "pmml", "lightgbm", "paddle", "huggingface");

    private PredictorFrameworks() {
    }

    /**
     * The single known framework key present; failing that, the single object child carrying {@code storageUri}
     * (a framework newer than this list). Several or none: the policy has to name it ({@code kserve.framework}).
     */
    static String detect(JsonNode predictor) {
        List<String> known = new ArrayList<>();
        List<String> withUri = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = predictor.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().isObject()) {
                continue;
            }
            if (KNOWN.contains(f.getKey())) {
                known.add(f.getKey());
            }
            if (f.getValue().has("storageUri")) {
                withUri.add(f.getKey());
            }
        }
        if (known.size() == 1) {
            return known.get(0);
        }
        if (known.isEmpty() && withUri.size() == 1) {
            return withUri.get(0);
        }
        throw new IllegalStateException("cannot tell which spec.predictor key holds the model (found "
                + (known.isEmpty() ? withUri : known) + "); set kserve.framework in the policy");
    }
}
