package dev.driftline.drift.baseline.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node of a SageMaker JSON file together with its file name and JSON path, so that every problem is reported as
 * {@code statistics.json: $.features[2].numerical_statistics.mean: missing}.
 */
final class JsonField {
    /** Largest count a double holds exactly; SageMaker writes some counts as doubles (201.0). */
    private static final double MAX_EXACT_COUNT = 0x1p53;

    private final String file;
    private final String path;
    private final JsonNode node;

    private JsonField(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** The document root ({@code $}), which must be a JSON object. */
    static JsonField root(String file, JsonNode root) {
        JsonField f = new JsonField(file, "$", root);
        if (root == null || !root.isObject()) {
            throw f.fail("expected a JSON object");
        }
        return f;
    }

    String path() {
        return path;
    }

    /** The node as JSON text, for messages. */
    String raw() {
        return node.toString();
    }

    /** A problem at this node: the message names the file and the JSON path. */
    IllegalArgumentException fail(String problem) {
        return new IllegalArgumentException(file + ": " + path + ": " + problem);
    }

    /** A field that must be present and not null. */
    JsonField required(String name) {
        return optional(name).orElseThrow(() -> new IllegalArgumentException(file + ": " + path + "." + name
                + ": missing"));
    }

    /** The field names of an object, in file order. */
    List<String> fieldNames() {
        if (!node.isObject()) {
            throw fail("expected a JSON object");
        }
        List<String> out = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** A field that may be absent (or null). */
    Optional<JsonField> optional(String name) {
        if (!node.isObject()) {
            throw fail("expected a JSON object");
        }
        JsonNode child = node.get(name);
        return child == null || child.isNull() ? Optional.empty()
                : Optional.of(new JsonField(file, path + "." + name, child));
    }

    /** An object field: present, and an object. */
    JsonField object(String name) {
        JsonField f = required(name);
        if (!f.node.isObject()) {
            throw f.fail("expected a JSON object");
        }
        return f;
    }

    /** The elements of an array node, each with its own path ({@code …[i]}). */
    List<JsonField> elements() {
        if (!node.isArray()) {
            throw fail("expected a JSON array");
        }
        List<JsonField> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(new JsonField(file, path + "[" + i + "]", node.get(i)));
        }
        return out;
    }

    /** A finite number. */
    double number() {
        if (!node.isNumber()) {
            throw fail("expected a number, found " + describe());
        }
        double v = node.asDouble();
        if (!Double.isFinite(v)) {
            throw fail("expected a finite number, found " + node);
        }
        return v;
    }

    /** A count: a non-negative whole number, written as 1990 or 1990.0. */
    long count() {
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong() || node.asLong() < 0) {
                throw fail("expected a non-negative whole number, found " + node);
            }
            return node.asLong();
        }
        double v = number();
        if (v < 0 || v != Math.rint(v) || v > MAX_EXACT_COUNT) {
            throw fail("expected a non-negative whole number, found " + node);
        }
        return (long) v;
    }

    String text() {
        if (!node.isTextual()) {
            throw fail("expected a string, found " + describe());
        }
        return node.asText();
    }

    /** A category value: SageMaker writes strings, but a number is accepted as its JSON text. */
    String textOrNumber() {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        throw fail("expected a string, found " + describe());
    }

    boolean bool() {
        if (!node.isBoolean()) {
            throw fail("expected true or false, found " + describe());
        }
        return node.asBoolean();
    }

    private String describe() {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        String s = node.toString();
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
