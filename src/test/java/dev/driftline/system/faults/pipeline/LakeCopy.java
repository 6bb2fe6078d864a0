package dev.driftline.system.faults.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A local copy of an S3 lake (every object under a prefix, downloaded straight from the store, not through any
 * fault proxy) and the rows in it counted per key with embedded DuckDB, as an analyst's query would read them.
 */
public final class LakeCopy {
    private final Path dir;

    private LakeCopy(Path dir) {
        this.dir = dir;
    }

    /** Downloads {@code s3://bucket/prefix/…} into {@code dir}, keeping the keys' paths below the prefix. */
    public static LakeCopy download(S3Client s3, String bucket, String prefix, Path dir) throws Exception {
        Files.createDirectories(dir);
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + "/")).contents()) {
            Path target = dir.resolve(o.key().substring(prefix.length() + 1));
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(target);
            s3.getObject(b -> b.bucket(bucket).key(o.key()), target);
        }
        return new LakeCopy(dir);
    }

    /** A lake on the local file system ({@code file://} lakes): read in place. */
    public static LakeCopy local(Path dir) {
        return new LakeCopy(dir);
    }

    /** Whether {@code table} has any Parquet file. */
    public boolean hasTable(String table) throws Exception {
        Path t = dir.resolve(table);
        if (!Files.isDirectory(t)) {
            return false;
        }
        try (var s = Files.walk(t)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
        }
    }

    /** {@code inference_id#row} → how many rows of {@code table} carry it (empty when the table has no file). */
    public Map<String, Long> rowsPerKey(String table) throws Exception {
        return rowsPer(table, "inference_id || '#' || \"row\"");
    }

    /** {@code kafka_partition@kafka_offset} → how many rows of {@code table} came from that source record. */
    public Map<String, Long> rowsPerSourceRecord(String table) throws Exception {
        return rowsPer(table, "kafka_partition || '@' || kafka_offset");
    }

    private Map<String, Long> rowsPer(String table, String key) throws Exception {
        Map<String, Long> out = new HashMap<>();
        if (!hasTable(table)) {
            return out;
        }
        String sql = "SELECT " + key + ", count(*) FROM read_parquet('" + dir.resolve(table)
                + "/*/*/*/*.parquet', hive_partitioning = true) GROUP BY 1";
        Properties p = new Properties();
        p.setProperty("autoinstall_known_extensions", "false");
        p.setProperty("autoload_known_extensions", "false");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:", p); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }
}
