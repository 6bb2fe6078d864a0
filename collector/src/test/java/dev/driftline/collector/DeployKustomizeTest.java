package dev.driftline.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/kubernetes} checked offline, without a cluster: {@code kubectl kustomize} builds the base and every
 * overlay, every built manifest validates against the Kubernetes schemas ({@code deploy/tools/validate-manifests.mjs},
 * npm {@code kubernetes-models}), and yamllint passes on every YAML file with {@code deploy/tools/yamllint.yaml}.
 * A missing tool fails the test with the command that installs it; nothing is skipped. The negative tests show that
 * each check catches what it is for: a wrong type, a broken kustomization, an overlong line.
 */
class DeployKustomizeTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", "."), "..").toAbsolutePath().normalize();
    private static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    private static final Path TOOLS = ROOT.resolve("deploy/tools");

    record Result(int exit, String output) {
    }

    private static Result run(Path dir, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is not installed: " + hint(command[0]), e);
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static String hint(String tool) {
        return switch (tool) {
            case "kubectl" -> "install kubectl >= 1.27 (kustomize built in), e.g. "
                    + "https://kubernetes.io/docs/tasks/tools/ (Debian's kubernetes-client 1.20 is too old)";
            case "node" -> "install Node.js >= 18 (apt-get install nodejs npm), then npm ci --prefix deploy/tools";
            case "yamllint" -> "apt-get install yamllint (or pip install yamllint)";
            default -> "install " + tool;
        };
    }

    private static void requireValidatorDependencies() {
        assertThat(TOOLS.resolve("node_modules/kubernetes-models")).as(
                "deploy/tools/node_modules is missing: run `npm ci --prefix deploy/tools` (.ci/run does)").exists();
    }

    private static List<Path> kustomizations() throws IOException {
        List<Path> dirs = new ArrayList<>();
        dirs.add(KUBERNETES.resolve("base"));
        try (Stream<Path> s = Files.list(KUBERNETES.resolve("overlays"))) {
            s.filter(d -> Files.exists(d.resolve("kustomization.yaml"))).sorted().forEach(dirs::add);
        }
        return dirs;
    }

    private static Result kustomize(Path dir) throws Exception {
        return run(ROOT, "kubectl", "kustomize", dir.toString());
    }

    private static String build(Path dir) throws Exception {
        Result r = kustomize(dir);
        assertThat(r.exit()).as("kubectl kustomize " + ROOT.relativize(dir) + ":\n" + r.output()).isZero();
        return r.output();
    }

    private static Result validate(Path manifests) throws Exception {
        requireValidatorDependencies();
        return run(TOOLS, "node", "validate-manifests.mjs", manifests.toString());
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode d = it.next();
                if (d != null && !d.isEmpty()) {
                    docs.add(d);
                }
            }
        }
        return docs;
    }

    private static JsonNode named(List<JsonNode> docs, String kind, String name) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)
                && d.at("/metadata/name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static String env(JsonNode workload, String name) {
        for (JsonNode e : workload.at("/spec/template/spec/containers/0/env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        return null;
    }

    @Test
    void everyKustomizationBuildsAndItsManifestsMatchTheKubernetesSchemas(@TempDir Path tmp) throws Exception {
        List<Path> dirs = kustomizations();
        assertThat(dirs.stream().map(d -> d.getFileName().toString())).contains("base", "dev", "prod");
        for (Path dir : dirs) {
            String built = build(dir);
            Path file = tmp.resolve(dir.getFileName() + ".yaml");
            Files.writeString(file, built);
            Result v = validate(file);
            System.out.println("== " + ROOT.relativize(dir) + "\n" + v.output());
            assertThat(v.exit()).as("schema check of " + ROOT.relativize(dir) + ":\n" + v.output()).isZero();
            assertThat(v.output()).contains(" 0 invalid").doesNotContain("FAIL");
        }
    }

    @Test
    void theBaseWiresLoggerCollectorStreamsAndMonitoring() throws Exception {
        List<JsonNode> docs = documents(build(KUBERNETES.resolve("base")));
        // the example model logs to the collector's Service, on the logger path
        JsonNode isvc = named(docs, "InferenceService", "example-model");
        String url = isvc.at("/spec/predictor/logger/url").asText();
        JsonNode collectorService = named(docs, "Service", "driftline-collector");
        assertThat(url).isEqualTo("http://driftline-collector." + collectorService.at("/metadata/namespace").asText()
                + ".svc.cluster.local:" + collectorService.at("/spec/ports/0/port").asInt() + "/log");
        named(docs, "Service", "logger-service");
        named(docs, "HorizontalPodAutoscaler", "driftline-collector");
        named(docs, "PodDisruptionBudget", "driftline-collector");
        JsonNode policy = named(docs, "NetworkPolicy", "driftline-collector");
        policy.at("/spec/ingress").forEach(rule -> rule.path("ports")
                .forEach(p -> assertThat(p.path("port").asInt()).as("only the collector's port").isEqualTo(8080)));
        // streams: a StatefulSet with state volumes, a standby replica, probes on its metrics port
        JsonNode streams = named(docs, "StatefulSet", "driftline-streams");
        assertThat(streams.at("/spec/volumeClaimTemplates/0/metadata/name").asText()).isEqualTo("state");
        assertThat(env(streams, "KAFKA_NUM_STANDBY_REPLICAS")).isEqualTo("1");
        assertThat(env(streams, "DRIFTLINE_STREAMS_STATE_DIR")).startsWith("/var/lib/driftline");
        JsonNode c = streams.at("/spec/template/spec/containers/0");
        assertThat(c.at("/args/0").asText()).isEqualTo("streams");
        assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
        assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
        assertThat(c.at("/ports/0/containerPort").asInt()).isEqualTo(9464);
        assertThat(named(docs, "Service", streams.at("/spec/serviceName").asText()).at("/spec/clusterIP").asText())
                .isEqualTo("None");
        // every workload runs under its own ServiceAccount with an IRSA role
        for (JsonNode w : docs) {
            if (List.of("Deployment", "StatefulSet").contains(w.path("kind").asText())) {
                String sa = w.at("/spec/template/spec/serviceAccountName").asText();
                assertThat(sa).as(w.at("/metadata/name").asText() + " service account").isNotEmpty();
                assertThat(named(docs, "ServiceAccount", sa).at("/metadata/annotations")
                        .has("eks.amazonaws.com/role-arn")).as("IRSA on " + sa).isTrue();
            }
        }
        // every driftline Service's metrics port has a ServiceMonitor
        for (String svc : List.of("driftline-collector", "driftline-streams", "driftline-sink",
                "driftline-remediation")) {
            JsonNode service = named(docs, "Service", svc);
            JsonNode monitor = named(docs, "ServiceMonitor", svc);
            monitor.at("/spec/selector/matchLabels").fields().forEachRemaining(e ->
                    assertThat(service.at("/metadata/labels").path(e.getKey()).asText()).as(svc + " selected")
                            .isEqualTo(e.getValue().asText()));
            String port = monitor.at("/spec/endpoints/0/port").asText();
            List<String> ports = new ArrayList<>();
            service.at("/spec/ports").forEach(p -> ports.add(p.path("name").asText()));
            assertThat(ports).as(svc + " ports").contains(port);
        }
    }

    @Test
    void devRunsOneOfEverythingAndProdSpreadsWithStandbys() throws Exception {
        List<JsonNode> dev = documents(build(KUBERNETES.resolve("overlays/dev")));
        for (JsonNode d : dev) {
            if (List.of("Deployment", "StatefulSet").contains(d.path("kind").asText())) {
                assertThat(d.at("/spec/replicas").asInt()).as(d.at("/metadata/name").asText()).isEqualTo(1);
            }
        }
        assertThat(named(dev, "HorizontalPodAutoscaler", "driftline-collector").at("/spec/minReplicas").asInt())
                .isEqualTo(1);
        List<JsonNode> prod = documents(build(KUBERNETES.resolve("overlays/prod")));
        JsonNode streams = named(prod, "StatefulSet", "driftline-streams");
        assertThat(streams.at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(env(streams, "KAFKA_NUM_STANDBY_REPLICAS")).isEqualTo("1");
        assertThat(streams.at("/spec/template/spec/affinity/podAntiAffinity").isMissingNode()).isFalse();
        JsonNode collector = named(prod, "Deployment", "driftline-collector");
        assertThat(collector.at("/spec/template/spec/affinity/podAntiAffinity").isMissingNode()).isFalse();
        int min = named(prod, "HorizontalPodAutoscaler", "driftline-collector").at("/spec/minReplicas").asInt();
        int minAvailable = named(prod, "PodDisruptionBudget", "driftline-collector").at("/spec/minAvailable").asInt();
        assertThat(minAvailable).isBetween(1, min - 1);
    }

    @Test
    void yamllintPassesOnEveryYamlFile() throws Exception {
        Result r = run(ROOT, "yamllint", "--strict", "-c", "deploy/tools/yamllint.yaml", "deploy/kubernetes",
                "deploy/tools");
        assertThat(r.exit()).as("yamllint:\n" + r.output()).isZero();
    }

    // ---- the checks catch what they are for

    @Test
    void aWrongTypeFailsTheSchemaCheck(@TempDir Path tmp) throws Exception {
        String prod = build(KUBERNETES.resolve("overlays/prod"));
        assertThat(prod).contains("replicas: 3");
        Path broken = tmp.resolve("broken.yaml");
        Files.writeString(broken, prod.replaceFirst("replicas: 3", "replicas: \"two\""));
        Result v = validate(broken);
        System.out.println(v.output());
        assertThat(v.exit()).isEqualTo(1);
        assertThat(v.output()).contains("FAIL").contains("/spec/replicas must be integer").contains("1 invalid");

        Path badEnum = tmp.resolve("enum.yaml");
        Files.writeString(badEnum, """
                apiVersion: v1
                kind: Service
                metadata: {name: x}
                spec:
                  type: Balanced
                  ports: [{port: 80}]
                """);
        Result e = validate(badEnum);
        assertThat(e.exit()).isEqualTo(1);
        assertThat(e.output()).contains("/spec/type must be equal to one of the allowed values");

        Path unknownKind = tmp.resolve("kind.yaml");
        Files.writeString(unknownKind, "apiVersion: apps/v1\nkind: Deploymint\nmetadata: {name: x}\n");
        assertThat(validate(unknownKind).output()).contains("no schema for apiVersion apps/v1, kind Deploymint");
    }

    @Test
    void aBrokenKustomizationFailsTheBuild(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("kubernetes");
        try (Stream<Path> s = Files.walk(KUBERNETES)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path target = copy.resolve(KUBERNETES.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        assertThat(kustomize(copy.resolve("overlays/prod")).exit()).as("the copy builds").isZero();
        Path kustomization = copy.resolve("base/kustomization.yaml");
        Files.writeString(kustomization, Files.readString(kustomization) + "  - ingress.yaml\n");
        Result r = kustomize(copy.resolve("overlays/prod"));
        System.out.println(r.output());
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("ingress.yaml");
    }

    @Test
    void anOverlongLineFailsYamllint(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("long.yaml");
        Files.writeString(file, "a: " + "x".repeat(130) + "\n");
        Result r = run(ROOT, "yamllint", "--strict", "-c", "deploy/tools/yamllint.yaml", file.toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("line too long");
    }
}
