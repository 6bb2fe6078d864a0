package dev.driftline.sink.query;

import dev.driftline.sink.LakeColumn;
import dev.driftline.sink.LakeTable;
import dev.driftline.sink.ObjectKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes fixture lakes for tests with DuckDB itself ({@code COPY … TO … (FORMAT PARQUET)}), in the sink's layout
 * ({@link ObjectKeys#key}): every column of the table, missing ones as typed NULLs, the {@code kafka_*} columns
 * filled in, timestamps as TIMESTAMP WITH TIME ZONE (DuckDB writes isAdjustedToUTC = true, like the sink) or, with
 * {@code plainTimestamps}, as TIMESTAMP (isAdjustedToUTC = false), so both readings are exercised.
 */
final class LakeFixture implements AutoCloseable {

    private final Path dir;
    private final Connection connection;
    private long nextOffset;
    private final Map<LakeTable, Integer> written = new LinkedHashMap<>();

    LakeFixture(Path dir) throws SQLException {
        this.dir = dir;
        this.connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("SET TimeZone = 'UTC'"); // the literals below are UTC wall clock
        }
    }

    /** A row from alternating column names and values. */
    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Rows written per table so far. */
    int written(LakeTable t) {
        return written.getOrDefault(t, 0);
    }

    Path write(LakeTable t, String model, Instant partitionTime, List<Map<String, Object>> rows) throws Exception {
        return write(t, model, partitionTime, false, rows);
    }

    /** Writes one file of {@code rows} into the partition of {@code partitionTime}; returns its path. */
    Path write(LakeTable t, String model, Instant partitionTime, boolean plainTimestamps,
            List<Map<String, Object>> rows) throws Exception {
        long first = nextOffset;
        List<String> tuples = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, Object> full = new LinkedHashMap<>(r);
            full.putIfAbsent("kafka_partition", 0);
            full.putIfAbsent("kafka_offset", nextOffset++);
            full.putIfAbsent("kafka_timestamp", partitionTime);
            for (String k : full.keySet()) {
                if (t.column(k).isEmpty()) {
                    throw new IllegalArgumentException(t.tableName() + " has no column " + k);
                }
            }
            tuples.add(t.columns().stream().map(c -> literal(full.get(c.name())))
                    .collect(Collectors.joining(", ", "(", ")")));
        }
        String names = t.columns().stream().map(c -> LocalLake.ident(c.name())).collect(Collectors.joining(", "));
        String select = t.columns().stream()
                .map(c -> "CAST(" + LocalLake.ident(c.name()) + " AS " + writerType(c.type(), plainTimestamps)
                        + ") AS " + LocalLake.ident(c.name()))
                .collect(Collectors.joining(", "));
        Path file = dir.resolve(ObjectKeys.key(t, model, partitionTime, t.topic("driftline."), 0, first));
        Files.createDirectories(file.getParent());
        try (Statement s = connection.createStatement()) {
            s.execute("COPY (SELECT " + select + " FROM (VALUES " + String.join(", ", tuples) + ") v(" + names
                    + ")) TO " + LocalLake.literal(file.toString()) + " (FORMAT PARQUET)");
        }
        written.merge(t, rows.size(), Integer::sum);
        return file;
    }

    /** Runs raw SQL on the writer's DuckDB, for files the helper cannot shape (an older schema). */
    void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private static String writerType(LakeColumn.Type type, boolean plainTimestamps) {
        return switch (type) {
            case TIMESTAMP -> plainTimestamps ? "TIMESTAMP" : "TIMESTAMPTZ";
            case JSON -> "JSON";
            default -> LocalLake.duckDbType(type);
        };
    }

    private static String literal(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof Instant i) {
            return "'" + JdbcResults.timestamp(LocalDateTime.ofInstant(i, ZoneOffset.UTC)) + "'";
        }
        if (v instanceof byte[] b) {
            return "unhex('" + HexFormat.of().formatHex(b) + "')";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        return LocalLake.literal(v.toString());
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
