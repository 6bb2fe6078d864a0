package dev.driftline.remediation.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.driftline.config.Parsers;
import dev.driftline.config.UserInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One section of a remediation policy file (YAML or JSON), read key by key: every error names the file and the key
 * path ({@code policy.yaml: models.churn.rollout.steps[1]: …}), so a bad policy fails at start-up with what to fix.
 * Unknown keys are refused (a misspelt key would otherwise silently keep its default).
 */
public final class PolicySection {
    private final String file;
    private final String path;
    private final JsonNode node;

    public PolicySection(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node == null || node.isNull() ? MissingNode.getInstance() : node;
        if (!this.node.isMissingNode() && !this.node.isObject()) {
            throw error("must be a mapping of keys to values");
        }
    }

    public String path() {
        return path;
    }

    public boolean present() {
        return !node.isMissingNode();
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    /** The keys of this section, in file order. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    public PolicySection section(String key) {
        return new PolicySection(file, child(key), node.get(key));
    }

    /** Fails naming the first key that is not one of {@code known}. */
    public PolicySection onlyKeys(Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new UserInputException(file + ": " + child(k) + ": unknown key (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
        return this;
    }

    public Optional<String> optText(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isValueNode()) {
            throw error(key, "must be a text value");
        }
        return Optional.of(v.asText());
    }

    public String text(String key, String defaultValue) {
        return optText(key).orElse(defaultValue);
    }

    public String requiredText(String key) {
        return optText(key).orElseThrow(() -> error(key, "is required"));
    }

    public int integer(String key, int defaultValue) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw error(key, "must be a whole number, got " + v);
        }
        return v.intValue();
    }

    public double number(String key, double defaultValue) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.isNumber()) {
            throw error(key, "must be a number, got " + v);
        }
        return v.doubleValue();
    }

    public boolean bool(String key, boolean defaultValue) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.isBoolean()) {
            throw error(key, "must be true or false, got " + v);
        }
        return v.booleanValue();
    }

    /** A duration like {@code 30s}, {@code 10m}, {@code 24h}, {@code 7d}. */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> t = optText(key);
        if (t.isEmpty()) {
            return defaultValue;
        }
        try {
            return Parsers.DURATION_PARSER.parse(t.get());
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage() + ", got " + t.get());
        }
    }

    /** A list of text values (a YAML sequence). */
    public List<String> textList(String key, List<String> defaultValue) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.isArray()) {
            throw error(key, "must be a list");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isValueNode()) {
                throw new UserInputException(file + ": " + child(key) + "[" + i + "]: must be a text value");
            }
            out.add(v.get(i).asText());
        }
        return out;
    }

    /** A list of whole numbers. */
    public List<Integer> intList(String key, List<Integer> defaultValue) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.isArray()) {
            throw error(key, "must be a list");
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).canConvertToInt() || !v.get(i).isIntegralNumber()) {
                throw new UserInputException(file + ": " + child(key) + "[" + i + "]: must be a whole number");
            }
            out.add(v.get(i).intValue());
        }
        return out;
    }

    /** The sections of a list of mappings ({@code rules: [{metric: …}, …]}), each named {@code key[i]}. */
    public List<PolicySection> sectionList(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw error(key, "must be a list");
        }
        List<PolicySection> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(new PolicySection(file, child(key) + "[" + i + "]", v.get(i)));
        }
        return out;
    }

    /** A mapping of text to text ({@code hyperparameters}, {@code tags}); values are read as text. */
    public Map<String, String> textMap(String key) {
        JsonNode v = node.get(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw error(key, "must be a mapping");
        }
        v.fields().forEachRemaining(f -> {
            if (!f.getValue().isValueNode()) {
                throw new UserInputException(file + ": " + child(key) + "." + f.getKey() + ": must be a text value");
            }
            out.put(f.getKey(), f.getValue().asText());
        });
        return out;
    }

    /** The raw node (for sections passed on as they are, e.g. a webhook body template). */
    public JsonNode node() {
        return node;
    }

    public UserInputException error(String key, String message) {
        return new UserInputException(file + ": " + child(key) + ": " + message);
    }

    public UserInputException error(String message) {
        return new UserInputException(file + ": " + (path.isEmpty() ? "(top level)" : path) + ": " + message);
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
