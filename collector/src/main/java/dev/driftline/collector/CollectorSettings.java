package dev.driftline.collector;

import dev.driftline.contracts.inference.InferenceEvent;

import dev.driftline.contracts.Topics;

import static dev.driftline.collector.CollectorKeys.*;

import dev.driftline.config.BearerAuth;
import dev.driftline.config.Config;
import dev.driftline.config.ConfigException;
import dev.driftline.config.Parsers;
import dev.driftline.collector.privacy.KeyedHasher;
import dev.driftline.collector.privacy.RedactionRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The collector's configuration, resolved and cross-checked once at start-up (tokens read, redaction rules
 * parsed, TLS files checked), so that everything that can be wrong is reported before the port opens.
 */
public record CollectorSettings(
        String bootstrapServers, Properties kafkaProperties, String eventsTopic, int topicPartitions,
        short topicReplication, String host, int port, long maxBodyBytes, long maxDecompressedBytes,
        long maxInFlightBytes, Duration ackTimeout, Duration retryAfter, Duration readTimeout, Duration idleTimeout,
        Duration shutdownTimeout, Duration shutdownDelay, List<String> eventPaths, Set<String> acceptedTypes, Set<String> contentTypes, int maxModelTags,
        Set<String> bearerTokens, Optional<TlsSettings> tls, Map<String, RedactionRule> redaction,
        Optional<KeyedHasher> hasher) {

    public static final String TYPE_REQUEST = InferenceEvent.TYPE_REQUEST;
    public static final String TYPE_RESPONSE = InferenceEvent.TYPE_RESPONSE;

    /** TLS material; a truststore turns on mutual TLS. */
    public record TlsSettings(Path keystore, String keystorePassword, String keystoreType,
                              Optional<Path> truststore, String truststorePassword, String truststoreType) {
    }

    public boolean authRequired() {
        return !bearerTokens.isEmpty();
    }

    public static CollectorSettings from(Config c) {
        Properties kafka = c.kafkaProperties();
        String bootstrap = c.find(BOOTSTRAP_SERVERS).orElse(kafka.getProperty("bootstrap.servers"));
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new ConfigException(BOOTSTRAP_SERVERS.name() + ": required (use --bootstrap-servers, "
                    + BOOTSTRAP_SERVERS.envName() + " or KAFKA_BOOTSTRAP_SERVERS)");
        }
        Set<String> types = new LinkedHashSet<>(List.of(TYPE_REQUEST, TYPE_RESPONSE));
        types.addAll(c.get(EXTRA_TYPES));
        return new CollectorSettings(bootstrap, kafka, new Topics(c.get(TOPIC_PREFIX)).inferenceEvents.name(),
                c.get(TOPIC_PARTITIONS), c.get(TOPIC_REPLICATION).shortValue(), c.get(HOST), c.get(PORT),
                c.get(MAX_BODY), c.get(MAX_DECOMPRESSED), c.get(MAX_IN_FLIGHT), c.get(ACK_TIMEOUT),
                c.get(RETRY_AFTER), c.get(READ_TIMEOUT), c.get(IDLE_TIMEOUT), c.get(SHUTDOWN_TIMEOUT),
                c.get(SHUTDOWN_DELAY), List.copyOf(new LinkedHashSet<>(c.get(EVENT_PATHS))), Set.copyOf(types), Set.copyOf(c.get(CONTENT_TYPES)), c.get(MAX_MODEL_TAGS), tokens(c), tls(c),
                redactionRules(c), hasher(c));
    }

    private static Set<String> tokens(Config c) {
        return BearerAuth.tokens(c, AUTH_TOKENS, AUTH_TOKENS_FILE);
    }

    private static Optional<TlsSettings> tls(Config c) {
        Optional<Path> ks = c.find(TLS_KEYSTORE);
        Optional<Path> ts = c.find(TLS_TRUSTSTORE);
        if (ks.isEmpty()) {
            if (ts.isPresent()) {
                throw new ConfigException(TLS_TRUSTSTORE.name() + ": set, but " + TLS_KEYSTORE.name()
                        + " is not; mutual TLS needs a server certificate");
            }
            return Optional.empty();
        }
        requireReadable(TLS_KEYSTORE.name(), ks.get());
        ts.ifPresent(p -> requireReadable(TLS_TRUSTSTORE.name(), p));
        return Optional.of(new TlsSettings(ks.get(), c.get(TLS_KEYSTORE_PASSWORD), c.get(TLS_KEYSTORE_TYPE), ts,
                c.get(TLS_TRUSTSTORE_PASSWORD), c.get(TLS_TRUSTSTORE_TYPE)));
    }

    private static Map<String, RedactionRule> redactionRules(Config c) {
        Map<String, Set<String>> drop = new HashMap<>();
        Map<String, Set<String>> hash = new HashMap<>();
        c.withPrefix(REDACTION_MODEL_PREFIX).forEach((rest, value) -> {
            int dot = rest.lastIndexOf('.');
            String model = dot > 0 ? rest.substring(0, dot) : "";
            String what = dot > 0 ? rest.substring(dot + 1) : rest;
            if (model.isEmpty()) { // e.g. "...model.drop": would match no model, so nothing would be redacted
                throw new ConfigException(REDACTION_MODEL_PREFIX + rest + ": no model name; use "
                        + REDACTION_MODEL_PREFIX + "<model>.drop or .hash");
            }
            Set<String> names = new HashSet<>(Parsers.LIST.parse(value));
            switch (what) {
                case "drop" -> drop.put(model, names);
                case "hash" -> hash.put(model, names);
                default -> throw new ConfigException(REDACTION_MODEL_PREFIX + rest
                        + ": unknown redaction setting; use " + REDACTION_MODEL_PREFIX + "<model>.drop or .hash");
            }
        });
        Map<String, RedactionRule> rules = new HashMap<>();
        Set<String> models = new HashSet<>(drop.keySet());
        models.addAll(hash.keySet());
        for (String model : models) {
            try {
                rules.put(model, new RedactionRule(drop.getOrDefault(model, Set.of()), hash.getOrDefault(model, Set.of())));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(REDACTION_MODEL_PREFIX + model + ": " + e.getMessage());
            }
        }
        return Map.copyOf(rules);
    }

    private static Optional<KeyedHasher> hasher(Config c) {
        Optional<String> key = c.find(REDACTION_KEY);
        if (key.isEmpty()) {
            key = c.find(REDACTION_KEY_FILE).map(p -> String.join("\n", readLines(REDACTION_KEY_FILE.name(), p)).strip());
        }
        boolean needed = c.withPrefix(REDACTION_MODEL_PREFIX).keySet().stream().anyMatch(k -> k.endsWith(".hash"));
        if (key.isEmpty()) {
            if (needed) {
                throw new ConfigException(REDACTION_KEY.name() + ": required because a model has hash rules (or set "
                        + REDACTION_KEY_FILE.name() + ")");
            }
            return Optional.empty();
        }
        try {
            return Optional.of(new KeyedHasher(key.get().getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(REDACTION_KEY.name() + ": " + e.getMessage());
        }
    }

    private static List<String> readLines(String key, Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(key + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void requireReadable(String key, Path file) {
        if (!Files.isReadable(file)) {
            throw new ConfigException(key + ": cannot read " + file);
        }
    }
}
