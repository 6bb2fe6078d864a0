package dev.driftline.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.driftline.config.ConfigKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/kubernetes/base/collector.yaml} drops in for the users' logger: a Service named {@code logger-service}
 * in {@code monitoring} on port 8080 selects the collector's pods, whose container listens there and serves the
 * logger's {@code /log} path; every {@code DRIFTLINE_*} variable it sets is a collector key.
 */
class DeployCollectorTest {
    private static final Path FILE = Path.of(System.getProperty("basedir", "."), "..", "deploy", "kubernetes",
            "base", "collector.yaml").normalize();

    private static List<JsonNode> documents() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> out = new ArrayList<>();
        try (YAMLParser p = new YAMLFactory().createParser(FILE.toFile())) {
            yaml.readValues(p, JsonNode.class).forEachRemaining(out::add);
        }
        return out;
    }

    private static JsonNode named(List<JsonNode> docs, String kind, String name) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)
                && d.at("/metadata/name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + FILE));
    }

    @Test
    void loggerServiceAnswersOnTheLoggersUrlWithTheCollector() throws Exception {
        List<JsonNode> docs = documents();
        JsonNode logger = named(docs, "Service", "logger-service");
        assertThat(logger.at("/metadata/namespace").asText()).isEqualTo("monitoring");
        assertThat(logger.at("/spec/ports/0/port").asInt()).isEqualTo(8080);
        JsonNode deployment = named(docs, "Deployment", "driftline-collector");
        assertThat(deployment.at("/metadata/namespace").asText()).isEqualTo("monitoring");
        Map<String, String> podLabels = new ObjectMapper().convertValue(
                deployment.at("/spec/template/metadata/labels"), Map.class);
        Map<String, String> selector = new ObjectMapper().convertValue(logger.at("/spec/selector"), Map.class);
        assertThat(podLabels).containsAllEntriesOf(selector);
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        Map<String, String> env = new java.util.LinkedHashMap<>();
        container.get("env").forEach(e -> env.put(e.get("name").asText(), e.get("value").asText()));
        assertThat(env.get(CollectorKeys.PORT.envName())).isEqualTo("8080");
        assertThat(List.of(env.get(CollectorKeys.EVENT_PATHS.envName()).split(","))).contains("/log");
        Set<String> known = CollectorKeys.ALL.stream().map(ConfigKey::envName).collect(Collectors.toSet());
        env.keySet().stream().filter(k -> k.startsWith("DRIFTLINE_") && !k.equals("DRIFTLINE_JAVA_OPTS"))
                .forEach(k -> assertThat(known).as("a collector key: " + k).contains(k));
    }
}
