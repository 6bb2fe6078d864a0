package dev.driftline.remediation.service;

import static dev.driftline.remediation.service.RemediationKeys.*;

import dev.driftline.config.BearerAuth;
import dev.driftline.config.Config;
import dev.driftline.config.ConfigException;
import dev.driftline.contracts.Topics;
import dev.driftline.remediation.policy.RemediationPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The remediation service's resolved configuration ({@link RemediationKeys}), validated at start-up: the policy
 * file is read and every model section in it checked here, so a bad key fails before anything runs.
 *
 * @param apiTokens  the control API's bearer tokens (never logged); empty: the control API is off
 * @param apiTimeout how long a control API call waits for Kafka
 */
public record RemediationSettings(String bootstrapServers, Properties kafka, Topics topics, String applicationId,
                                  Path stateDir, RemediationPolicy policy, Duration tick, boolean enabled,
                                  Optional<String> awsEndpoint, Optional<String> awsRegion,
                                  Optional<String> kubernetesMaster, int metricsPort, String metricsHost,
                                  Duration startupTimeout, Set<String> apiTokens, Duration apiTimeout) {

    /** Without the control API (no tokens: it is off), as tests and embeddings that do not use it build settings. */
    public RemediationSettings(String bootstrapServers, Properties kafka, Topics topics, String applicationId,
                               Path stateDir, RemediationPolicy policy, Duration tick, boolean enabled,
                               Optional<String> awsEndpoint, Optional<String> awsRegion,
                               Optional<String> kubernetesMaster, int metricsPort, String metricsHost,
                               Duration startupTimeout) {
        this(bootstrapServers, kafka, topics, applicationId, stateDir, policy, tick, enabled, awsEndpoint, awsRegion,
                kubernetesMaster, metricsPort, metricsHost, startupTimeout, Set.of(), Duration.ofSeconds(30));
    }

    public static RemediationSettings from(Config c) {
        Properties kafka = c.kafkaProperties();
        String servers = c.find(BOOTSTRAP_SERVERS).orElse(kafka.getProperty("bootstrap.servers"));
        if (servers == null || servers.isBlank()) {
            throw new ConfigException("bootstrap-servers is required (--bootstrap-servers, "
                    + BOOTSTRAP_SERVERS.envName() + " or KAFKA_BOOTSTRAP_SERVERS)");
        }
        RemediationPolicy policy = c.find(POLICY).map(RemediationPolicy::load).orElseGet(RemediationPolicy::defaults);
        return new RemediationSettings(servers, kafka, new Topics(c.get(TOPIC_PREFIX)), c.get(APPLICATION_ID),
                c.get(STATE_DIR), policy, c.get(TICK), c.get(ENABLED), c.find(AWS_ENDPOINT_URL), c.find(AWS_REGION),
                c.find(KUBERNETES_MASTER), c.get(METRICS_PORT), c.get(METRICS_HOST),
                c.get(STARTUP_TIMEOUT), BearerAuth.tokens(c, API_TOKENS, API_TOKENS_FILE), c.get(API_TIMEOUT));
    }
}
