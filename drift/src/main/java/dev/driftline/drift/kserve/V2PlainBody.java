package dev.driftline.drift.kserve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A V2 / Open Inference Protocol body read in one streaming pass, straight into typed tensors, when it is plain: an
 * object whose tensors each have a name, a shape, a known datatype and as many valid values as the shape says.
 * Anything else (a V1 field, a duplicate field, a value outside its datatype, malformed JSON, …) makes
 * {@link #read} answer {@code null}, and the caller reads the body as a tree with {@link V2Tensors}, which words
 * the error. So this reader never decides anything on its own: on every body it accepts, the tree path gives the
 * same tensors (the normalisation fuzz test checks both paths agree).
 *
 * <p>Why it exists: building the Jackson tree of a body (a node per value) and flattening it again cost more than
 * reading the values themselves, for every event of the streams pipeline.
 */
final class V2PlainBody {
    /** The tensors of the body's {@code inputs} or {@code outputs}, and its {@code model_version} (null: none). */
    record Read(List<V2Tensors.Tensor> tensors, String modelVersion) {
    }

    private V2PlainBody() {
    }

    /**
     * @param tensorsField {@code inputs} (request) or {@code outputs} (response)
     * @param v1Field      the V1 field that takes precedence when present ({@code instances} / {@code predictions})
     * @return the plain body, or null when the tree reader has to look at it
     */
    static Read read(JsonFactory json, byte[] body, String tensorsField, String v1Field) {
        try (JsonParser p = json.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Set<String> fields = new HashSet<>();
            List<V2Tensors.Tensor> tensors = null;
            String version = null;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!fields.add(field) || field.equals(v1Field)) {
                    return null; // a duplicate (the tree keeps the last one) or a V1 body
                }
                if (field.equals(tensorsField)) {
                    tensors = tensors(p, value);
                    if (tensors == null) {
                        return null;
                    }
                } else if (field.equals("model_version")) {
                    if (value == JsonToken.VALUE_STRING) {
                        version = p.getText();
                    } else if (value != JsonToken.VALUE_NULL) {
                        return null; // a number or a boolean: the tree path spells it
                    }
                } else {
                    skip(p);
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || tensors == null) {
                return null; // trailing tokens or no tensors: the tree path refuses the body
            }
            return new Read(tensors, version);
        } catch (IOException | RuntimeException malformed) {
            return null; // the tree path reports it
        }
    }

    /**
     * Steps over the current value, decoding every string in it: Jackson's own skip does not decode strings, so it
     * would let through bytes (an encoded surrogate, say) that the tree reader refuses as not JSON.
     */
    private static void skip(JsonParser p) throws IOException {
        int depth = 0;
        JsonToken t = p.currentToken();
        while (true) {
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                depth++;
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                depth--;
            } else if (t == JsonToken.VALUE_STRING
                    && p.getTextLength() > p.streamReadConstraints().getMaxStringLength()) {
                // decoding checks the bytes; the length limit the tree reader applies is checked here (Jackson
                // counts only completed buffer segments on this route)
                throw new IOException("string longer than the parser's limit");
            }
            if (depth == 0) {
                return;
            }
            t = p.nextToken();
            if (t == null) {
                throw new IOException("end of input inside a value");
            }
        }
    }

    private static List<V2Tensors.Tensor> tensors(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            return null;
        }
        List<V2Tensors.Tensor> tensors = new ArrayList<>(4);
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            V2Tensors.Tensor tensor = t == JsonToken.START_OBJECT ? tensor(p) : null;
            if (tensor == null) {
                return null;
            }
            tensors.add(tensor);
        }
        return tensors.isEmpty() ? null : tensors;
    }

    /** One tensor object, the parser on its START_OBJECT; null unless every part of it is valid. */
    private static V2Tensors.Tensor tensor(JsonParser p) throws IOException {
        Set<String> fields = new HashSet<>(8);
        String name = null;
        int[] shape = null;
        String datatype = null;
        List<Object> data = null;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (!fields.add(field)) {
                return null;
            }
            // whatever is not as expected ends the pass at once (the parser would be inside it otherwise)
            switch (field) {
                case "name", "datatype" -> {
                    if (value != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    if (field.equals("name")) {
                        name = p.getText();
                    } else {
                        datatype = p.getText();
                    }
                }
                case "shape" -> {
                    shape = shape(p, value);
                    if (shape == null) {
                        return null;
                    }
                }
                case "data" -> {
                    if (value != JsonToken.START_ARRAY) {
                        return null;
                    }
                    data = new ArrayList<>(64);
                    if (!flatten(p, data)) {
                        return null;
                    }
                }
                default -> skip(p);
            }
        }
        if (name == null || name.isEmpty() || shape == null || datatype == null || data == null) {
            return null;
        }
        long expected = (long) shape[0] * (shape.length == 2 ? shape[1] : 1);
        if (data.size() != expected) {
            return null;
        }
        V2Tensors.Datatype type = V2Tensors.Datatype.named(datatype);
        if (type == null) {
            return null;
        }
        for (int i = 0; i < data.size(); i++) {
            Object typed = typed(type, data.get(i));
            if (typed == null) {
                return null;
            }
            data.set(i, typed);
        }
        return new V2Tensors.Tensor(name, shape[0], shape.length == 2 ? shape[1] : 1, data);
    }

    /** [N] or [N, F] of non-negative ints, else null. */
    private static int[] shape(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            return null;
        }
        int[] dims = new int[2];
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (n == 2 || t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                    || p.getIntValue() < 0) {
                return null;
            }
            dims[n++] = p.getIntValue();
        }
        return n == 0 ? null : n == 1 ? new int[] {dims[0]} : dims;
    }

    /**
     * Row-major flattening of nested arrays, the parser on an array's START_ARRAY: numbers (Long for integer
     * literals that fit a long, Double for decimals), booleans and strings; false at anything else.
     */
    private static boolean flatten(JsonParser p, List<Object> out) throws IOException {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            switch (t) {
                case START_ARRAY -> {
                    if (!flatten(p, out)) {
                        return false;
                    }
                }
                case VALUE_NUMBER_INT -> {
                    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        return false;
                    }
                    out.add(p.getLongValue());
                }
                case VALUE_NUMBER_FLOAT -> out.add(p.getDoubleValue());
                case VALUE_TRUE -> out.add(Boolean.TRUE);
                case VALUE_FALSE -> out.add(Boolean.FALSE);
                case VALUE_STRING -> out.add(p.getText());
                default -> {
                    return false; // null, an object: the tree path words the error
                }
            }
        }
        return true;
    }

    /** The value as {@link V2Tensors.Datatype#convert} types it, or null where that refuses it. */
    private static Object typed(V2Tensors.Datatype type, Object value) {
        if (type.integral()) {
            return value instanceof Long l && type.admits(l) ? l : null;
        }
        return switch (type) {
            case BOOL -> value instanceof Boolean ? value : null;
            case BYTES -> value instanceof String ? value : null;
            default -> value instanceof Double ? value : value instanceof Long l ? (Object) l.doubleValue() : null;
        };
    }
}
