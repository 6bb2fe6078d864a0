package dev.driftline.bench.sink;

import dev.driftline.bench.support.Dirs;
import dev.driftline.bench.support.Figures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The reference of {@code driftline bench sink}: an in-memory DuckDB that loads the bench's records (a JSON-lines
 * file, untimed) into a table with the columns of {@code inference_log} (same order, then {@code model}, which the
 * sink keeps in the path) and writes it to Parquet with {@code COPY … (FORMAT PARQUET)}, timed; and a check that the
 * sink's lake holds exactly the same rows. Extensions are never installed or auto-loaded (parquet and json are built
 * into the driver).
 */
final class DuckDbReference implements AutoCloseable {
    /** inference_log's file columns as SQL over the loaded JSON, then model. */
    private static final String SELECT = "SELECT schema_version, model_version, inference_id, \"row\", event_time, "
            + "features AS features_json, predictions AS predictions_json, label AS label_json, kafka_partition, "
            + "kafka_offset, make_timestamp(kafka_timestamp * 1000) AS kafka_timestamp, model";
    private static final String COLUMNS = "columns = {schema_version: 'INTEGER', model: 'VARCHAR', "
            + "model_version: 'VARCHAR', inference_id: 'VARCHAR', \"row\": 'INTEGER', event_time: 'TIMESTAMP', "
            + "features: 'JSON', predictions: 'JSON', label: 'JSON', kafka_partition: 'INTEGER', "
            + "kafka_offset: 'BIGINT', kafka_timestamp: 'BIGINT'}";

    /** One COPY variant, repeated: median and best seconds, and what one repeat wrote. */
    record Copy(double medianSeconds, double bestSeconds, int repeats, long bytes, long files) {
    }

    private final Connection connection;
    private final int threads;

    /** @param threads DuckDB's {@code threads}; 0 keeps its default (the machine's cores) */
    DuckDbReference(int threads) throws SQLException {
        Properties props = new Properties();
        props.setProperty("autoinstall_known_extensions", "false");
        props.setProperty("autoload_known_extensions", "false");
        connection = DriverManager.getConnection("jdbc:duckdb:", props);
        try (Statement s = connection.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            if (threads > 0) {
                s.execute("SET threads = " + threads);
            }
        }
        this.threads = (int) longQuery("SELECT current_setting('threads')");
    }

    /** DuckDB's threads. */
    int threads() {
        return threads;
    }

    /** Loads the JSON lines into table {@code t}; returns its row count. */
    long load(Path jsonLines) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE OR REPLACE TABLE t AS " + SELECT + " FROM read_json(" + literal(jsonLines)
                    + ", format = 'newline_delimited', " + COLUMNS + ")");
        }
        return longQuery("SELECT count(*) FROM t");
    }

    /**
     * Writes {@code t} with {@code COPY} (after one untimed warm-up) {@code repeats} times to a fresh target under
     * {@code dir}: one file, or with {@code partitioned} Hive partitions {@code model/dt/hour} like the lake's.
     */
    Copy copy(Path dir, String compression, boolean partitioned, int repeats) throws SQLException, IOException {
        List<Double> seconds = new ArrayList<>();
        long bytes = 0;
        long files = 0;
        for (int i = -1; i < repeats; i++) {
            Path target = dir.resolve((partitioned ? "partitioned-" : "single-") + (i + 1) + (partitioned ? "" : ".parquet"));
            String codec = compression.toUpperCase(Locale.ROOT);
            String sql = partitioned
                    ? "COPY (SELECT *, strftime(event_time, '%Y-%m-%d') AS dt, strftime(event_time, '%H') AS hour "
                    + "FROM t) TO " + literal(target) + " (FORMAT PARQUET, COMPRESSION " + codec
                    + ", PARTITION_BY (model, dt, hour))"
                    : "COPY t TO " + literal(target) + " (FORMAT PARQUET, COMPRESSION " + codec + ")";
            long t0 = System.nanoTime();
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            long[] size = sizeOf(target);
            if (i >= 0) {
                seconds.add(s);
                bytes = size[0];
                files = size[1];
            }
            Dirs.deleteRecursively(target);
        }
        double[] timed = seconds.stream().mapToDouble(Double::doubleValue).toArray();
        return new Copy(Figures.median(timed), Arrays.stream(timed).min().getAsDouble(), repeats, bytes, files);
    }

    /**
     * Rows of the lake's {@code inference_log} files under {@code lake} that are not in {@code t} plus rows of
     * {@code t} not in the lake, compared on every column (timestamps as epoch ms; JSON as DuckDB's own rendering
     * of it, since DuckDB's JSON reader rewrites numbers such as {@code 1.5E-5}); and the lake's row count. Two
     * zeros and a count of {@code t}'s rows mean the sink wrote exactly the same rows.
     */
    long[] compareWithLake(Path lake) throws SQLException {
        String files = literal(lake.resolve("inference_log").toAbsolutePath() + "/**/*.parquet");
        String cols = "schema_version, model_version, inference_id, \"row\", epoch_ms(event_time) AS et, "
                + "json_extract(features_json, '$')::VARCHAR AS f, json_extract(predictions_json, '$')::VARCHAR AS p, "
                + "json_extract(label_json, '$')::VARCHAR AS l, "
                + "kafka_partition, kafka_offset, epoch_ms(kafka_timestamp) AS kt, model";
        String lakeRows = "SELECT " + cols + " FROM read_parquet(" + files + ", hive_partitioning = true, "
                + "hive_types = {'model': VARCHAR, 'dt': VARCHAR, 'hour': VARCHAR})";
        String refRows = "SELECT " + cols + " FROM t";
        long extra = longQuery("SELECT count(*) FROM (" + lakeRows + " EXCEPT ALL " + refRows + ")");
        long missing = longQuery("SELECT count(*) FROM (" + refRows + " EXCEPT ALL " + lakeRows + ")");
        long count = longQuery("SELECT count(*) FROM read_parquet(" + files + ")");
        return new long[] {extra, missing, count};
    }

    private long longQuery(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return Long.parseLong(r.getString(1));
        }
    }

    private static String literal(Path p) {
        return literal(p.toAbsolutePath().toString());
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** {bytes, files} of the .parquet files at a path (a file or a directory tree). */
    static long[] sizeOf(Path target) throws IOException {
        if (!Files.exists(target)) {
            return new long[] {0, 0};
        }
        long[] out = new long[2];
        try (Stream<Path> paths = Files.walk(target)) {
            for (Path p : paths.filter(x -> Files.isRegularFile(x) && x.toString().endsWith(".parquet")).toList()) {
                out[0] += Files.size(p);
                out[1]++;
            }
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
