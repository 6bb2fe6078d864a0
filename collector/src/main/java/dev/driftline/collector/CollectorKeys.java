package dev.driftline.collector;

import static dev.driftline.config.Parsers.BOOLEAN;
import static dev.driftline.config.Parsers.BYTES;
import static dev.driftline.config.Parsers.DURATION_PARSER;
import static dev.driftline.config.Parsers.INT;
import static dev.driftline.config.Parsers.LIST;
import static dev.driftline.config.Parsers.PATH;
import static dev.driftline.config.Parsers.STRING;

import dev.driftline.config.ConfigKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every configuration key of the collector, with its default and meaning. Set them in a properties file
 * ({@code --config}), as {@code DRIFTLINE_<KEY>} variables (dots and dashes become underscores) or with flags.
 * Kafka producer properties go under {@code kafka.*} in the file or as {@code KAFKA_*} variables.
 */
public final class CollectorKeys {
    private CollectorKeys() {
    }

    public static final ConfigKey<String> BOOTSTRAP_SERVERS = ConfigKey.of("bootstrap-servers", STRING, null,
            "Kafka bootstrap servers (host:port,...); falls back to kafka.bootstrap.servers / KAFKA_BOOTSTRAP_SERVERS.");
    public static final ConfigKey<String> TOPIC_PREFIX = ConfigKey.of("topics.prefix", STRING, "driftline.",
            "Prefix of every driftline topic; events go to <prefix>inference.events.");
    public static final ConfigKey<Integer> TOPIC_PARTITIONS = ConfigKey.of("topics.partitions", INT, "6",
            "Partitions of the events topic when the collector creates it.").validate(n -> n > 0, "positive");
    public static final ConfigKey<Integer> TOPIC_REPLICATION = ConfigKey.of("topics.replication-factor", INT, "-1",
            "Replication factor when the collector creates the topic; -1 uses the broker's default.")
            .validate(n -> n == -1 || n > 0, "-1 or positive");

    public static final ConfigKey<String> HOST = ConfigKey.of("collector.host", STRING, "0.0.0.0",
            "Interface the HTTP server binds to.");
    public static final ConfigKey<Integer> PORT = ConfigKey.port("collector.port", 8080, "HTTP port (0 picks a free one).");
    public static final ConfigKey<Long> MAX_BODY = ConfigKey.of("collector.max-body-size", BYTES, "10MiB",
            "Largest request body accepted as sent on the wire; larger bodies get 413.").validate(n -> n > 0, "positive");
    public static final ConfigKey<Long> MAX_DECOMPRESSED = ConfigKey.of("collector.max-decompressed-size", BYTES,
            "10MiB", "Largest body after gzip/deflate decoding; larger gets 413 (guards against zip bombs).")
            .validate(n -> n > 0, "positive");
    public static final ConfigKey<Long> MAX_IN_FLIGHT = ConfigKey.of("collector.max-in-flight-bytes", BYTES, "64MiB",
            "Body bytes held at once (being read or awaiting Kafka's ack); beyond it new requests get 503.")
            .validate(n -> n > 0, "positive");
    public static final ConfigKey<Duration> ACK_TIMEOUT = ConfigKey.of("collector.ack-timeout", DURATION_PARSER,
            "150ms", "How long a request waits for Kafka's ack before it is answered 503 + Retry-After.")
            .validate(d -> !d.isNegative() && !d.isZero(), "positive");
    public static final ConfigKey<Duration> RETRY_AFTER = ConfigKey.of("collector.retry-after", DURATION_PARSER, "1s",
            "Value of the Retry-After header on 503 answers (whole seconds).")
            .validate(d -> d.toSeconds() >= 1, "at least 1s");
    public static final ConfigKey<Duration> READ_TIMEOUT = ConfigKey.of("collector.read-timeout", DURATION_PARSER,
            "10s", "A request's body must arrive completely within this time, else 408.");
    public static final ConfigKey<Duration> IDLE_TIMEOUT = ConfigKey.of("collector.idle-timeout", DURATION_PARSER,
            "60s", "Idle keep-alive connections are closed after this time.")
            .validate(d -> d.toSeconds() >= 1, "at least 1s");
    public static final ConfigKey<Duration> SHUTDOWN_TIMEOUT = ConfigKey.of("collector.shutdown-timeout",
            DURATION_PARSER, "30s", "On SIGTERM, how long in-flight requests may take to finish.");
    public static final ConfigKey<Duration> SHUTDOWN_DELAY = ConfigKey.of("collector.shutdown-delay",
            DURATION_PARSER, "0s", "On SIGTERM, how long the port stays open answering 503 + Retry-After (readiness "
                    + "503) before it closes, so load balancers stop routing here first (Kubernetes: a few seconds).");
    public static final ConfigKey<List<String>> EXTRA_TYPES = ConfigKey.of("collector.extra-event-types", LIST, "",
            "CloudEvent types accepted besides KServe's request/response types (comma-separated).");
    /** Paths the probes and metrics use; an events path may not take one of them. */
    public static final List<String> RESERVED_PATHS = List.of("/healthz", "/readyz", "/metrics");
    public static final ConfigKey<List<String>> EVENT_PATHS = ConfigKey.of("collector.paths", LIST, "/,/v1/events,/log",
            "HTTP paths that accept inference events (comma-separated). /log is what KServe users' logger URLs "
                    + "point at (http://logger-service.monitoring.svc.cluster.local:8080/log); other paths get 404 "
                    + "naming these.").validate(CollectorKeys::validPaths,
            "paths starting with '/', not /healthz, /readyz or /metrics, at least one");
    public static final ConfigKey<List<String>> CONTENT_TYPES = ConfigKey.of("collector.content-types", LIST,
            "application/json,text/plain,text/csv,application/octet-stream,application/x-ndjson",
            "Media types accepted as binary-mode bodies (any +json type is accepted too); others get 415.");
    public static final ConfigKey<Integer> MAX_MODEL_TAGS = ConfigKey.of("collector.metrics.max-models", INT, "200",
            "Distinct model names used as a metrics tag; further models are counted under '_other'.")
            .validate(n -> n > 0, "positive");

    public static final ConfigKey<Path> AUTH_TOKENS_FILE = ConfigKey.of("collector.auth.tokens-file", PATH, null,
            "File with accepted bearer tokens, one per line; when set (or tokens are), events need a token.");
    public static final ConfigKey<List<String>> AUTH_TOKENS = ConfigKey.of("collector.auth.tokens", LIST, null,
            "Accepted bearer tokens, comma-separated (prefer the env variable or the tokens file).").asSecret();

    public static final ConfigKey<Path> TLS_KEYSTORE = ConfigKey.of("collector.tls.keystore.path", PATH, null,
            "PKCS12 or JKS keystore with the server certificate; enables HTTPS.");
    public static final ConfigKey<String> TLS_KEYSTORE_PASSWORD = ConfigKey.of("collector.tls.keystore.password",
            STRING, "", "Keystore password.").asSecret();
    public static final ConfigKey<String> TLS_KEYSTORE_TYPE = ConfigKey.of("collector.tls.keystore.type", STRING,
            "PKCS12", "Keystore type: PKCS12 or JKS.").validate(t -> t.equals("PKCS12") || t.equals("JKS"),
            "PKCS12 or JKS");
    public static final ConfigKey<Path> TLS_TRUSTSTORE = ConfigKey.of("collector.tls.truststore.path", PATH, null,
            "Truststore of client CAs; when set, clients must present a certificate (mTLS).");
    public static final ConfigKey<String> TLS_TRUSTSTORE_PASSWORD = ConfigKey.of("collector.tls.truststore.password",
            STRING, "", "Truststore password.").asSecret();
    public static final ConfigKey<String> TLS_TRUSTSTORE_TYPE = ConfigKey.of("collector.tls.truststore.type", STRING,
            "PKCS12", "Truststore type: PKCS12 or JKS.").validate(t -> t.equals("PKCS12") || t.equals("JKS"),
            "PKCS12 or JKS");

    /** Per-model rules live under this open prefix: {@code collector.redaction.model.<model>.drop|hash = a,b}. */
    public static final String REDACTION_MODEL_PREFIX = "collector.redaction.model.";
    public static final ConfigKey<String> REDACTION_KEY = ConfigKey.of("collector.redaction.hash-key", STRING, null,
            "Secret key (at least 16 bytes) for hashed inputs; required when any model has hash rules.").asSecret();
    public static final ConfigKey<Path> REDACTION_KEY_FILE = ConfigKey.of("collector.redaction.hash-key-file", PATH,
            null, "File holding the redaction hash key (alternative to collector.redaction.hash-key).");

    public static final ConfigKey<Boolean> PRINT_CONFIG = ConfigKey.of("collector.log-config", BOOLEAN, "true",
            "Log the effective configuration (secrets masked) at start-up.");
    public static final ConfigKey<Duration> STARTUP_TIMEOUT = ConfigKey.of("collector.startup-timeout",
            DURATION_PARSER, "60s", "How long the collector waits at start-up for Kafka at the bootstrap servers to answer (a TCP connect, "
                    + "then describeCluster, once a second; a line every 10 s says what it waits for) before it exits "
                    + "non-zero; 0s starts at once and answers 503 until Kafka is reachable (as it does whenever "
                    + "Kafka goes away later).")
            .validate(d -> d.isZero() || d.toMillis() >= 1000, "0s (no wait) or at least 1s");

    public static final List<ConfigKey<?>> ALL = List.of(BOOTSTRAP_SERVERS, TOPIC_PREFIX, TOPIC_PARTITIONS,
            TOPIC_REPLICATION, HOST, PORT, MAX_BODY, MAX_DECOMPRESSED, MAX_IN_FLIGHT, ACK_TIMEOUT, RETRY_AFTER,
            READ_TIMEOUT, IDLE_TIMEOUT, SHUTDOWN_TIMEOUT, SHUTDOWN_DELAY, EVENT_PATHS, EXTRA_TYPES, CONTENT_TYPES, MAX_MODEL_TAGS,
            AUTH_TOKENS_FILE, AUTH_TOKENS, TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD, TLS_KEYSTORE_TYPE, TLS_TRUSTSTORE,
            TLS_TRUSTSTORE_PASSWORD, TLS_TRUSTSTORE_TYPE, REDACTION_KEY, REDACTION_KEY_FILE, PRINT_CONFIG,
            STARTUP_TIMEOUT);

    private static boolean validPaths(List<String> paths) {
        return !paths.isEmpty() && paths.stream().allMatch(p -> p.startsWith("/") && !p.contains(" ")
                && !RESERVED_PATHS.contains(p));
    }
}
