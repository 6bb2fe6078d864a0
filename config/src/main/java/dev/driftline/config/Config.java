package dev.driftline.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Effective configuration of one service, resolved from layers in increasing precedence:
 * code defaults &lt; config file (Java properties) &lt; environment ({@code DRIFTLINE_*}, and {@code KAFKA_*} for
 * Kafka client properties) &lt; command-line flags.
 *
 * <p>Every known key is parsed and validated when the config is built, so a bad value stops start-up with a
 * message naming the key and where the value came from, instead of failing later on first use.
 */
public final class Config {
    /** Kafka's own launcher variables: they configure the JVM, not a client, so they are not client properties. */
    private static final Set<String> KAFKA_SCRIPT_VARS = Set.of("KAFKA_HEAP_OPTS", "KAFKA_OPTS",
            "KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_LOG4J_OPTS", "KAFKA_JMX_OPTS", "KAFKA_GC_LOG_OPTS", "KAFKA_DEBUG",
            "KAFKA_HOME");

    private record Value(String text, String origin) {
    }

    private final Map<String, ConfigKey<?>> keys;
    private final Map<String, Value> raw;
    private final Map<String, Object> parsed = new LinkedHashMap<>();
    private final Map<String, Value> kafka;
    private final List<String> deprecations;

    private Config(Map<String, ConfigKey<?>> keys, Map<String, Value> raw, Map<String, Value> kafka,
                   List<String> deprecations) {
        this.keys = keys;
        this.raw = raw;
        this.kafka = kafka;
        this.deprecations = List.copyOf(deprecations);
        for (ConfigKey<?> key : keys.values()) {
            parsed.put(key.name(), parse(key));
        }
    }

    public static Builder builder(Collection<? extends ConfigKey<?>> keys) {
        return new Builder(keys);
    }

    /** Value of a key that has a default (or was required to be set). */
    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        requireKnown(key);
        Object v = parsed.get(key.name());
        if (v == null) {
            throw new ConfigException(key.name() + ": required but not set (set it in the config file, with "
                    + key.envName() + " or with its command-line flag)");
        }
        return (T) v;
    }

    /** Value of an optional key without a default. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> find(ConfigKey<T> key) {
        requireKnown(key);
        return Optional.ofNullable((T) parsed.get(key.name()));
    }

    /** Raw entries under a prefix declared open with {@link Builder#openPrefix}, prefix removed, sorted. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        raw.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v.text());
            }
        });
        return out;
    }

    /** Kafka client properties: {@code kafka.*} keys of the config file overridden by {@code KAFKA_*} variables. */
    public Properties kafkaProperties() {
        Properties p = new Properties();
        kafka.forEach((k, v) -> p.setProperty(k, v.text()));
        return p;
    }

    /**
     * One warning per deprecated key name that was used (file key or variable), naming the current key; the
     * service logs them once at start-up. Empty when no deprecated name was used.
     */
    public List<String> deprecations() {
        return deprecations;
    }

    /** Where a key's value came from: "default", "file x.properties", "env DRIFTLINE_X" or "flag". */
    public String originOf(ConfigKey<?> key) {
        Value v = raw.get(key.name());
        return v == null ? "default" : v.origin();
    }

    /** Effective configuration for logs and {@code --print-config}; secrets are masked. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (ConfigKey<?> key : keys.values()) {
            Object v = parsed.get(key.name());
            String shown = v == null ? "(unset)" : key.secret() ? "****" : String.valueOf(v);
            sb.append(key.name()).append(" = ").append(shown).append("   [").append(originOf(key)).append("]\n");
        }
        kafka.forEach((k, v) -> sb.append("kafka.").append(k).append(" = ")
                .append(isSecretKafkaKey(k) ? "****" : v.text()).append("   [").append(v.origin()).append("]\n"));
        return sb.toString();
    }

    /** Kafka client settings typed PASSWORD, incl. ssl.keystore.key (a PEM private key) and key passphrases. */
    private static boolean isSecretKafkaKey(String k) {
        String l = k.toLowerCase(Locale.ROOT);
        return l.contains("password") || l.contains("passphrase") || l.contains("jaas") || l.contains("secret")
                || l.endsWith("keystore.key");
    }

    private void requireKnown(ConfigKey<?> key) {
        if (!keys.containsKey(key.name())) {
            throw new IllegalArgumentException("key " + key.name() + " was not declared to this Config");
        }
    }

    private <T> T parse(ConfigKey<T> key) {
        Value v = raw.get(key.name());
        String text = v != null ? v.text() : key.defaultText();
        String origin = v != null ? v.origin() : "default";
        if (text == null) {
            return null;
        }
        T value;
        try {
            value = key.parser().parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key.name() + ": " + e.getMessage() + ": '" + (key.secret() ? "****" : text)
                    + "' (from " + origin + ")");
        }
        if (!key.check().test(value)) {
            throw new ConfigException(key.name() + ": must be " + key.checkDoc() + ", got '"
                    + (key.secret() ? "****" : text) + "' (from " + origin + ")");
        }
        return value;
    }

    /** Collects the layers; {@link #build()} validates everything at once. */
    public static final class Builder {
        private final Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
        private final List<String> openPrefixes = new ArrayList<>();
        /** Names and open prefixes of other components' keys that a shared file may hold; this builder skips them. */
        private final java.util.Set<String> othersKeys = new java.util.HashSet<>();
        private final List<String> othersPrefixes = new ArrayList<>();
        private final Map<String, Value> raw = new LinkedHashMap<>();
        private final Map<String, Value> kafka = new TreeMap<>();
        /** Deprecated name → the key that replaced it. */
        private final Map<String, ConfigKey<?>> deprecated = new LinkedHashMap<>();
        private final List<String> deprecations = new ArrayList<>();

        private Builder(Collection<? extends ConfigKey<?>> keys) {
            for (ConfigKey<?> k : keys) {
                if (this.keys.put(k.name(), k) != null) {
                    throw new IllegalArgumentException("duplicate config key " + k.name());
                }
            }
            for (ConfigKey<?> k : keys) {
                for (String old : k.deprecatedNames()) {
                    if (this.keys.containsKey(old) || deprecated.put(old, k) != null) {
                        throw new IllegalArgumentException("deprecated name " + old + " of " + k.name()
                                + " is already a key or another key's deprecated name");
                    }
                }
            }
        }

        /** Allows free-form keys under a prefix (e.g. per-model settings) in the config file. */
        public Builder openPrefix(String prefix) {
            openPrefixes.add(prefix);
            return this;
        }

        /**
         * Lets a file shared by several components (e.g. the demo's: collector, streams and demo keys) hold the other
         * components' keys: this builder skips them, and their own builder checks them. A name no component knows is
         * still refused.
         */
        public Builder alsoAccepting(Collection<? extends ConfigKey<?>> otherKeys, Collection<String> otherPrefixes) {
            for (ConfigKey<?> k : otherKeys) {
                othersKeys.add(k.name());
                othersKeys.addAll(k.deprecatedNames());
            }
            othersPrefixes.addAll(otherPrefixes);
            return this;
        }

        /** Reads a Java properties file; unknown keys are refused so typos do not go unnoticed. */
        public Builder file(Path path) {
            if (path == null) {
                return this;
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new ConfigException("config file " + path + ": cannot read: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("config file " + path + ": malformed: " + e.getMessage());
            }
            String origin = "file " + path;
            for (String name : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
                String text = p.getProperty(name).trim();
                ConfigKey<?> renamed = deprecated.get(name);
                if (name.startsWith("kafka.")) {
                    kafka.put(name.substring("kafka.".length()), new Value(text, origin));
                } else if (renamed != null) {
                    useDeprecated(name, renamed, p.containsKey(renamed.name()), text, origin);
                } else if (keys.containsKey(name) || openPrefixes.stream().anyMatch(name::startsWith)) {
                    raw.put(name, new Value(text, origin));
                } else if (othersKeys.contains(name) || othersPrefixes.stream().anyMatch(name::startsWith)) {
                    continue; // another component's key in a shared file
                } else {
                    throw new ConfigException("config file " + path + ": unknown key '" + name
                            + "' (see `driftline config keys` for the list)");
                }
            }
            return this;
        }

        /** Applies {@code DRIFTLINE_*} variables of known keys and {@code KAFKA_*} client properties. */
        public Builder env(Map<String, String> env) {
            for (ConfigKey<?> key : keys.values()) {
                String v = env.get(key.envName());
                if (v != null) {
                    raw.put(key.name(), new Value(v, "env " + key.envName()));
                }
                for (String old : key.deprecatedNames()) {
                    String oldEnv = ConfigKey.envNameOf(old);
                    if (env.containsKey(oldEnv)) {
                        useDeprecated(oldEnv, key, v != null, env.get(oldEnv), "env " + oldEnv);
                    }
                }
            }
            env.forEach((name, value) -> {
                if (name.startsWith("KAFKA_") && !KAFKA_SCRIPT_VARS.contains(name) && !isServiceLink(name)) {
                    kafka.put(kafkaPropertyOf(name), new Value(value, "env " + name));
                }
            });
            return this;
        }

        /**
         * A value given under a deprecated name ({@code oldName}: a file key or a variable) of {@code key}: used
         * unless the current name is set in the same layer, with a warning either way.
         */
        private void useDeprecated(String oldName, ConfigKey<?> key, boolean currentAlsoSet, String text,
                                   String origin) {
            String current = oldName.startsWith("DRIFTLINE_") ? key.envName() : key.name();
            if (currentAlsoSet) {
                deprecations.add(oldName + " (" + origin + ") is deprecated and ignored: " + current
                        + " is set too and wins");
                return;
            }
            raw.put(key.name(), new Value(text, origin));
            deprecations.add(oldName + " (" + origin + ") is deprecated: use " + current + " instead");
        }

        /** A value under an open prefix set by the program (e.g. the demo's per-model settings), as a flag. */
        public Builder openFlag(String name, Object value) {
            if (openPrefixes.stream().noneMatch(name::startsWith)) {
                throw new IllegalArgumentException(name + " is not under an open prefix");
            }
            raw.put(name, new Value(String.valueOf(value), "flag"));
            return this;
        }

        /** A command-line flag's value (highest precedence); {@code null} means the flag was not given. */
        public Builder flag(ConfigKey<?> key, Object value) {
            if (value != null) {
                if (!keys.containsKey(key.name())) {
                    throw new IllegalArgumentException("flag for undeclared key " + key.name());
                }
                raw.put(key.name(), new Value(String.valueOf(value), "flag"));
            }
            return this;
        }

        public Config build() {
            return new Config(keys, raw, kafka, deprecations);
        }
    }

    /**
     * Kubernetes injects {@code KAFKA_PORT}, {@code KAFKA_PORT_9092_TCP_ADDR}, {@code KAFKA_SERVICE_HOST}... for a
     * Service named "kafka"; those are not client properties.
     */
    static boolean isServiceLink(String envName) {
        return envName.equals("KAFKA_PORT") || envName.startsWith("KAFKA_PORT_") || envName.startsWith("KAFKA_SERVICE_");
    }

    /**
     * {@code KAFKA_BOOTSTRAP_SERVERS} → {@code bootstrap.servers}. As in Confluent's images, {@code __} stands for
     * {@code _} and {@code ___} for {@code -}, so every client property can be written as a variable.
     */
    static String kafkaPropertyOf(String envName) {
        String s = envName.substring("KAFKA_".length()).toLowerCase(Locale.ROOT);
        return s.replace("___", "\u0001").replace("__", "\u0002").replace('_', '.')
                .replace('\u0001', '-').replace('\u0002', '_');
    }
}
