package dev.driftline.sink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * {@code CREATE EXTERNAL TABLE} statements for the lake in Athena, with partition projection so no crawler or
 * {@code MSCK REPAIR} is ever needed. {@link #projectionProperties} is the one source of the table properties: the DDL
 * text prints them as {@code TBLPROPERTIES} and {@code driftline athena register} puts the same map into the Glue
 * table's parameters, so the two ways of creating a table cannot drift apart.
 *
 * <ul>
 *   <li>{@code model} is {@code injected} by default: any model works without re-registering, but Athena refuses a
 *       query that does not filter it with {@code model = '…'} (its escaped value, see {@link ObjectKeys}), so
 *       cross-model queries are impossible. Given a model list it is an {@code enum} projection of those (escaped)
 *       values instead: cross-model queries work, but a new model needs the table re-registered. The dead-letter
 *       and labels tables' enums always include {@link ObjectKeys#UNKNOWN_MODEL}, where most dead letters and the
 *       labels that name no model land.</li>
 *   <li>{@code dt} is a {@code date} projection from 2020-01-01 to NOW by days in {@code yyyy-MM-dd}. Athena
 *       computes projected dates (and NOW) in UTC, which matches the UTC {@code dt}/{@code hour} of
 *       {@link ObjectKeys}; there is no time-zone property to set.</li>
 *   <li>{@code hour} is an {@code integer} projection 0..23 with 2 digits.</li>
 * </ul>
 *
 * <p>Column types come from the Parquet schema ({@link #athenaType}): BINARY with STRING or JSON annotation →
 * {@code string}, plain BINARY → {@code binary}, INT32 → {@code int}, INT64 → {@code bigint}, INT64
 * TIMESTAMP(MILLIS) → {@code timestamp}, DOUBLE → {@code double}, FLOAT → {@code float}, BOOLEAN →
 * {@code boolean}. Partition columns are all {@code string}.
 */
public final class AthenaDdl {

    /** Default Athena database. */
    public static final String DEFAULT_DATABASE = "driftline";

    /** Hive type of every partition column. */
    public static final String PARTITION_TYPE = "string";

    private AthenaDdl() {
    }

    /** DDL in the {@link #DEFAULT_DATABASE} with an injected {@code model}, for a lake at s3://bucket/prefix. */
    public static String createTable(LakeTable table, String lakeUri) {
        return createTable(table, lakeUri, DEFAULT_DATABASE, List.of());
    }

    /** Every table's DDL, separated by blank lines, each ending with a semicolon; {@code models} as in
     * {@link #projectionProperties}. */
    public static String createAll(String lakeUri, String database, List<String> models) {
        StringBuilder sb = new StringBuilder();
        for (LakeTable t : LakeTable.values()) {
            sb.append(createTable(t, lakeUri, database, models)).append(";\n\n");
        }
        return sb.toString();
    }

    /** DDL for one table (no trailing semicolon); {@code models} as in {@link #projectionProperties}. */
    public static String createTable(LakeTable table, String lakeUri, String database, List<String> models) {
        Objects.requireNonNull(table, "table");
        checkDatabase(database);
        String columns = table.columns().stream()
                .map(c -> "  `" + c.name() + "` " + columnType(table, c) + " COMMENT '" + quote(c.description())
                        + "'")
                .collect(Collectors.joining(",\n"));
        String partitions = LakeTable.PARTITION_COLUMNS.stream().map(p -> "`" + p + "` " + PARTITION_TYPE)
                .collect(Collectors.joining(", "));
        String properties = projectionProperties(table, lakeUri, models).entrySet().stream()
                .map(e -> "  '" + quote(e.getKey()) + "'='" + quote(e.getValue()) + "'")
                .collect(Collectors.joining(",\n"));
        return "CREATE EXTERNAL TABLE IF NOT EXISTS `" + database + "`.`" + table.tableName() + "` (\n"
                + columns + "\n)\n"
                + "PARTITIONED BY (" + partitions + ")\n"
                + "STORED AS PARQUET\n"
                + "LOCATION '" + quote(tableLocation(table, lakeUri)) + "'\n"
                + "TBLPROPERTIES (\n" + properties + "\n)";
    }

    /**
     * The partition-projection table properties, in a stable order: {@code projection.enabled}, the {@code model},
     * {@code dt} and {@code hour} projections and {@code storage.location.template}.
     *
     * @param models empty for an {@code injected} model column, else the models of an {@code enum} projection
     *               (escaped with {@link ObjectKeys#escape}, duplicates dropped)
     */
    public static Map<String, String> projectionProperties(LakeTable table, String lakeUri, List<String> models) {
        Objects.requireNonNull(table, "table");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("projection.enabled", "true");
        if (models.isEmpty()) {
            p.put("projection.model.type", "injected");
        } else {
            p.put("projection.model.type", "enum");
            p.put("projection.model.values", String.join(",", enumValues(table, models)));
        }
        p.put("projection.dt.type", "date");
        p.put("projection.dt.format", "yyyy-MM-dd");
        p.put("projection.dt.range", "2020-01-01,NOW");
        p.put("projection.dt.interval", "1");
        p.put("projection.dt.interval.unit", "DAYS");
        p.put("projection.hour.type", "integer");
        p.put("projection.hour.range", "0,23");
        p.put("projection.hour.digits", "2");
        p.put("storage.location.template", tableLocation(table, lakeUri) + "model=${model}/dt=${dt}/hour=${hour}/");
        return p;
    }

    /** {@code s3://bucket/prefix/<table>/}. */
    public static String tableLocation(LakeTable table, String lakeUri) {
        return normaliseLake(lakeUri) + table.tableName() + "/";
    }

    /** Athena type of one of the table's file columns. */
    public static String columnType(LakeTable table, LakeColumn column) {
        return athenaType(table.schema().getType(column.name()));
    }

    /**
     * Refuses database names Athena and Glue would not both take as they are.
     *
     * @throws IllegalArgumentException naming the rule
     */
    public static String checkDatabase(String database) {
        if (database == null || !database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database must be lower-case [a-z0-9_]: " + database);
        }
        return database;
    }

    /** Athena (Hive DDL) type of a Parquet primitive column. */
    public static String athenaType(Type type) {
        if (!type.isPrimitive()) {
            throw new IllegalArgumentException("only primitive columns are mapped: " + type);
        }
        PrimitiveType p = type.asPrimitiveType();
        LogicalTypeAnnotation l = p.getLogicalTypeAnnotation();
        return switch (p.getPrimitiveTypeName()) {
            case BINARY -> (l instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                    || l instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation
                    || l instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation) ? "string" : "binary";
            case INT32 -> "int";
            case INT64 -> l instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ? "timestamp" : "bigint";
            case DOUBLE -> "double";
            case FLOAT -> "float";
            case BOOLEAN -> "boolean";
            default -> throw new IllegalArgumentException("no Athena mapping for " + p);
        };
    }

    /** Escaped, de-duplicated enum values; escaping also keeps commas (the list separator) out of a value. */
    private static List<String> enumValues(LakeTable table, List<String> models) {
        Set<String> values = new LinkedHashSet<>();
        for (String m : models) {
            if (m == null || m.isBlank()) {
                throw new IllegalArgumentException("model names must not be empty: " + models);
            }
            values.add(ObjectKeys.escape(m.strip()));
        }
        if (table == LakeTable.DEAD_LETTERS || table == LakeTable.LABELS) {
            values.add(ObjectKeys.UNKNOWN_MODEL);
        }
        return new ArrayList<>(values);
    }

    /** {@code s3://bucket[/prefix]} → {@code s3://bucket/prefix/} (one trailing slash). */
    static String normaliseLake(String lakeUri) {
        Objects.requireNonNull(lakeUri, "lakeUri");
        if (!lakeUri.startsWith("s3://") || lakeUri.length() <= "s3://".length() || lakeUri.contains("'")) {
            throw new IllegalArgumentException("lake must be s3://bucket[/prefix]: " + lakeUri);
        }
        String s = lakeUri;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.length() <= "s3://".length()) {
            throw new IllegalArgumentException("lake must name a bucket: " + lakeUri);
        }
        return s + "/";
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("'", "\\'");
    }
}
