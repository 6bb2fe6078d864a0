package dev.driftline.sink.cloudwatch;

import static dev.driftline.config.Parsers.BOOLEAN;
import static dev.driftline.config.Parsers.DURATION_PARSER;
import static dev.driftline.config.Parsers.INT;
import static dev.driftline.config.Parsers.STRING;

import dev.driftline.config.ConfigKey;
import java.time.Duration;
import java.util.List;

/**
 * Every configuration key of {@code driftline cloudwatch publish}, with its default and meaning. Set them in a
 * properties file ({@code --config}), as {@code DRIFTLINE_<KEY>} variables or with flags; Kafka consumer properties go
 * under {@code kafka.*}. Defaults are SageMaker Model Monitor's real-time endpoint names (see
 * {@code sink-s3/CLOUDWATCH.md}), so alarms built on Model Monitor's metrics keep working.
 */
public final class CloudWatchKeys {
    private CloudWatchKeys() {
    }

    /** {@code cloudwatch.endpoint.model.<model> = <endpoint name>}: the endpoint a model's metrics are published for. */
    public static final String ENDPOINT_MODEL_PREFIX = "cloudwatch.endpoint.model.";
    /** {@code cloudwatch.schedule.model.<model> = <schedule name>}: the monitoring schedule dimension's value. */
    public static final String SCHEDULE_MODEL_PREFIX = "cloudwatch.schedule.model.";
    public static final List<String> OPEN_PREFIXES = List.of(ENDPOINT_MODEL_PREFIX, SCHEDULE_MODEL_PREFIX);

    public static final ConfigKey<String> BOOTSTRAP_SERVERS = ConfigKey.of("bootstrap-servers", STRING, null,
            "Kafka bootstrap servers (host:port,...); falls back to kafka.bootstrap.servers / KAFKA_BOOTSTRAP_SERVERS.");
    public static final ConfigKey<String> TOPIC_PREFIX = ConfigKey.of("topics.prefix", STRING, "driftline.",
            "Prefix of every driftline topic (reads <prefix>drift and <prefix>model-quality).");
    public static final ConfigKey<String> GROUP_ID = ConfigKey.of("cloudwatch.group-id", STRING,
            "driftline-cloudwatch", "Consumer group of the publisher; offsets are committed after a successful publish.");
    public static final ConfigKey<String> ENDPOINT_URL = ConfigKey.of("cloudwatch.endpoint-url", STRING, null,
            "CloudWatch endpoint to use instead of AWS's (e.g. a local moto).");
    public static final ConfigKey<String> REGION = ConfigKey.of("cloudwatch.region", STRING, null,
            "AWS region; default from the SDK's provider chain (AWS_REGION, profile), else us-east-1.");
    public static final ConfigKey<String> DATA_NAMESPACE = ConfigKey.of("cloudwatch.namespace.data", STRING,
            "/aws/sagemaker/Endpoints/data-metric", "Namespace of the drift and data-quality metrics "
                    + "(Model Monitor's for real-time endpoints; batch transform: /aws/sagemaker/ModelMonitoring/data-metric).")
            .validate(CloudWatchKeys::isNamespace, "1-255 characters, not starting with AWS/");
    public static final ConfigKey<String> QUALITY_NAMESPACE = ConfigKey.of("cloudwatch.namespace.model-quality",
            STRING, "/aws/sagemaker/Endpoints/model-metrics", "Namespace of the model-quality metrics.")
            .validate(CloudWatchKeys::isNamespace, "1-255 characters, not starting with AWS/");
    public static final ConfigKey<String> ENDPOINT_DIMENSION = ConfigKey.of("cloudwatch.dimension.endpoint", STRING,
            "EndpointName", "Name of the dimension holding the endpoint (from the model, see cloudwatch.endpoint.model.*).")
            .validate(CloudWatchKeys::isDimensionName, "1-255 characters");
    public static final ConfigKey<String> SCHEDULE_DIMENSION = ConfigKey.of("cloudwatch.dimension.schedule", STRING,
            "ScheduleName", "Name of the dimension holding the monitoring schedule; empty = no such dimension (batch "
                    + "transform monitors use MonitoringSchedule alone: set the endpoint dimension to that).");
    public static final ConfigKey<String> SCHEDULE_PREFIX = ConfigKey.of("cloudwatch.schedule-prefix", STRING,
            "driftline-", "A model's schedule dimension value is this + the model name, unless "
                    + SCHEDULE_MODEL_PREFIX + "<model> names it.");
    public static final ConfigKey<String> VERSION_DIMENSION = ConfigKey.of("cloudwatch.dimension.version", STRING, "",
            "Per-version model-quality windows (canary rollouts) are skipped; set a dimension name (e.g. VariantName) "
                    + "to publish them with the version in it.");
    public static final ConfigKey<Boolean> VIOLATION_COUNTS = ConfigKey.of("cloudwatch.violation-counts", BOOLEAN,
            "true", "Also publish constraint_violations_<check type> (violations per window; not a Model Monitor name).");
    public static final ConfigKey<Integer> MAX_ATTEMPTS = ConfigKey.of("cloudwatch.max-attempts", INT, "6",
            "Attempts per PutMetricData call on throttling, 5xx or network errors before the poll is retried later "
                    + "(offsets stay uncommitted).").validate(n -> n >= 1 && n <= 100, "between 1 and 100");
    public static final ConfigKey<Duration> BACKOFF = ConfigKey.of("cloudwatch.backoff", DURATION_PARSER, "200ms",
            "First retry delay; doubles per attempt (with jitter) up to cloudwatch.max-backoff.")
            .validate(d -> !d.isNegative(), ">= 0");
    public static final ConfigKey<Duration> MAX_BACKOFF = ConfigKey.of("cloudwatch.max-backoff", DURATION_PARSER,
            "30s", "Longest retry delay, also between retries of a whole poll after CloudWatch kept failing.")
            .validate(d -> !d.isNegative(), ">= 0");
    public static final ConfigKey<Integer> METRICS_PORT = ConfigKey.of("cloudwatch.metrics.port", INT, "9467",
            "Port of /metrics, /healthz and /readyz; 0 picks a free one, -1 turns it off.")
            .validate(p -> p >= -1 && p <= 65535, "-1, or a port between 0 and 65535");
    public static final ConfigKey<String> METRICS_HOST = ConfigKey.of("cloudwatch.metrics.host", STRING, "0.0.0.0",
            "Interface the metrics endpoint binds to.");

    public static final List<ConfigKey<?>> ALL = List.of(BOOTSTRAP_SERVERS, TOPIC_PREFIX, GROUP_ID, ENDPOINT_URL,
            REGION, DATA_NAMESPACE, QUALITY_NAMESPACE, ENDPOINT_DIMENSION, SCHEDULE_DIMENSION, SCHEDULE_PREFIX,
            VERSION_DIMENSION, VIOLATION_COUNTS, MAX_ATTEMPTS, BACKOFF, MAX_BACKOFF, METRICS_PORT, METRICS_HOST);

    static boolean isNamespace(String s) {
        return !s.isEmpty() && s.length() <= 255 && !s.startsWith("AWS/");
    }

    static boolean isDimensionName(String s) {
        return !s.isEmpty() && s.length() <= 255;
    }
}
