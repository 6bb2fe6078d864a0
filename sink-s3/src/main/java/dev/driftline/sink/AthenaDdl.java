package dev.driftline.sink;

import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * {@code CREATE EXTERNAL TABLE} statements for the lake in Athena, with partition projection so no crawler or
 * {@code MSCK REPAIR} is needed: {@code model} is {@code injected} (queries must filter on it, by its escaped value,
 * see {@link ObjectKeys}), {@code dt} a {@code date} projection from 2020-01-01 to NOW by days in
 * {@code yyyy-MM-dd}, {@code hour} an {@code integer} projection 0..23 with 2 digits. Athena computes projected
 * dates (and NOW) in UTC, which matches the UTC {@code dt}/{@code hour} of {@link ObjectKeys}; there is no time-zone
 * property to set.
 *
 * <p>Column types come from the Parquet schema ({@link #athenaType}): BINARY with STRING or JSON annotation →
 * {@code string}, plain BINARY → {@code binary}, INT32 → {@code int}, INT64 → {@code bigint}, INT64
 * TIMESTAMP(MILLIS) → {@code timestamp}, DOUBLE → {@code double}, FLOAT → {@code float}, BOOLEAN →
 * {@code boolean}.
 */
public final class AthenaDdl {

    /** Default Athena database. */
    public static final String DEFAULT_DATABASE = "driftline";

    private AthenaDdl() {
    }

    /** DDL in the {@link #DEFAULT_DATABASE} for a lake at {@code s3://bucket/prefix}. */
    public static String createTable(LakeTable table, String lakeUri) {
        return createTable(table, lakeUri, DEFAULT_DATABASE);
    }

    /** Every table's DDL, separated by blank lines, each ending with a semicolon. */
    public static String createAll(String lakeUri, String database) {
        StringBuilder sb = new StringBuilder();
        for (LakeTable t : LakeTable.values()) {
            sb.append(createTable(t, lakeUri, database)).append(";\n\n");
        }
        return sb.toString();
    }

    /** DDL for one table (no trailing semicolon). */
    public static String createTable(LakeTable table, String lakeUri, String database) {
        Objects.requireNonNull(table, "table");
        String base = normaliseLake(lakeUri);
        if (database == null || !database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database must be lower-case [a-z0-9_]: " + database);
        }
        String location = base + table.tableName() + "/";
        String columns = table.columns().stream()
                .map(c -> "  `" + c.name() + "` " + athenaType(table.schema().getType(c.name())) + " COMMENT '"
                        + quote(c.description()) + "'")
                .collect(Collectors.joining(",\n"));
        return "CREATE EXTERNAL TABLE IF NOT EXISTS `" + database + "`.`" + table.tableName() + "` (\n"
                + columns + "\n)\n"
                + "PARTITIONED BY (`model` string, `dt` string, `hour` string)\n"
                + "STORED AS PARQUET\n"
                + "LOCATION '" + quote(location) + "'\n"
                + "TBLPROPERTIES (\n"
                + "  'projection.enabled'='true',\n"
                + "  'projection.model.type'='injected',\n"
                + "  'projection.dt.type'='date',\n"
                + "  'projection.dt.format'='yyyy-MM-dd',\n"
                + "  'projection.dt.range'='2020-01-01,NOW',\n"
                + "  'projection.dt.interval'='1',\n"
                + "  'projection.dt.interval.unit'='DAYS',\n"
                + "  'projection.hour.type'='integer',\n"
                + "  'projection.hour.range'='0,23',\n"
                + "  'projection.hour.digits'='2',\n"
                + "  'storage.location.template'='" + quote(location) + "model=${model}/dt=${dt}/hour=${hour}/'\n"
                + ")";
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
