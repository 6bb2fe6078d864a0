package dev.driftline.remediation.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.driftline.config.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The remediation policy file (YAML or JSON):
 * <pre>
 * defaults:            # every model
 *   trigger: {sustained-windows: 2, cooldown: 24h, max-per-day: 2}
 *   training: {backend: sagemaker, sagemaker: {image: …, role-arn: …}}
 *   registry: {kind: sagemaker}
 *   approval: {rules: [{metric: accuracy, op: ">=", value: 0.95, then: approve}, …]}
 *   rollout: {target: kserve, steps: [10, 50, 100], bake: 10m, kserve: {namespace: models}}
 * models:              # per model, merged over the defaults key by key
 *   churn: {rollout: {bake: 30m}}
 * </pre>
 * Every model's merged policy is validated when the file is loaded, so a bad key fails the service at start-up with
 * the file and key path. Models without a section use the defaults. Without a file, the code defaults apply.
 */
public final class RemediationPolicy {
    private static final Set<String> KEYS = Set.of("defaults", "models");
    private final String file;
    private final ObjectNode defaults;
    private final ObjectNode models;
    private final Map<String, ModelPolicy> cache = new ConcurrentHashMap<>();

    private RemediationPolicy(String file, ObjectNode defaults, ObjectNode models) {
        this.file = file;
        this.defaults = defaults;
        this.models = models;
        models.fieldNames().forEachRemaining(this::forModel);
        forModel("(defaults)");
    }

    /** The code defaults only. */
    public static RemediationPolicy defaults() {
        return new RemediationPolicy("(defaults)", JsonNodeFactory.instance.objectNode(),
                JsonNodeFactory.instance.objectNode());
    }

    public static RemediationPolicy load(Path path) {
        String name = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new UserInputException(name + ": remediation policy file not found");
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
        } catch (IOException e) {
            throw new UserInputException(name + ": not YAML or JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return parse(name, root);
    }

    public static RemediationPolicy parse(String file, JsonNode root) {
        PolicySection top = new PolicySection(file, "", root);
        top.onlyKeys(KEYS);
        return new RemediationPolicy(file, object(top.section("defaults")), object(top.section("models")));
    }

    private static ObjectNode object(PolicySection s) {
        return s.present() ? (ObjectNode) s.node().deepCopy() : JsonNodeFactory.instance.objectNode();
    }

    /** The policy of {@code model}: its section merged over the defaults. */
    public ModelPolicy forModel(String model) {
        return cache.computeIfAbsent(model, m -> ModelPolicy.from(m, section(m)));
    }

    /** The merged section of {@code model} (the adapters read their own keys from it). */
    public PolicySection section(String model) {
        JsonNode own = models.get(model);
        ObjectNode merged = defaults.deepCopy();
        String path = own == null ? "defaults" : "models." + model;
        if (own != null) {
            if (!own.isObject()) {
                throw new UserInputException(file + ": models." + model + ": must be a mapping");
            }
            merge(merged, (ObjectNode) own);
        }
        return new PolicySection(file, path, merged);
    }

    /** The models the file has a section for (others use the defaults). */
    public java.util.List<String> models() {
        java.util.List<String> names = new java.util.ArrayList<>();
        models.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public String file() {
        return file;
    }

    /** Deep merge: mappings merge key by key, anything else (lists too) replaces. */
    private static void merge(ObjectNode into, ObjectNode over) {
        over.fields().forEachRemaining(f -> {
            JsonNode existing = into.get(f.getKey());
            if (existing != null && existing.isObject() && f.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) f.getValue());
            } else {
                into.set(f.getKey(), f.getValue().deepCopy());
            }
        });
    }
}
