package dev.driftline.remediation.service;

import static dev.driftline.config.Parsers.BOOLEAN;
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
 * Every configuration key of {@code driftline remediation}, with its default and meaning (config file,
 * {@code DRIFTLINE_*} variables, flags; Kafka client properties under {@code kafka.*} / {@code KAFKA_*}). What to do
 * per model (trigger, training, registry, rollout, notifications) is the policy file's ({@code remediation.policy}).
 */
public final class RemediationKeys {
    private RemediationKeys() {
    }

    public static final ConfigKey<String> BOOTSTRAP_SERVERS = ConfigKey.of("bootstrap-servers", STRING, null,
            "Kafka bootstrap servers (host:port,...); falls back to kafka.bootstrap.servers / KAFKA_BOOTSTRAP_SERVERS.");
    public static final ConfigKey<String> TOPIC_PREFIX = ConfigKey.of("topics.prefix", STRING, "driftline.",
            "Prefix of every driftline topic.");
    public static final ConfigKey<String> APPLICATION_ID = ConfigKey.of("remediation.application-id", STRING,
            "driftline-remediation", "Kafka Streams application id of the remediation service (consumer group).");
    public static final ConfigKey<Path> STATE_DIR = ConfigKey.of("remediation.state-dir", PATH, "remediation-state",
            "Local state directory (episode and trigger stores; rebuilt from their changelogs when lost).");
    public static final ConfigKey<Path> POLICY = ConfigKey.of("remediation.policy", PATH, null,
            "Remediation policy file (YAML or JSON): trigger, training, registry, approval rules, rollout per model; "
                    + "without it the code defaults apply (command trainer and webhook target need their keys).");
    public static final ConfigKey<Duration> TICK = ConfigKey.of("remediation.tick", DURATION_PARSER, "10s",
            "How often running episodes are moved a step (polling training, registry and rollout status).")
            .validate(d -> d.toMillis() >= 100, "at least 100ms");
    public static final ConfigKey<Boolean> ENABLED = ConfigKey.of("remediation.enabled", BOOLEAN, "true",
            "The kill switch: false watches alerts and logs what it would start, but starts and moves nothing.");
    public static final ConfigKey<String> AWS_ENDPOINT_URL = ConfigKey.of("remediation.aws.endpoint-url", STRING,
            null, "Endpoint override for SageMaker, CloudWatch, SNS and S3 (e.g. a moto_server); default AWS.");
    public static final ConfigKey<String> AWS_REGION = ConfigKey.of("remediation.aws.region", STRING, null,
            "AWS region; default from the SDK's provider chain (AWS_REGION, profile), else us-east-1.");
    public static final ConfigKey<String> KUBERNETES_MASTER = ConfigKey.of("remediation.kubernetes.master", STRING,
            null, "Kubernetes API server URL; default the in-cluster service account or ~/.kube/config.");
    public static final ConfigKey<Integer> METRICS_PORT = ConfigKey.of("remediation.metrics.port", INT, "9466",
            "Port of /metrics, /healthz and /readyz (read-only: GET, HEAD) and of the control API (0 = any free "
                    + "port, -1 = off).")
            .validate(p -> p >= -1 && p <= 65535, "a port between 0 and 65535, or -1 (off)");
    public static final ConfigKey<String> METRICS_HOST = ConfigKey.of("remediation.metrics.host", STRING, "0.0.0.0",
            "Address the metrics endpoint listens on.");
    public static final ConfigKey<Path> API_TOKENS_FILE = ConfigKey.of("remediation.api.tokens-file", PATH, null,
            "File with the bearer tokens of the control API (POST /api/v1/... on the metrics port), one per line "
                    + "(blank lines and # comments skipped). With no token configured the control API is off (404).");
    public static final ConfigKey<List<String>> API_TOKENS = ConfigKey.of("remediation.api.tokens", LIST, null,
            "Bearer tokens of the control API, comma-separated (prefer the tokens file or the env variable "
                    + "DRIFTLINE_REMEDIATION_API_TOKENS); masked in --print-config.").asSecret();
    public static final ConfigKey<Duration> API_TIMEOUT = ConfigKey.of("remediation.api.kafka-timeout",
            DURATION_PARSER, "30s", "How long a control API call waits for Kafka (episode lookup, the command's "
                    + "acknowledgement) before answering 503.").validate(d -> d.toMillis() >= 100, "at least 100ms");
    /** A duration ({@code 60s}, {@code 2m}); a bare number is still read as seconds, as it was at first. */
    public static final ConfigKey<Duration> STARTUP_TIMEOUT = ConfigKey.of("remediation.startup-timeout",
            s -> s.trim().matches("\\d+") ? Duration.ofSeconds(Long.parseLong(s.trim())) : DURATION_PARSER.parse(s),
            "60s", "How long the service waits at start-up for Kafka at the bootstrap servers to answer (a TCP connect, then describeCluster, once a second; a line every 10 s says what it waits for) before it exits non-zero. A bare number is read as seconds.").validate(d -> d.toMillis() >= 1000, "at least 1s");

    public static final List<ConfigKey<?>> ALL = List.of(BOOTSTRAP_SERVERS, TOPIC_PREFIX, APPLICATION_ID, STATE_DIR,
            POLICY, TICK, ENABLED, AWS_ENDPOINT_URL, AWS_REGION, KUBERNETES_MASTER, METRICS_PORT, METRICS_HOST,
            STARTUP_TIMEOUT, API_TOKENS_FILE, API_TOKENS, API_TIMEOUT);
}
