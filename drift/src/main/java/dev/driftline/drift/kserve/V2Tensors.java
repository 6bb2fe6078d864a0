package dev.driftline.drift.kserve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftline.drift.kserve.PayloadException.Reason;
import dev.driftline.drift.model.FeatureSchema;
import dev.driftline.drift.model.RowColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Reads the {@code inputs} or {@code outputs} tensors of a V2 / Open Inference Protocol message into rows.
 *
 * <p>Every tensor has shape {@code [N]} or {@code [N, F]} with {@code N} the batch size (the same for all tensors);
 * higher ranks (images, sequences) are refused, they are not tabular data drift can be measured on. {@code data} is
 * row-major, flat or nested; it is flattened and its length must equal the product of the shape. Values are checked
 * against the datatype and typed: BOOL → Boolean, (U)INT8…64 → Long (range-checked; UINT64 above
 * {@link Long#MAX_VALUE} is refused), FP16/32/64 → Double (JSON integers allowed), BYTES → String.
 *
 * <p>Naming, so that one positional tensor and several named columns both end up keyed by feature name:
 * <ul>
 *   <li>a single tensor that is {@code [N, F]} with {@code F > 1}, or any single tensor when a schema is given, is
 *       positional: names come from the schema (size must be F) else from {@code positionalName};</li>
 *   <li>otherwise every {@code [N]} or {@code [N, 1]} tensor is one value named by the tensor, and an {@code [N, K]}
 *       one gives {@code name_0 … name_(K-1)}; the schema is not consulted, the tensor names already name things.</li>
 * </ul>
 */
final class V2Tensors {
    /** One parsed tensor: values flattened row-major and already typed. */
    record Tensor(String name, int batch, int width, List<Object> values) {
    }

    private V2Tensors() {
    }

    static List<Map<String, Object>> features(JsonNode inputs, Optional<FeatureSchema> schema) {
        return rows(inputs, "inputs", schema, FeatureSchema::positionalName);
    }

    static List<Map<String, Object>> predictions(JsonNode outputs, Optional<FeatureSchema> schema) {
        // Outputs have no SageMaker convention; the tensor name keeps e.g. probabilities recognisable.
        return rows(outputs, "outputs", schema, null);
    }

    private static List<Map<String, Object>> rows(JsonNode array, String field, Optional<FeatureSchema> schema,
                                                  IntFunction<String> positionalName) {
        if (!array.isArray() || array.isEmpty()) {
            throw new PayloadException(Reason.UNKNOWN_FORMAT, "V2 '" + field + "' must be a non-empty array of tensors");
        }
        List<Tensor> tensors = new ArrayList<>(array.size());
        Set<String> seen = new HashSet<>();
        for (JsonNode node : array) {
            add(tensors, seen, tensor(node, field), field); // each tensor checked before the next is read
        }
        return rows(tensors, field, schema, positionalName);
    }

    /** Rows from tensors read by {@link V2PlainBody} (each valid on its own; checked together here). */
    static List<Map<String, Object>> rows(List<Tensor> plain, boolean inputs, Optional<FeatureSchema> schema) {
        String field = inputs ? "inputs" : "outputs";
        List<Tensor> tensors = new ArrayList<>(plain.size());
        Set<String> seen = new HashSet<>();
        for (Tensor tensor : plain) {
            add(tensors, seen, tensor, field);
        }
        return rows(tensors, field, schema, inputs ? FeatureSchema::positionalName : null);
    }

    private static void add(List<Tensor> tensors, Set<String> seen, Tensor tensor, String field) {
        if (!seen.add(tensor.name())) {
            throw new PayloadException(Reason.UNKNOWN_FORMAT, "V2 '" + field + "' has two tensors named '"
                    + tensor.name() + "'");
        }
        if (!tensors.isEmpty() && tensors.get(0).batch() != tensor.batch()) {
            throw new PayloadException(Reason.SHAPE_MISMATCH, "V2 '" + field + "' tensors disagree on the batch size: '"
                    + tensors.get(0).name() + "' has " + tensors.get(0).batch() + " rows, '" + tensor.name()
                    + "' has " + tensor.batch());
        }
        tensors.add(tensor);
    }

    private static List<Map<String, Object>> rows(List<Tensor> tensors, String field, Optional<FeatureSchema> schema,
                                                  IntFunction<String> positionalName) {
        int batch = tensors.get(0).batch();
        // One column table for the batch and an array per row (RowColumns): no hash map per row; batches with the
        // same names (a model's) share the table
        List<String> names = new ArrayList<>();
        boolean positional = tensors.size() == 1 && (tensors.get(0).width() > 1 || schema.isPresent());
        for (Tensor tensor : tensors) {
            if (positional) {
                IntFunction<String> namer = positionalName != null ? positionalName : i -> tensor.name() + "_" + i;
                names.addAll(V1Rows.names(schema, tensor.width(), namer,
                        "V2 '" + field + "' tensor '" + tensor.name() + "'"));
            } else if (tensor.width() == 1) {
                names.add(tensor.name());
            } else {
                names.addAll(V1Rows.names(Optional.empty(), tensor.width(), i -> tensor.name() + "_" + i, field));
            }
        }
        RowColumns.Layout layout = RowColumns.layout(names); // a repeated name is one column: the later value wins
        RowColumns table = layout.columns();
        int[] target = layout.target();
        List<Map<String, Object>> rows = new ArrayList<>(batch);
        for (int r = 0; r < batch; r++) {
            Object[] values = new Object[table.size()];
            int p = 0; // position in names
            for (Tensor tensor : tensors) {
                int width = tensor.width();
                for (int c = 0; c < width; c++) {
                    values[target[p++]] = tensor.values().get(r * width + c);
                }
            }
            rows.add(table.row(values));
        }
        return rows;
    }

    private static Tensor tensor(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new PayloadException(Reason.UNKNOWN_FORMAT, "V2 '" + field + "' entries must be tensor objects");
        }
        JsonNode nameNode = node.get("name");
        if (nameNode == null || !nameNode.isTextual() || nameNode.textValue().isEmpty()) {
            throw new PayloadException(Reason.UNKNOWN_FORMAT, "V2 '" + field + "' tensor without a name");
        }
        String name = nameNode.textValue();
        String where = "V2 tensor '" + name + "'";
        int[] shape = shape(node.get("shape"), where);
        Datatype datatype = Datatype.of(node.get("datatype"), where);
        JsonNode data = node.get("data");
        if (data == null || data.isNull()) {
            // The binary-data extension puts tensors after the JSON; the logger forwards such bodies verbatim.
            throw new PayloadException(Reason.UNKNOWN_FORMAT, where + " has no JSON 'data' (binary tensors unsupported)");
        }
        List<JsonNode> flat = new ArrayList<>();
        flatten(data, flat);
        long expected = (long) shape[0] * (shape.length == 2 ? shape[1] : 1);
        if (flat.size() != expected) {
            throw new PayloadException(Reason.SHAPE_MISMATCH, where + " has shape " + Arrays.toString(shape)
                    + " (" + expected + " values) but " + flat.size() + " data values");
        }
        List<Object> values = new ArrayList<>(flat.size());
        for (int i = 0; i < flat.size(); i++) {
            values.add(datatype.convert(flat.get(i), where, i));
        }
        return new Tensor(name, shape[0], shape.length == 2 ? shape[1] : 1, values);
    }

    private static int[] shape(JsonNode node, String where) {
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > 2) {
            throw new PayloadException(Reason.BAD_SHAPE, where + " must have shape [N] or [N, F], was " + node);
        }
        int[] shape = new int[node.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode dim = node.get(i);
            if (!dim.isIntegralNumber() || !dim.canConvertToInt() || dim.intValue() < 0) {
                throw new PayloadException(Reason.BAD_SHAPE, where + " has an invalid dimension " + dim + " in " + node);
            }
            shape[i] = dim.intValue();
        }
        return shape;
    }

    /** Row-major flattening; nested and flat data give the same sequence, so both are checked the same way. */
    private static void flatten(JsonNode data, List<JsonNode> out) {
        if (data.isArray()) {
            data.forEach(element -> flatten(element, out));
        } else {
            out.add(data);
        }
    }

    /** The Open Inference Protocol datatypes, with the range an integer type admits. */
    enum Datatype {
        BOOL, UINT8(0, 255), UINT16(0, 65_535), UINT32(0, 4_294_967_295L), UINT64(0, Long.MAX_VALUE),
        INT8(Byte.MIN_VALUE, Byte.MAX_VALUE), INT16(Short.MIN_VALUE, Short.MAX_VALUE),
        INT32(Integer.MIN_VALUE, Integer.MAX_VALUE), INT64(Long.MIN_VALUE, Long.MAX_VALUE),
        FP16, FP32, FP64, BYTES;

        private final long min;
        private final long max;
        private final boolean integral;

        Datatype() {
            this(0, 0, false);
        }

        Datatype(long min, long max) {
            this(min, max, true);
        }

        Datatype(long min, long max, boolean integral) {
            this.min = min;
            this.max = max;
            this.integral = integral;
        }

        static Datatype of(JsonNode node, String where) {
            if (node == null || !node.isTextual()) {
                throw new PayloadException(Reason.BAD_DATATYPE, where + " has no datatype");
            }
            Datatype type = named(node.textValue());
            if (type == null) {
                throw new PayloadException(Reason.BAD_DATATYPE, where + " has unknown datatype '" + node.textValue()
                        + "' (expected BOOL, UINT8…64, INT8…64, FP16/32/64 or BYTES)");
            }
            return type;
        }

        private static final Map<String, Datatype> BY_NAME = new java.util.HashMap<>();

        static {
            for (Datatype t : values()) {
                BY_NAME.put(t.name(), t);
            }
        }

        /**
         * The datatype {@code name} names, case and surrounding blanks aside, or null. The usual exact name is one
         * lookup (a tensor's datatype is read for every tensor of every event).
         */
        static Datatype named(String name) {
            Datatype type = BY_NAME.get(name);
            return type != null ? type : BY_NAME.get(name.trim().toUpperCase(Locale.ROOT));
        }

        boolean integral() {
            return integral;
        }

        /** Whether an integer type's range holds the value. */
        boolean admits(long value) {
            return value >= min && value <= max;
        }

        Object convert(JsonNode value, String where, int index) {
            if (integral) {
                if (value.isIntegralNumber() && value.canConvertToLong()
                        && value.longValue() >= min && value.longValue() <= max) {
                    return value.longValue();
                }
            } else if (this == BOOL) {
                if (value.isBoolean()) {
                    return value.booleanValue();
                }
            } else if (this == BYTES) {
                if (value.isTextual()) {
                    return value.textValue();
                }
            } else if (value.isNumber()) {
                return value.doubleValue();
            }
            throw new PayloadException(Reason.BAD_VALUE, where + " value " + index + " (" + value
                    + ") is not a valid " + name());
        }
    }

    /** A hash map capacity that holds {@code entries} without resizing (default load factor 0.75). */
    static int capacityFor(int entries) {
        return (int) Math.ceil(entries / 0.75);
    }
}
