package dev.driftline.sink.rows;

import dev.driftline.sink.LakeColumn;
import dev.driftline.sink.LakeTable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One row of a lake table, checked against the table's columns when it is made (so a bad record is refused before
 * any file sees it): one value per {@link LakeTable#columns() column}, in order. Java types per column type:
 * STRING and JSON {@link String}, BYTES {@code byte[]}, INT32 {@link Integer}, INT64 {@link Long}, DOUBLE
 * {@link Double}, BOOLEAN {@link Boolean}, TIMESTAMP {@link Long} epoch milliseconds; {@code null} only in
 * optional columns.
 *
 * @param table         the table
 * @param model         model partition value (unescaped)
 * @param partitionTime the instant whose UTC date and hour are the row's {@code dt} and {@code hour}
 * @param values        column values
 */
public record LakeRow(LakeTable table, String model, Instant partitionTime, Object[] values) {

    public LakeRow {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(partitionTime, "partitionTime");
        values = values.clone();
    }

    /**
     * A checked row.
     *
     * @throws BadRecordException ({@link BadRecordException#MISSING_FIELD} or {@link BadRecordException#BAD_VALUE})
     *                            naming the column, when a value does not fit it
     */
    public static LakeRow of(LakeTable table, String model, Instant partitionTime, Object... values)
            throws BadRecordException {
        List<LakeColumn> columns = table.columns();
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(table.tableName() + " has " + columns.size() + " columns, got "
                    + values.length + " values"); // a bug in a mapper, not bad input
        }
        if (model.isBlank()) {
            throw new BadRecordException(BadRecordException.MISSING_FIELD, "model is blank");
        }
        for (int i = 0; i < values.length; i++) {
            LakeColumn c = columns.get(i);
            Object v = values[i];
            if (v == null) {
                if (c.required()) {
                    throw new BadRecordException(BadRecordException.MISSING_FIELD,
                            table.tableName() + "." + c.name() + " is required but missing or null");
                }
            } else if (!fits(c.type(), v)) {
                throw new BadRecordException(BadRecordException.BAD_VALUE, table.tableName() + "." + c.name()
                        + " must be " + c.type() + ", got " + v.getClass().getSimpleName());
            }
        }
        return new LakeRow(table, model, partitionTime, values);
    }

    private static boolean fits(LakeColumn.Type type, Object v) {
        return switch (type) {
            case STRING, JSON -> v instanceof String;
            case BYTES -> v instanceof byte[];
            case INT32 -> v instanceof Integer;
            case INT64, TIMESTAMP -> v instanceof Long;
            case DOUBLE -> v instanceof Double;
            case BOOLEAN -> v instanceof Boolean;
        };
    }

    @Override
    public Object[] values() {
        return values.clone();
    }

    /** Value of column {@code i}, without copying the row. */
    public Object value(int i) {
        return values[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LakeRow r && table == r.table && model.equals(r.model)
                && partitionTime.equals(r.partitionTime) && Arrays.deepEquals(values, r.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, model, partitionTime, Arrays.deepHashCode(values));
    }

    @Override
    public String toString() {
        return table.tableName() + "[" + model + " " + partitionTime + "] " + Arrays.deepToString(values);
    }
}
