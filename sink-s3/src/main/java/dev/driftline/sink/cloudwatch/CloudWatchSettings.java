package dev.driftline.sink.cloudwatch;

import static dev.driftline.sink.cloudwatch.CloudWatchKeys.*;

import dev.driftline.config.Config;
import dev.driftline.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** The validated settings of the CloudWatch publisher, read from a layered {@link Config} of {@link CloudWatchKeys}. */
public record CloudWatchSettings(String bootstrapServers, Properties kafkaProperties, String topicPrefix,
                                 String groupId, Optional<String> endpointUrl, Optional<String> region,
                                 MetricNaming naming, Retry retry, int metricsPort, String metricsHost) {

    /** Retry policy of PutMetricData: attempts per call, first and longest delay. */
    public record Retry(int maxAttempts, Duration backoff, Duration maxBackoff) {
    }

    public static CloudWatchSettings from(Config c) {
        Properties kafka = c.kafkaProperties();
        String servers = c.find(BOOTSTRAP_SERVERS).orElse(kafka.getProperty("bootstrap.servers"));
        if (servers == null || servers.isBlank()) {
            throw new ConfigException("bootstrap-servers is required (--bootstrap-servers, "
                    + "DRIFTLINE_BOOTSTRAP_SERVERS or KAFKA_BOOTSTRAP_SERVERS)");
        }
        if (c.get(BACKOFF).compareTo(c.get(MAX_BACKOFF)) > 0) {
            throw new ConfigException(BACKOFF.name() + " must not exceed " + MAX_BACKOFF.name());
        }
        return new CloudWatchSettings(servers, kafka, c.get(TOPIC_PREFIX), c.get(GROUP_ID), c.find(ENDPOINT_URL),
                c.find(REGION), naming(c), new Retry(c.get(MAX_ATTEMPTS), c.get(BACKOFF), c.get(MAX_BACKOFF)),
                c.get(METRICS_PORT), c.get(METRICS_HOST));
    }

    /** The namespaces, dimensions and per-model endpoint/schedule names of a config. */
    public static MetricNaming naming(Config c) {
        Map<String, String> endpoints = c.withPrefix(ENDPOINT_MODEL_PREFIX);
        Map<String, String> schedules = c.withPrefix(SCHEDULE_MODEL_PREFIX);
        endpoints.forEach((m, e) -> requireValue(ENDPOINT_MODEL_PREFIX + m, e));
        schedules.forEach((m, s) -> requireValue(SCHEDULE_MODEL_PREFIX + m, s));
        return new MetricNaming(c.get(DATA_NAMESPACE), c.get(QUALITY_NAMESPACE), c.get(ENDPOINT_DIMENSION),
                c.get(SCHEDULE_DIMENSION), c.get(SCHEDULE_PREFIX), endpoints, schedules, c.get(VERSION_DIMENSION),
                c.get(VIOLATION_COUNTS));
    }

    private static void requireValue(String key, String value) {
        if (value.isBlank() || value.length() > 1024) {
            throw new ConfigException(key + " must be 1-1024 characters, got '" + value + "'");
        }
    }
}
