package dev.driftline.sink.service;

import static dev.driftline.config.Parsers.BYTES;
import static dev.driftline.config.Parsers.DURATION_PARSER;
import static dev.driftline.config.Parsers.INT;
import static dev.driftline.config.Parsers.LIST;
import static dev.driftline.config.Parsers.LONG;
import static dev.driftline.config.Parsers.STRING;

import dev.driftline.config.ConfigKey;
import dev.driftline.sink.LakeLocation;
import dev.driftline.sink.LakeTable;
import dev.driftline.sink.write.ParquetSettings;
import dev.driftline.sink.write.S3LakeStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Every configuration key of {@code driftline sink}, with its default and meaning. Set them in a properties file
 * ({@code --config}), as {@code DRIFTLINE_<KEY>} variables (dots and dashes become underscores) or with flags;
 * Kafka consumer properties go under {@code kafka.*} in the file or as {@code KAFKA_*} variables. The sink always
 * commits manually and reads {@code read_committed}.
 */
public final class SinkKeys {
    private SinkKeys() {
    }

    public static final ConfigKey<String> BOOTSTRAP_SERVERS = ConfigKey.of("bootstrap-servers", STRING, null,
            "Kafka bootstrap servers (host:port,...); falls back to kafka.bootstrap.servers / KAFKA_BOOTSTRAP_SERVERS.");
    public static final ConfigKey<String> TOPIC_PREFIX = ConfigKey.of("topics.prefix", STRING, "driftline.",
            "Prefix of every driftline topic.");
    public static final ConfigKey<String> LAKE = ConfigKey.of("sink.lake", STRING, "driftline-lake",
            "Where the lake is: s3://BUCKET/PREFIX, file:///DIR or a local directory path.")
            .validate(SinkKeys::isLake, "s3://BUCKET[/PREFIX], file:///DIR or a directory path");
    public static final ConfigKey<String> GROUP_ID = ConfigKey.of("sink.group-id", STRING, "driftline-sink",
            "Consumer group of the sink; its committed offsets say what is in the lake.");
    public static final ConfigKey<List<String>> TABLES = ConfigKey.of("sink.tables", LIST,
            allTables(","), "Tables to write (comma-separated); each reads its own topic.")
            .validate(SinkKeys::areTables, "names of lake tables: " + allTables(", "));
    public static final ConfigKey<String> ENDPOINT_URL = ConfigKey.of("sink.endpoint-url", STRING, null,
            "S3 endpoint to use instead of AWS's (e.g. a local moto or MinIO); path-style addressing then.");
    public static final ConfigKey<String> REGION = ConfigKey.of("sink.region", STRING, null,
            "AWS region of the bucket; default from the SDK's provider chain (AWS_REGION, profile), else us-east-1.");
    public static final ConfigKey<String> SSE_KMS_KEY_ID = ConfigKey.of("sink.sse-kms-key-id", STRING, null,
            "SSE-KMS key id or ARN for the objects; unset = the bucket's default encryption.");
    public static final ConfigKey<Long> PART_SIZE = ConfigKey.of("sink.s3.part-size", BYTES, "8MiB",
            "Multipart upload part size (memory per open S3 object is about one part).")
            .validate(n -> n >= S3LakeStore.MIN_PART_SIZE && n <= Integer.MAX_VALUE, "between 5MiB and 2GiB");
    public static final ConfigKey<String> COMPRESSION = ConfigKey.of("sink.compression", STRING, "zstd",
            "Parquet compression: zstd, snappy, gzip or uncompressed.")
            .validate(SinkKeys::isCodec, "zstd, snappy, gzip or uncompressed");
    public static final ConfigKey<Long> ROW_GROUP_SIZE = ConfigKey.of("sink.parquet.row-group-size", BYTES, "64MiB",
            "Parquet row-group size: an open file buffers up to this much before it streams a row group out (to the "
                    + "temporary file or the next multipart part).").validate(n -> n >= 1024 && n <= (1L << 31),
            "between 1KiB and 2GiB");
    public static final ConfigKey<Long> ROTATE_RECORDS = ConfigKey.of("sink.rotate.records", LONG, "100000",
            "A partition's batch is written after this many source records.").validate(n -> n >= 1, ">= 1");
    public static final ConfigKey<Long> ROTATE_BYTES = ConfigKey.of("sink.rotate.bytes", BYTES, "128MiB",
            "... or after this many bytes of source keys and values.").validate(n -> n >= 1, ">= 1");
    public static final ConfigKey<Duration> ROTATE_INTERVAL = ConfigKey.of("sink.rotate.interval", DURATION_PARSER,
            "1h", "... or when a record's event time is in another interval of this length (epoch-aligned).")
            .validate(d -> d.toMillis() >= 1, "> 0");
    public static final ConfigKey<Duration> ROTATE_MAX_OPEN = ConfigKey.of("sink.rotate.max-open", DURATION_PARSER,
            "1m", "... or when the batch has been open this long (wall clock), so quiet topics reach the lake.")
            .validate(d -> d.toMillis() >= 1, "> 0");
    public static final ConfigKey<Integer> METRICS_PORT = ConfigKey.of("sink.metrics.port", INT, "9465",
            "Port of /metrics, /healthz and /readyz; 0 picks a free one, -1 turns it off.")
            .validate(p -> p >= -1 && p <= 65535, "-1, or a port between 0 and 65535");
    public static final ConfigKey<String> METRICS_HOST = ConfigKey.of("sink.metrics.host", STRING, "0.0.0.0",
            "Interface the metrics endpoint binds to.");
    public static final ConfigKey<Duration> STARTUP_TIMEOUT = ConfigKey.of("sink.startup-timeout", DURATION_PARSER,
            "60s", "How long the service waits at start-up for Kafka at the bootstrap servers to answer (a TCP connect, then describeCluster, once a second; a line every 10 s says what it waits for) before it exits non-zero.").validate(d -> d.toMillis() >= 1000, "at least 1s");

    public static final List<ConfigKey<?>> ALL = List.of(BOOTSTRAP_SERVERS, TOPIC_PREFIX, LAKE, GROUP_ID, TABLES,
            ENDPOINT_URL, REGION, SSE_KMS_KEY_ID, PART_SIZE, COMPRESSION, ROW_GROUP_SIZE, ROTATE_RECORDS, ROTATE_BYTES,
            ROTATE_INTERVAL, ROTATE_MAX_OPEN, METRICS_PORT, METRICS_HOST, STARTUP_TIMEOUT);

    /** Every table's name, in {@link LakeTable} order: the default is all of them. */
    private static String allTables(String separator) {
        return Arrays.stream(LakeTable.values()).map(LakeTable::tableName)
                .collect(java.util.stream.Collectors.joining(separator));
    }

    private static boolean isLake(String s) {
        try {
            LakeLocation.parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean areTables(List<String> names) {
        return !names.isEmpty() && names.stream().allMatch(n -> Arrays.stream(LakeTable.values())
                .anyMatch(t -> t.tableName().equals(n)));
    }

    private static boolean isCodec(String s) {
        try {
            ParquetSettings.codec(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
