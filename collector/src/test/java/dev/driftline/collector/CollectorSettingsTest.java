package dev.driftline.collector;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.config.Config;
import dev.driftline.config.ConfigException;
import dev.driftline.config.Parsers;
import dev.driftline.collector.privacy.KeyedHasher;
import dev.driftline.collector.privacy.RedactionRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorSettingsTest {
    @TempDir
    Path dir;

    CollectorSettings settings(String properties, Map<String, String> env) {
        return TestSettings.settings(dir, properties, env);
    }

    void refused(String properties, Map<String, String> env, String... messageParts) {
        assertThatThrownBy(() -> settings(properties, env)).isInstanceOf(ConfigException.class)
                .message().contains(messageParts);
    }

    @Test
    void defaults() {
        CollectorSettings s = settings(null, Map.of());
        assertThat(s.bootstrapServers()).isEqualTo(TestSettings.BOOTSTRAP);
        assertThat(s.eventsTopic()).isEqualTo("driftline.inference.events");
        assertThat(s.topicPartitions()).isEqualTo(6);
        assertThat(s.topicReplication()).isEqualTo((short) -1);
        assertThat(s.host()).isEqualTo("0.0.0.0");
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(s.maxDecompressedBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(s.maxInFlightBytes()).isEqualTo(64L * 1024 * 1024);
        // a tuning value others adjust: check it is wired to the key's declared default, and sane
        assertThat(s.ackTimeout()).isEqualTo(Parsers.DURATION_PARSER.parse(CollectorKeys.ACK_TIMEOUT.defaultText()))
                .isPositive().isLessThan(s.readTimeout());
        assertThat(s.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.acceptedTypes()).containsExactlyInAnyOrder(CollectorSettings.TYPE_REQUEST,
                CollectorSettings.TYPE_RESPONSE);
        assertThat(s.contentTypes()).containsExactlyInAnyOrder("application/json", "text/plain", "text/csv",
                "application/octet-stream", "application/x-ndjson");
        assertThat(s.maxModelTags()).isEqualTo(200);
        assertThat(s.eventPaths()).containsExactly("/", "/v1/events", "/log");
        assertThat(s.authRequired()).isFalse();
        assertThat(s.tls()).isEmpty();
        assertThat(s.redaction()).isEmpty();
        assertThat(s.hasher()).isEmpty();
    }

    @Test
    void settingsFromFileEnvAndFlag() {
        Config c = Config.builder(CollectorKeys.ALL).openPrefix(CollectorKeys.REDACTION_MODEL_PREFIX)
                .file(TestSettings.write(dir, "c.properties", """
                        topics.prefix = prod.
                        collector.port = 9000
                        collector.ack-timeout = 250ms
                        collector.max-body-size = 2MiB
                        kafka.acks = all
                        """))
                .env(Map.of("DRIFTLINE_COLLECTOR_PORT", "9001", "KAFKA_BOOTSTRAP_SERVERS", "env-broker:9092",
                        "DRIFTLINE_COLLECTOR_EXTRA_EVENT_TYPES", "dev.knative.sources.ping"))
                .flag(CollectorKeys.PORT, 9002)
                .build();

        CollectorSettings s = CollectorSettings.from(c);

        assertThat(s.eventsTopic()).isEqualTo("prod.inference.events");
        assertThat(s.port()).isEqualTo(9002);
        assertThat(s.ackTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.maxBodyBytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(s.bootstrapServers()).isEqualTo("env-broker:9092");
        assertThat(s.kafkaProperties()).containsEntry("acks", "all").containsEntry("bootstrap.servers", "env-broker:9092");
        assertThat(s.acceptedTypes()).contains("dev.knative.sources.ping", CollectorSettings.TYPE_REQUEST);
    }

    @Test
    void eventPathsAreConfigurableAndMayNotTakeAProbesPath() {
        assertThat(settings("collector.paths=/log,/ingest\n", Map.of()).eventPaths()).containsExactly("/log", "/ingest");
        refused("collector.paths=/log,/metrics\n", Map.of(), "collector.paths");
        refused("collector.paths=log\n", Map.of(), "collector.paths");
    }

    @Test
    void bootstrapServersKeyWinsOverKafkaProperty() {
        CollectorSettings s = CollectorSettings.from(TestSettings.config(dir, "kafka.bootstrap.servers=file:9092\n",
                Map.of("DRIFTLINE_BOOTSTRAP_SERVERS", "driftline:9092")));
        assertThat(s.bootstrapServers()).isEqualTo("driftline:9092");
        CollectorSettings fromFile = CollectorSettings.from(TestSettings.config(dir, "kafka.bootstrap.servers=file:9092\n",
                Map.of()));
        assertThat(fromFile.bootstrapServers()).isEqualTo("file:9092");
    }

    @Test
    void missingBootstrapServersNamesTheKeyAndItsAlternatives() {
        assertThatThrownBy(() -> CollectorSettings.from(TestSettings.config(dir, null, Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bootstrap-servers: required")
                .hasMessageContaining("DRIFTLINE_BOOTSTRAP_SERVERS").hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
        assertThatThrownBy(() -> CollectorSettings.from(TestSettings.config(dir, null,
                Map.of("DRIFTLINE_BOOTSTRAP_SERVERS", "  "))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("bootstrap-servers: required");
    }

    @Test
    void badDurationNamesKeyValueAndOrigin() {
        refused("collector.ack-timeout = fast\n", Map.of(), "collector.ack-timeout", "not a duration", "'fast'",
                "file ");
        refused(null, Map.of("DRIFTLINE_COLLECTOR_READ_TIMEOUT", "10"), "collector.read-timeout", "not a duration",
                "'10'", "env DRIFTLINE_COLLECTOR_READ_TIMEOUT");
        refused("collector.retry-after = 500ms\n", Map.of(), "collector.retry-after", "at least 1s", "'500ms'");
        refused("collector.ack-timeout = 0ms\n", Map.of(), "collector.ack-timeout", "positive");
    }

    @Test
    void badSizeNamesKeyValueAndOrigin() {
        refused("collector.max-body-size = ten megs\n", Map.of(), "collector.max-body-size", "not a size",
                "'ten megs'");
        refused(null, Map.of("DRIFTLINE_COLLECTOR_MAX_DECOMPRESSED_SIZE", "0"), "collector.max-decompressed-size",
                "positive", "env DRIFTLINE_COLLECTOR_MAX_DECOMPRESSED_SIZE");
    }

    @Test
    void unknownKeyInFileIsRefused() {
        refused("collector.max-body = 1MiB\n", Map.of(), "unknown key 'collector.max-body'");
    }

    @Test
    void tokensFromEnvAndFile() {
        Path file = TestSettings.write(dir, "tokens", "# KServe logger token\n\n  file-token  \n#old-token\n");
        CollectorSettings s = settings("collector.auth.tokens-file = " + file + "\n",
                Map.of("DRIFTLINE_COLLECTOR_AUTH_TOKENS", "env-a, env-b,"));
        assertThat(s.authRequired()).isTrue();
        assertThat(s.bearerTokens()).containsExactlyInAnyOrder("env-a", "env-b", "file-token");
    }

    @Test
    void tokensFileProblemsNameTheKey() {
        Path empty = TestSettings.write(dir, "empty", "# nothing here\n\n");
        refused("collector.auth.tokens-file = " + empty + "\n", Map.of(), "collector.auth.tokens-file", "no token");
        refused("collector.auth.tokens-file = " + dir.resolve("absent") + "\n", Map.of(),
                "collector.auth.tokens-file", "cannot read");
    }

    @Test
    void redactionRulesPerModel() {
        CollectorSettings s = settings("""
                collector.redaction.model.credit.drop = ssn, name
                collector.redaction.model.credit.hash = city
                collector.redaction.model.fraud-v2.drop = card
                """, Map.of("DRIFTLINE_COLLECTOR_REDACTION_HASH_KEY", TestSettings.HASH_KEY));
        assertThat(s.redaction()).containsOnlyKeys("credit", "fraud-v2");
        assertThat(s.redaction().get("credit")).isEqualTo(new RedactionRule(Set.of("ssn", "name"), Set.of("city")));
        assertThat(s.redaction().get("fraud-v2")).isEqualTo(new RedactionRule(Set.of("card"), Set.of()));
        assertThat(s.hasher()).isPresent();
        assertThat(s.hasher().get().hash("Oslo"))
                .isEqualTo(new KeyedHasher(TestSettings.HASH_KEY.getBytes(UTF_8)).hash("Oslo"));
    }

    @Test
    void hashKeyFromFile() {
        Path key = TestSettings.write(dir, "hash.key", TestSettings.HASH_KEY + "\n");
        CollectorSettings s = settings("collector.redaction.model.credit.hash = city\n"
                + "collector.redaction.hash-key-file = " + key + "\n", Map.of());
        assertThat(s.hasher().get().hash("x"))
                .isEqualTo(new KeyedHasher(TestSettings.HASH_KEY.getBytes(UTF_8)).hash("x"));
    }

    @Test
    void hashRulesWithoutHashKeyAreRefused() {
        refused("collector.redaction.model.credit.hash = city\n", Map.of(), "collector.redaction.hash-key",
                "required", "hash rules");
    }

    @Test
    void dropRulesNeedNoKey() {
        assertThat(settings("collector.redaction.model.credit.drop = ssn\n", Map.of()).hasher()).isEmpty();
    }

    @Test
    void shortHashKeyIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> settings("collector.redaction.model.credit.hash = city\n",
                Map.of("DRIFTLINE_COLLECTOR_REDACTION_HASH_KEY", "tooShortKey")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("collector.redaction.hash-key").hasMessageContaining("16 bytes")
                .message().doesNotContain("tooShortKey");
    }

    @Test
    void badRedactionSettingsNameTheKey() {
        refused("collector.redaction.model.credit.mask = ssn\n", Map.of(), "collector.redaction.model.credit.mask",
                "unknown redaction setting");
        refused("collector.redaction.model.credit.drop = ssn\ncollector.redaction.model.credit.hash = ssn\n",
                Map.of("DRIFTLINE_COLLECTOR_REDACTION_HASH_KEY", TestSettings.HASH_KEY),
                "collector.redaction.model.credit", "'ssn'", "both drop and hash");
    }

    @Test
    void redactionRuleWithoutModelNameIsRefusedNotSilentlyIgnored() {
        // "collector.redaction.model.drop" reads like a global rule but would match no model: PII would be stored.
        refused("collector.redaction.model.drop = ssn\n", Map.of(), "collector.redaction.model.drop",
                "collector.redaction.model.<model>.drop");
        refused("collector.redaction.model.hash = ssn\n",
                Map.of("DRIFTLINE_COLLECTOR_REDACTION_HASH_KEY", TestSettings.HASH_KEY),
                "collector.redaction.model.hash");
        refused("collector.redaction.model..drop = ssn\n", Map.of(), "collector.redaction.model..drop");
    }

    @Test
    void truststoreWithoutKeystoreIsRefused() {
        Path ts = TestSettings.write(dir, "trust.p12", "x");
        refused("collector.tls.truststore.path = " + ts + "\n", Map.of(), "collector.tls.truststore.path",
                "collector.tls.keystore.path");
    }

    @Test
    void unreadableKeystoreIsRefused() {
        refused("collector.tls.keystore.path = " + dir.resolve("missing.p12") + "\n", Map.of(),
                "collector.tls.keystore.path", "cannot read");
    }

    @Test
    void tlsSettings() {
        Path ks = TestSettings.write(dir, "server.p12", "x");
        CollectorSettings s = settings("collector.tls.keystore.path = " + ks + "\ncollector.tls.keystore.type = JKS\n",
                Map.of("DRIFTLINE_COLLECTOR_TLS_KEYSTORE_PASSWORD", "changeit"));
        assertThat(s.tls()).isPresent();
        assertThat(s.tls().get().keystore()).isEqualTo(ks);
        assertThat(s.tls().get().keystoreType()).isEqualTo("JKS");
        assertThat(s.tls().get().keystorePassword()).isEqualTo("changeit");
        assertThat(s.tls().get().truststore()).isEmpty();
        refused("collector.tls.keystore.path = " + ks + "\ncollector.tls.keystore.type = PEM\n", Map.of(),
                "collector.tls.keystore.type", "PKCS12 or JKS");
    }
}
