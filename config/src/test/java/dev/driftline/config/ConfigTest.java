package dev.driftline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {
    static final ConfigKey<Integer> PORT = ConfigKey.port("svc.port", 8080, "HTTP port.");
    static final ConfigKey<Duration> TIMEOUT = ConfigKey.of("svc.ack-timeout", Parsers.DURATION_PARSER, "200ms",
            "Ack timeout.");
    static final ConfigKey<Long> SIZE = ConfigKey.of("svc.max-body-size", Parsers.BYTES, "1MiB", "Body limit.")
            .validate(n -> n > 0, "positive");
    static final ConfigKey<String> NAME = ConfigKey.of("svc.name", Parsers.STRING, null, "Optional name.");
    static final ConfigKey<String> TOKEN = ConfigKey.of("svc.token", Parsers.STRING, null, "A token.").asSecret();
    static final ConfigKey<Integer> PIN = ConfigKey.of("svc.pin", Parsers.INT, null, "A secret number.").asSecret();
    static final ConfigKey<List<String>> TAGS = ConfigKey.of("svc.tags", Parsers.LIST, "", "Tags.");
    static final List<ConfigKey<?>> ALL = List.of(PORT, TIMEOUT, SIZE, NAME, TOKEN, PIN, TAGS);

    @TempDir
    Path dir;

    Path file(String content) {
        try {
            Path f = Files.createTempFile(dir, "svc", ".properties");
            Files.writeString(f, content, StandardCharsets.UTF_8);
            return f;
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        Config c = Config.builder(ALL).build();
        assertThat(c.get(PORT)).isEqualTo(8080);
        assertThat(c.get(TIMEOUT)).isEqualTo(Duration.ofMillis(200));
        assertThat(c.get(SIZE)).isEqualTo(1024L * 1024);
        assertThat(c.get(TAGS)).isEmpty();
        assertThat(c.find(NAME)).isEmpty();
        assertThat(c.originOf(PORT)).isEqualTo("default");
    }

    @Test
    void precedenceIsDefaultThenFileThenEnvThenFlag() {
        Path f = file("svc.port = 1001\nsvc.ack-timeout = 1s\nsvc.max-body-size = 2MiB\nsvc.name = from-file\n");
        Config c = Config.builder(ALL).file(f)
                .env(Map.of("DRIFTLINE_SVC_PORT", "1002", "DRIFTLINE_SVC_ACK_TIMEOUT", "2s"))
                .flag(PORT, 1003).flag(NAME, null)
                .build();

        assertThat(c.get(PORT)).isEqualTo(1003);
        assertThat(c.originOf(PORT)).isEqualTo("flag");
        assertThat(c.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.originOf(TIMEOUT)).isEqualTo("env DRIFTLINE_SVC_ACK_TIMEOUT");
        assertThat(c.get(SIZE)).isEqualTo(2L * 1024 * 1024);
        assertThat(c.originOf(SIZE)).isEqualTo("file " + f);
        assertThat(c.get(NAME)).isEqualTo("from-file");
        assertThat(c.get(TAGS)).isEmpty();
        assertThat(c.originOf(TAGS)).isEqualTo("default");
    }

    @Test
    void fileValuesAreTrimmed() {
        Config c = Config.builder(ALL).file(file("svc.name =   padded   \n")).build();
        assertThat(c.get(NAME)).isEqualTo("padded");
    }

    @Test
    void nullFileIsNoLayer() {
        assertThat(Config.builder(ALL).file(null).build().get(PORT)).isEqualTo(8080);
    }

    @Test
    void unknownKeyInFileIsRefusedNamingKeyAndFile() {
        Path f = file("svc.port = 1\nsvc.prot = 2\n");
        assertThatThrownBy(() -> Config.builder(ALL).file(f))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'svc.prot'").hasMessageContaining(f.toString());
    }

    /** A file shared by several components (the demo's): each builder takes its own keys, skips the others'. */
    @Test
    void aSharedFileMayHoldOtherComponentsKeysButNotUnknownOnes() {
        ConfigKey<String> other = ConfigKey.of("other.mode", Parsers.STRING, "a", "Another component's key.");
        Path f = file("svc.port = 1\nother.mode = b\nother.model.iris = x\n");
        Config c = Config.builder(ALL).alsoAccepting(List.of(other), List.of("other.model.")).file(f).build();
        assertThat(c.get(PORT)).isEqualTo(1);
        assertThat(c.withPrefix("other.model.")).isEmpty();
        assertThat(Config.builder(List.of(other)).openPrefix("other.model.").alsoAccepting(ALL, List.of()).file(f)
                .build().get(other)).isEqualTo("b");
        Path typo = file("svc.port = 1\nother.mdoe = b\n");
        assertThatThrownBy(() -> Config.builder(ALL).alsoAccepting(List.of(other), List.of("other.model."))
                .file(typo)).isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'other.mdoe'");
    }

    @Test
    void unreadableFileIsReported() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> Config.builder(ALL).file(missing))
                .isInstanceOf(ConfigException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("cannot read");
    }

    @Test
    void openPrefixAllowsFreeFormKeys() {
        Config c = Config.builder(ALL).openPrefix("svc.model.")
                .file(file("svc.model.b.drop = x\nsvc.model.a.hash = y, z\nsvc.port = 1\n")).build();
        assertThat(c.withPrefix("svc.model.")).containsExactly(Map.entry("a.hash", "y, z"), Map.entry("b.drop", "x"));
        assertThat(c.withPrefix("svc.model.a.")).containsExactly(Map.entry("hash", "y, z"));
    }

    @Test
    void unknownEnvVariablesAreIgnored() {
        Config c = Config.builder(ALL).env(Map.of("DRIFTLINE_SVC_PROT", "1", "PATH", "/usr/bin")).build();
        assertThat(c.get(PORT)).isEqualTo(8080);
    }

    @Test
    void parseErrorNamesKeyValueAndOrigin() {
        assertThatThrownBy(() -> Config.builder(ALL).env(Map.of("DRIFTLINE_SVC_PORT", "eighty")).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("svc.port: not an integer: 'eighty' (from env DRIFTLINE_SVC_PORT)");
        Path f = file("svc.ack-timeout = 200\n");
        assertThatThrownBy(() -> Config.builder(ALL).file(f).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("svc.ack-timeout: not a duration")
                .hasMessageEndingWith("'200' (from file " + f + ")");
    }

    @Test
    void validationErrorNamesKeyRuleAndOrigin() {
        assertThatThrownBy(() -> Config.builder(ALL).flag(PORT, 70000).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("svc.port: must be a port between 0 and 65535, got '70000' (from flag)");
        assertThatThrownBy(() -> Config.builder(ALL).env(Map.of("DRIFTLINE_SVC_MAX_BODY_SIZE", "0")).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("svc.max-body-size: must be positive, got '0' (from env DRIFTLINE_SVC_MAX_BODY_SIZE)");
    }

    @Test
    void secretValuesAreNeverEchoedInErrors() {
        assertThatThrownBy(() -> Config.builder(ALL).env(Map.of("DRIFTLINE_SVC_PIN", "12x34")).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("svc.pin").hasMessageContaining("env DRIFTLINE_SVC_PIN")
                .message().doesNotContain("12x34");
    }

    @Test
    void getOfAnUnsetOptionalKeyNamesHowToSetIt() {
        Config c = Config.builder(ALL).build();
        assertThatThrownBy(() -> c.get(NAME)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("svc.name").hasMessageContaining("DRIFTLINE_SVC_NAME");
    }

    @Test
    void undeclaredKeysAreProgrammingErrors() {
        ConfigKey<String> other = ConfigKey.of("other.key", Parsers.STRING, "x", "Other.");
        Config c = Config.builder(ALL).build();
        assertThatThrownBy(() -> c.get(other)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other.key");
        assertThatThrownBy(() -> c.find(other)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Config.builder(ALL).flag(other, "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Config.builder(List.of(PORT, PORT))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("svc.port");
    }

    @Test
    void kafkaPropertiesFromFileAndEnv() {
        Path f = file("kafka.bootstrap.servers = file:9092\nkafka.acks = all\nkafka.client.id = from-file\n");
        Config c = Config.builder(ALL).file(f).env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "env:9092",
                "KAFKA_LINGER_MS", "5",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required;",
                "KAFKA_HEAP_OPTS", "-Xmx1g",
                "KAFKA_OPTS", "-Dx=y",
                "DRIFTLINE_SVC_PORT", "1")).build();

        assertThat(c.kafkaProperties()).containsOnly(
                Map.entry("bootstrap.servers", "env:9092"),
                Map.entry("acks", "all"),
                Map.entry("client.id", "from-file"),
                Map.entry("linger.ms", "5"),
                Map.entry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;"));
    }

    @ParameterizedTest
    @CsvSource({
            "KAFKA_BOOTSTRAP_SERVERS, bootstrap.servers",
            "KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL, sasl.oauthbearer.token.endpoint.url",
            "KAFKA_CONFLUENT_SCHEMA__REGISTRY_URL, confluent.schema_registry.url",
            "KAFKA_MY___DASHED___PROP, my-dashed-prop",
            "KAFKA_A__B___C_D, a_b-c.d"})
    void kafkaEnvNamesMapToProperties(String env, String property) {
        assertThat(Config.kafkaPropertyOf(env)).isEqualTo(property);
        assertThat(Config.builder(ALL).env(Map.of(env, "v")).build().kafkaProperties())
                .containsExactly(Map.entry(property, "v"));
    }

    @Test
    void describeShowsValuesAndOriginsButMasksSecrets() {
        Config c = Config.builder(ALL)
                .file(file("svc.token = file-token-value\nkafka.ssl.truststore.password = trust-pw\n"))
                .env(Map.of("DRIFTLINE_SVC_PIN", "4321",
                        "KAFKA_SASL_JAAS_CONFIG", "PlainLoginModule required username=\"u\" password=\"jaas-pw\";",
                        "KAFKA_SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_SECRET", "oauth-secret",
                        "KAFKA_SSL_KEY_PASSWORD", "key-pw",
                        "KAFKA_ACKS", "all"))
                .flag(PORT, 9000).build();

        String d = c.describe();

        assertThat(d).contains("svc.port = 9000   [flag]", "svc.name = (unset)   [default]",
                "svc.ack-timeout = PT0.2S   [default]", "kafka.acks = all   [env KAFKA_ACKS]",
                "svc.token = ****", "svc.pin = ****   [env DRIFTLINE_SVC_PIN]",
                "kafka.ssl.truststore.password = ****", "kafka.sasl.jaas.config = ****",
                "kafka.ssl.key.password = ****", "kafka.sasl.oauthbearer.client.credentials.client.secret = ****");
        assertThat(d).doesNotContain("file-token-value", "4321", "trust-pw", "jaas-pw", "oauth-secret", "key-pw");
    }

    @Test
    void describeMasksEveryPasswordTypedKafkaClientSecret() {
        // Kafka types these client settings as PASSWORD: a PEM private key and a key passphrase are secrets too.
        String pem = "-----BEGIN ENCRYPTED PRIVATE KEY-----MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI";
        Config c = Config.builder(ALL).env(Map.of(
                "KAFKA_SSL_KEYSTORE_KEY", pem,
                "KAFKA_SSL_KEYSTORE_PASSWORD", "ks-pw",
                "KAFKA_SASL_OAUTHBEARER_ASSERTION_PRIVATE_KEY_PASSPHRASE", "assertion-passphrase")).build();

        String d = c.describe();

        assertThat(d).contains("kafka.ssl.keystore.key = ****",
                "kafka.sasl.oauthbearer.assertion.private.key.passphrase = ****", "kafka.ssl.keystore.password = ****");
        assertThat(d).doesNotContain("PRIVATE KEY", "MIIF", "ks-pw", "assertion-passphrase");
    }
}
