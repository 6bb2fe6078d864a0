package dev.driftline.collector;

import dev.driftline.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Builds collector configuration the way the service does: file &lt; env &lt; flags over {@link CollectorKeys#ALL}. */
final class TestSettings {
    static final String BOOTSTRAP = "broker-1:9092";
    static final String HASH_KEY = "k3y-for-tests-0123456789";

    private TestSettings() {
    }

    /** Config from an optional properties text (written to a file under dir) and env; bootstrap servers not added. */
    static Config config(Path dir, String properties, Map<String, String> env) {
        Config.Builder b = Config.builder(CollectorKeys.ALL).openPrefix(CollectorKeys.REDACTION_MODEL_PREFIX);
        if (properties != null) {
            b.file(write(dir, "collector.properties", properties));
        }
        return b.env(env).build();
    }

    /** Settings with bootstrap servers set through the environment plus the given file content and env. */
    static CollectorSettings settings(Path dir, String properties, Map<String, String> env) {
        Map<String, String> e = new HashMap<>(env);
        e.putIfAbsent("DRIFTLINE_BOOTSTRAP_SERVERS", BOOTSTRAP);
        return CollectorSettings.from(config(dir, properties, e));
    }

    static CollectorSettings defaults(Path dir) {
        return settings(dir, null, Map.of());
    }

    static Path write(Path dir, String name, String content) {
        try {
            Path f = dir.resolve(name);
            Files.writeString(f, content, StandardCharsets.UTF_8);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
