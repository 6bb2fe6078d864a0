package dev.driftline.drift.kserve;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one mapping between JSON values and the plain Java values records hold, shared by the payload reader and the
 * record codec so that a value read from a payload survives a trip through the records topic unchanged.
 *
 * <p>Integral JSON numbers become {@link Long} (too large for a long: {@link Double}, the profiles only need a
 * magnitude); other numbers become {@link Double}; strings, booleans and null map to themselves; arrays to unmodifiable
 * {@link List}s and objects to unmodifiable insertion-ordered {@link Map}s (nested values keep null entries).
 */
public final class JsonValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {
    }

    public static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(toJava(element)));
            return Collections.unmodifiableList(list);
        }
        if (node.isObject()) {
            return Collections.unmodifiableMap(toJavaMap(node));
        }
        // Binary / POJO nodes never come out of a text parser; keep their text rather than fail.
        return node.asText();
    }

    /** An object's fields in document order; a fresh mutable map the caller may keep. */
    public static Map<String, Object> toJavaMap(JsonNode object) {
        Map<String, Object> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), toJava(e.getValue())));
        return map;
    }

    /**
     * The inverse of {@link #toJava}. Other integral types (Integer, Short, BigInteger…) are written as JSON integers
     * and so come back as Long; Float comes back as Double. Anything else is written as its string form: records only
     * hold values read from JSON, so that branch is a safety net, not a format.
     */
    public static JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return NODES.numberNode(((Number) value).doubleValue());
        }
        if (value instanceof BigInteger big) {
            return NODES.numberNode(big);
        }
        if (value instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal.doubleValue());
        }
        if (value instanceof Number number) {
            return NODES.numberNode(number.doubleValue());
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            list.forEach(element -> array.add(toJson(element)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            return toJsonObject(map);
        }
        return NODES.textNode(String.valueOf(value));
    }

    public static ObjectNode toJsonObject(Map<?, ?> map) {
        ObjectNode object = NODES.objectNode();
        map.forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
        return object;
    }

    /** Writes {@code value} as {@link #toJson} would make it, without building the node. */
    public static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            g.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof BigInteger big) {
            g.writeNumber(big);
        } else if (value instanceof BigDecimal decimal) {
            g.writeNumber(decimal.doubleValue());
        } else if (value instanceof Number number) {
            g.writeNumber(number.doubleValue());
        } else if (value instanceof String text) {
            g.writeString(text);
        } else if (value instanceof Boolean bool) {
            g.writeBoolean(bool);
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object element : list) {
                write(g, element);
            }
            g.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            writeObject(g, map);
        } else {
            g.writeString(String.valueOf(value));
        }
    }

    /** Writes {@code map} as {@link #toJsonObject} would make it, without building the node. */
    public static void writeObject(JsonGenerator g, Map<?, ?> map) throws IOException {
        g.writeStartObject();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            g.writeFieldName(String.valueOf(e.getKey()));
            write(g, e.getValue());
        }
        g.writeEndObject();
    }
}
