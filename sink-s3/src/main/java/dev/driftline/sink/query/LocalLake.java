package dev.driftline.sink.query;

import dev.driftline.sink.LakeColumn;
import dev.driftline.sink.LakeTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * SQL over a local lake directory with embedded DuckDB, under the same table names and column types as the Athena
 * tables ({@link dev.driftline.sink.AthenaDdl}), so an analyst query runs unchanged on a laptop and in Athena.
 *
 * <p>Each {@link LakeTable} becomes a view over
 * {@code read_parquet('<dir>/<table>/*}{@code /*}{@code /*}{@code /*.parquet', hive_partitioning = true, …,
 * union_by_name = true)} with the table's file columns, then {@code model}, {@code dt}, {@code hour} (VARCHAR,
 * like Athena's {@code string} partitions), each cast to the type its {@link LakeColumn.Type} documents. Why each
 * detail is there:
 * <ul>
 *   <li>DuckDB fails on a glob that matches no file, so a table without files is an empty view with the same
 *       columns and types; {@link #query} re-checks before every query, so a table that gets its first file while
 *       the lake is open becomes a file view then.</li>
 *   <li>DuckDB percent-decodes Hive partition values ({@code model=fraud%2Fv2} → {@code fraud/v2}) while Athena
 *       keeps the escaped text of {@link dev.driftline.sink.ObjectKeys}; {@code model} is therefore cut out of the
 *       file name, so {@code WHERE model = 'fraud%2Fv2'} works in both. {@code dt}/{@code hour} are never escaped
 *       and come from Hive partitioning with {@code hive_types} VARCHAR (else DuckDB guesses DATE and BIGINT and
 *       {@code hour = '03'} would fail).</li>
 *   <li>The sink's timestamps are TIMESTAMP(MILLIS, adjusted to UTC), which DuckDB reads as TIMESTAMP WITH TIME
 *       ZONE; they are cast to TIMESTAMP (Athena's {@code timestamp} has no zone) with the session time zone set to
 *       UTC, since the cast — and {@code date_trunc}, {@code current_timestamp} comparisons — use the session zone,
 *       which otherwise is the machine's. JSON columns are read as DuckDB JSON and cast to VARCHAR ({@code string}).
 *       </li>
 *   <li>The files are unioned by name with an empty row of every column, so a column no file has yet (an older
 *       lake) reads as NULL instead of failing the query.</li>
 * </ul>
 * Files whose names do not end in {@code .parquet} (the sink's temporary files) are not read. With
 * {@code union_by_name} DuckDB opens every file's footer of a table at bind time, before partition filters prune.
 * Extension auto-install and auto-load are off: everything needed (parquet, json, icu) is built into the driver,
 * and a missing extension must fail at once instead of trying a download.
 *
 * <p>Values in a {@link QueryResult}: see {@link JdbcResults}; BLOBs are printed as lower-case hex.
 */
public final class LocalLake implements AutoCloseable {

    /** The raw (still escaped) model of a file path {@code …/model=<m>/dt=…/hour=…/<file>}; either separator. */
    static final String MODEL_FROM_PATH = "[/\\\\]model=([^/\\\\]*)[/\\\\]dt=[^/\\\\]*[/\\\\]hour=[^/\\\\]*[/\\\\][^/\\\\]*$";

    private final Path directory;
    private final Connection connection;
    private final Map<LakeTable, Boolean> hasFiles = new EnumMap<>(LakeTable.class);

    private LocalLake(Path directory, Connection connection) {
        this.directory = directory;
        this.connection = connection;
    }

    /**
     * Opens an in-memory DuckDB over the lake at {@code directory} and creates one view per table.
     *
     * @throws IllegalArgumentException when the directory does not exist (naming it) or its path holds glob
     *                                  characters that DuckDB would expand
     */
    public static LocalLake open(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("lake directory " + dir + " does not exist"
                    + (Files.exists(dir) ? " (it is a file)" : ""));
        }
        if (dir.toString().matches(".*[*?\\[\\]{}].*")) {
            throw new IllegalArgumentException("lake directory " + dir
                    + " contains a glob character (* ? [ ] { }), which DuckDB would expand; move or link it");
        }
        Properties props = new Properties();
        props.setProperty("autoinstall_known_extensions", "false");
        props.setProperty("autoload_known_extensions", "false");
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:duckdb:", props);
        } catch (SQLException e) {
            throw new LakeQueryException("cannot start DuckDB: " + e.getMessage(), e);
        }
        LocalLake lake = new LocalLake(dir, c);
        try {
            lake.execute("SET TimeZone = 'UTC'");
            lake.refreshViews();
            return lake;
        } catch (RuntimeException e) {
            lake.close();
            throw e;
        }
    }

    /** The lake directory (absolute). */
    public Path directory() {
        return directory;
    }

    /**
     * Runs one SQL statement (or several separated by {@code ;}, giving the last one's rows) and returns its rows; a
     * statement without rows ({@code SET}, {@code CREATE}) gives an empty result without columns.
     *
     * @throws LakeQueryException with DuckDB's message when the SQL is wrong or a file cannot be read
     */
    public QueryResult query(String sql) {
        refreshViews();
        try (Statement s = connection.createStatement()) {
            if (!s.execute(sql)) {
                return new QueryResult(List.of(), List.of());
            }
            return JdbcResults.read(s.getResultSet());
        } catch (SQLException e) {
            throw new LakeQueryException(e.getMessage(), e);
        }
    }

    /** Parquet files a table has now (what its view reads). */
    public long fileCount(LakeTable table) {
        try (Stream<Path> files = parquetFiles(table)) {
            return files.count();
        }
    }

    /** DuckDB type of a lake column type, matching the Athena type of {@link dev.driftline.sink.AthenaDdl}. */
    public static String duckDbType(LakeColumn.Type type) {
        return switch (type) {
            case STRING, JSON -> "VARCHAR";
            case BYTES -> "BLOB";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case DOUBLE -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> "TIMESTAMP";
        };
    }

    /** {@code CREATE OR REPLACE VIEW} of a table over {@code lakeDir}, or the empty view when it has no files. */
    static String viewSql(LakeTable table, Path lakeDir, boolean withFiles) {
        List<String> out = new ArrayList<>();
        for (LakeColumn c : table.columns()) {
            String source = withFiles ? ident(c.name()) : "NULL";
            out.add("CAST(" + source + " AS " + duckDbType(c.type()) + ") AS " + ident(c.name()));
        }
        String view = "CREATE OR REPLACE VIEW " + ident(table.tableName()) + " AS SELECT ";
        if (!withFiles) {
            out.add("CAST(NULL AS VARCHAR) AS model");
            out.add("CAST(NULL AS VARCHAR) AS dt");
            out.add("CAST(NULL AS VARCHAR) AS hour");
            return view + String.join(", ", out) + " WHERE false";
        }
        out.add("regexp_extract(filename, " + literal(MODEL_FROM_PATH) + ", 1) AS model");
        out.add("CAST(dt AS VARCHAR) AS dt");
        out.add("CAST(hour AS VARCHAR) AS hour");
        String nulls = table.columns().stream().map(c -> "NULL AS " + ident(c.name()))
                .collect(Collectors.joining(", "));
        String glob = lakeDir.resolve(table.tableName()).resolve("*").resolve("*").resolve("*").resolve("*.parquet")
                .toString();
        return view + String.join(", ", out) + " FROM (SELECT " + nulls + " WHERE false UNION ALL BY NAME "
                + "SELECT * FROM read_parquet(" + literal(glob) + ", hive_partitioning = true, "
                + "hive_types = {'model': VARCHAR, 'dt': VARCHAR, 'hour': VARCHAR}, union_by_name = true, "
                + "filename = true))";
    }

    /** A SQL string literal: single quotes doubled. */
    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** A quoted SQL identifier (some columns are keywords: {@code row}, {@code count}, {@code rows}). */
    static String ident(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** (Re)creates the views whose file / no-file state changed since the last call. */
    private void refreshViews() {
        for (LakeTable t : LakeTable.values()) {
            boolean files;
            try (Stream<Path> s = parquetFiles(t)) {
                files = s.findAny().isPresent();
            }
            if (!Boolean.valueOf(files).equals(hasFiles.get(t))) {
                execute(viewSql(t, directory, files));
                hasFiles.put(t, files);
            }
        }
    }

    /** The files the view's glob {@code <table>/*}{@code /*}{@code /*}{@code /*.parquet} matches. */
    private Stream<Path> parquetFiles(LakeTable table) {
        Path root = directory.resolve(table.tableName());
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        try {
            return Files.find(root, 4, (p, attrs) -> attrs.isRegularFile() && root.relativize(p).getNameCount() == 4
                    && p.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private void execute(String sql) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new LakeQueryException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new LakeQueryException("cannot close DuckDB: " + e.getMessage(), e);
        }
    }
}
