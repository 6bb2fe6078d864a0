package dev.driftline.drift.kserve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftline.drift.kserve.PayloadException.Reason;
import dev.driftline.drift.model.FeatureSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Reads the rows of a KServe V1 {@code instances} or {@code predictions} array. Each element is one row and all rows
 * must have the same form:
 * <ul>
 *   <li>objects: named values, the names are the keys (a schema is not needed and not consulted);</li>
 *   <li>arrays: positional values, named by the schema when given (its size must equal the row width) else by
 *       {@code positionalName} ({@code _c0…} for features, as SageMaker names headerless columns; {@code _p0…} for
 *       predictions);</li>
 *   <li>scalars: one value per row, named by a one-entry schema when given else {@code scalarName}.</li>
 * </ul>
 * Mixing forms is refused rather than guessed at, because a wrong guess would profile values under the wrong name.
 */
final class V1Rows {
    private enum Form { OBJECT, ARRAY, SCALAR }

    private V1Rows() {
    }

    static List<Map<String, Object>> features(JsonNode instances, Optional<FeatureSchema> schema) {
        return rows(instances, "instances", schema, FeatureSchema::positionalName, FeatureSchema.positionalName(0));
    }

    static List<Map<String, Object>> predictions(JsonNode predictions, Optional<FeatureSchema> schema) {
        return rows(predictions, "predictions", schema, i -> "_p" + i, "prediction");
    }

    private static List<Map<String, Object>> rows(JsonNode array, String field, Optional<FeatureSchema> schema,
                                                  IntFunction<String> positionalName, String scalarName) {
        if (!array.isArray()) {
            throw new PayloadException(Reason.UNKNOWN_FORMAT,
                    "V1 '" + field + "' must be an array, was " + array.getNodeType());
        }
        List<Map<String, Object>> rows = new ArrayList<>(array.size());
        if (array.isEmpty()) {
            return rows;
        }
        Form form = formOf(array.get(0));
        for (int r = 1; r < array.size(); r++) {
            if (formOf(array.get(r)) != form) {
                throw new PayloadException(Reason.UNKNOWN_FORMAT, "V1 '" + field + "' mixes row forms: row 0 is "
                        + describe(form) + ", row " + r + " is " + describe(formOf(array.get(r))));
            }
        }
        switch (form) {
            case OBJECT -> array.forEach(row -> rows.add(JsonValues.toJavaMap(row)));
            case ARRAY -> {
                int width = array.get(0).size();
                List<String> names = names(schema, width, positionalName, field);
                for (int r = 0; r < array.size(); r++) {
                    JsonNode row = array.get(r);
                    if (row.size() != width) {
                        throw new PayloadException(Reason.SHAPE_MISMATCH, "V1 '" + field + "' rows are ragged: row 0 has "
                                + width + " values, row " + r + " has " + row.size());
                    }
                    Map<String, Object> named = new LinkedHashMap<>(V2Tensors.capacityFor(width));
                    for (int c = 0; c < width; c++) {
                        named.put(names.get(c), JsonValues.toJava(row.get(c)));
                    }
                    rows.add(named);
                }
            }
            case SCALAR -> {
                String name = schema.isPresent() ? names(schema, 1, positionalName, field).get(0) : scalarName;
                array.forEach(value -> {
                    Map<String, Object> named = new LinkedHashMap<>();
                    named.put(name, JsonValues.toJava(value));
                    rows.add(named);
                });
            }
            default -> throw new IllegalStateException(form.name());
        }
        return rows;
    }

    /**
     * Names for {@code width} positional values. Shared with the V2 reader so both protocols name positional data the
     * same way and a model can switch protocol without its baseline going stale.
     */
    static List<String> names(Optional<FeatureSchema> schema, int width, IntFunction<String> positionalName,
                              String what) {
        if (schema.isPresent()) {
            if (schema.get().size() != width) {
                throw new PayloadException(Reason.SCHEMA_MISMATCH, what + " rows have " + width
                        + " positional values but the schema has " + schema.get().size() + " " + schema.get().names());
            }
            return schema.get().names();
        }
        List<String> names = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            names.add(positionalName.apply(i));
        }
        return names;
    }

    private static Form formOf(JsonNode row) {
        return row.isObject() ? Form.OBJECT : row.isArray() ? Form.ARRAY : Form.SCALAR;
    }

    private static String describe(Form form) {
        return switch (form) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case SCALAR -> "a scalar";
        };
    }
}
