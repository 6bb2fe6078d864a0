package dev.driftline.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.bench.support.Ports;
import dev.driftline.cli.prometheus.Exposed;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 part 4 and acceptance 2: Debian's real {@code prometheus} scrapes the running pipeline (the demo's broker,
 * collector, streams and lake sink, in this JVM; scrape config and shipped rules as {@code driftline demo} writes
 * them, with a test overlay: 1 s scrape and evaluation interval, every {@code for:} shortened to 10 s) while drifting
 * traffic flows for {@value #DRIFTING} (7 of 13 features shifted from the start) and stable traffic for
 * {@value #STEADY}. Through Prometheus' HTTP API:
 * <ol>
 * <li>{@code ALERTS{alertname="ModelDriftDetected",alertstate="firing"}} appears for the drifting model and not for
 *     the stable one (whose drift score is there, under 0.3);</li>
 * <li>every PromQL expression of every dashboard panel (and annotation) returns data, with {@code $model} = the
 *     drifting model, {@code $__rate_interval} = 1m, {@code $__interval} = 15s; every rule either returns data or,
 *     when its condition is false in this healthy run (ServingErrorRateHigh, SinkBehind, ...; likewise an annotation's
 *     event query between events), every metric it reads
 *     has series in Prometheus (the comparison stripped: the selector of each metric queried as
 *     {@code count({__name__="metric"})}). One line per expression with its series count; the test fails with the
 *     list of dead expressions.</li>
 * </ol>
 * The remediation service runs beside the demo's services and is scraped too (an episode of the drifting model whose
 * training fails gives its transition and rollback series). One refused request (a POST without CloudEvent
 * headers) is sent so the collector's rejections counter exists. Needs {@code prometheus} (Debian package).
 */
class PrometheusStackIT {
    static final String DRIFTING = "wine-drifting";
    static final String STEADY = "wine-steady";
    private static final List<String> MANY = List.of("alcohol", "color_intensity", "malic_acid", "ash", "magnesium",
            "flavanoids", "proline");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private URI prometheus;

    @Test
    void prometheusFiresModelDriftDetectedForTheDriftingModelOnlyAndNoPanelOrRuleIsDead(@TempDir Path dir)
            throws Exception {
        Path data = dir.resolve("data");
        DemoRun.Options o = new DemoRun.Options(75, null, data, Ports.freeLoopbackPort(), Ports.freeLoopbackPortPair(), 0,
                7L, dir.resolve("lake"), null, Map.of(), false, 0);
        PrintStream out = System.out;
        try (DemoRun run = DemoRun.start(o, out);
             dev.driftline.remediation.service.RemediationService remediation = remediation(run, dir)) {
            Process p = startPrometheus(run.prometheus(), dir, remediation.metricsPort());
            try {
                play(run, out);
                assertModelDriftDetected();
                assertNothingDead();
            } finally {
                p.destroy();
                p.waitFor();
            }
        }
    }

    /**
     * The remediation service beside the demo, so its meters are scraped too: the drifting model's alerts start an
     * episode whose training command fails (exit 3), which is enough for the transition and rollback series; no
     * rollout is reached.
     */
    private static dev.driftline.remediation.service.RemediationService remediation(DemoRun run, Path dir)
            throws Exception {
        Path data = Files.createDirectories(dir.resolve("training-data"));
        Files.writeString(data.resolve("train.csv"), "alcohol,cultivar\n13.2,1\n");
        String yaml = """
                defaults:
                  trigger: {sustained-windows: 1}
                  data: {source: s3-prefix, prefix: "%s"}
                  training: {backend: command, command: {run: [/bin/sh, -c, "exit 3"], workdir: "%s"}}
                  registry: {kind: local, local: {dir: "%s"}}
                  rollout: {target: webhook, webhook: {url: "http://127.0.0.1:9/never-reached"}}
                """.formatted(data.toUri(), dir.resolve("work"), dir.resolve("registry"));
        var policy = dev.driftline.remediation.policy.RemediationPolicy.parse("policy.yaml",
                new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                        .readTree(yaml));
        var settings = new dev.driftline.remediation.service.RemediationSettings(run.bootstrapServers(),
                new java.util.Properties(), run.topics(), "remediation-stack-it", dir.resolve("remediation-state"),
                policy, Duration.ofSeconds(1), true, java.util.Optional.empty(), java.util.Optional.of("us-east-1"),
                java.util.Optional.empty(), Ports.freeLoopbackPort(), "127.0.0.1", Duration.ofSeconds(30));
        var clients = new dev.driftline.remediation.wiring.WorldClients(null, "us-east-1", null, Clock.systemUTC());
        return dev.driftline.remediation.service.RemediationService.start(settings,
                new dev.driftline.remediation.wiring.PolicyWorlds(policy, clients), Clock.systemUTC(),
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                        io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT));
    }

    private Process startPrometheus(DemoPrometheus.Setup setup, Path dir, int remediationPort) throws Exception {
        // test overlay: the shipped rules with every for: shortened, scraped and evaluated every second
        Path rules = dir.resolve("rules-fast.yaml");
        Files.writeString(rules, Files.readString(setup.rules()).replaceAll("(?m)^(\\s+for: )\\d+m$", "$110s"));
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, Files.readString(setup.config()).replace("5s", "1s")
                .replace(setup.rules().toString(), rules.toString())
                + "  - job_name: driftline-remediation\n    static_configs:\n      - targets: ['127.0.0.1:"
                + remediationPort + "']\n");
        int port = Ports.freeLoopbackPort();
        prometheus = URI.create("http://127.0.0.1:" + port);
        List<String> cmd = List.of("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port);
        System.out.println("starting " + String.join(" ", cmd));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile())
                    .start();
        } catch (java.io.IOException e) {
            throw new AssertionError("prometheus is needed by this test and was not found: install it with "
                    + "`apt-get update && apt-get install -y prometheus` (.ci/run does)", e);
        }
        await("Prometheus ready", Duration.ofSeconds(60), () -> {
            try {
                return http.send(HttpRequest.newBuilder(prometheus.resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (java.io.IOException e) {
                return !p.isAlive() ? fail("prometheus exited:\n" + Files.readString(dir.resolve("prometheus.log")))
                        : false;
            }
        });
        return p;
    }

    private static boolean fail(String message) {
        throw new AssertionError(message);
    }

    /** Baselines for both models, one refused request, then both models' traffic side by side. */
    private void play(DemoRun run, PrintStream out) throws Exception {
        WineModel model = WineModel.load();
        Clock clock = Clock.systemUTC();
        run.publishBaseline(DemoScenario.baseline(model, clock, DRIFTING), JSON);
        run.publishBaseline(DemoScenario.baseline(model, clock, STEADY), JSON);
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + run.collectorPort() + "/")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isBetween(400, 499);
        int windows = 8;
        Duration span = DemoRun.WINDOW.multipliedBy(windows);
        Instant simStart = Instant.ofEpochMilli(Math.floorDiv(clock.instant().minus(span).minus(Duration.ofHours(1))
                .toEpochMilli(), DemoRun.WINDOW.toMillis()) * DemoRun.WINDOW.toMillis());
        int n = windows * DemoRun.INFERENCES_PER_WINDOW;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> sent = new ArrayList<>();
            for (String m : List.of(DRIFTING, STEADY)) {
                DemoScenario scenario = m.equals(DRIFTING) ? new DemoScenario(model, 11, simStart, MANY)
                        : new DemoScenario(model, 13, Instant.MAX, List.of());
                sent.add(pool.submit(() -> {
                    try (DemoTraffic t = new DemoTraffic(run.collectorPort(), run.bootstrapServers(), run.topics(), m)) {
                        t.run(scenario, simStart, span, n, Duration.ofSeconds(30), DemoRun.LABEL_DELAY, out);
                        assertThat(t.refused.get()).as(m + " refused: " + t.lastRefusal).isZero();
                        return t.accepted.get();
                    }
                }));
            }
            for (Future<Long> f : sent) {
                assertThat(f.get()).isEqualTo(2L * n);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertModelDriftDetected() throws Exception {
        String firing = "ALERTS{alertname=\"ModelDriftDetected\",alertstate=\"firing\"}";
        await("ModelDriftDetected firing for " + DRIFTING, Duration.ofSeconds(300),
                () -> models(query(firing)).contains(DRIFTING));
        await("a drift score for " + STEADY, Duration.ofSeconds(120),
                () -> models(query("driftline_model_drift_score")).contains(STEADY));
        JsonNode scores = query("driftline_model_drift_score");
        for (JsonNode s : scores) {
            System.out.println("driftline_model_drift_score " + s.get("metric") + " = " + s.at("/value/1").asText());
        }
        double steady = value(scores, STEADY);
        assertThat(steady).as("the steady model's drift share").isLessThanOrEqualTo(0.3);
        assertThat(value(scores, DRIFTING)).as("the drifting model's drift share").isGreaterThan(0.3);
        JsonNode alerts = query("ALERTS{alertname=\"ModelDriftDetected\"}");
        System.out.println("ALERTS{alertname=\"ModelDriftDetected\"}: " + alerts);
        assertThat(models(alerts)).contains(DRIFTING).doesNotContain(STEADY);
        JsonNode fired = query(firing).get(0).get("metric");
        assertThat(fired.get("model_name").asText()).isEqualTo(DRIFTING);
        assertThat(fired.get("severity").asText()).isEqualTo("warning");
        // the Alertmanager-facing view agrees
        JsonNode api = get("/api/v1/alerts").at("/data/alerts");
        List<String> apiFiring = new ArrayList<>();
        for (JsonNode a : api) {
            if (a.at("/labels/alertname").asText().equals("ModelDriftDetected") && a.get("state").asText()
                    .equals("firing")) {
                apiFiring.add(a.at("/labels/model").asText());
                assertThat(a.at("/annotations/runbook").asText()).contains("Meaning:");
            }
        }
        assertThat(apiFiring).contains(DRIFTING).doesNotContain(STEADY);
    }

    private void assertNothingDead() throws Exception {
        Map<String, String> exprs = new LinkedHashMap<>();
        Exposed.allDashboardExprs().forEach((k, v) -> exprs.put("panel " + k, Exposed.substitute(v, DRIFTING)));
        Exposed.ruleExprs(Exposed.rules()).forEach((k, v) -> exprs.put("rule " + k, v));
        // rate() over 1m needs two samples of each counter; wait until the collector's show up
        await("rates have data", Duration.ofSeconds(60), () -> query(
                "sum(rate(driftline_collector_events_total[1m]))").size() > 0);
        // a panel reads what the pipeline has produced so far (the alerts of the last windows may still be on their
        // way on a busy machine): what is dead is asked again until it lives or two minutes have passed
        Map<String, String> lines = new LinkedHashMap<>();
        List<String> dead = new ArrayList<>(exprs.keySet());
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            List<String> stillDead = new ArrayList<>();
            for (String name : dead) {
                String line = verdict(name, exprs.get(name));
                lines.put(name, line);
                if (line.contains("  DEAD")) {
                    stillDead.add(name);
                }
            }
            dead = stillDead;
            if (dead.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(2000);
        }
        System.out.println("series  expression (dashboard / panel / refId, or rule)  verdict");
        lines.values().forEach(System.out::println);
        System.out.println(lines.size() + " expressions, " + dead.size() + " dead");
        assertThat(dead.stream().map(n -> n + ": " + exprs.get(n)).toList()).as("dead expressions").isEmpty();
    }

    /** One line: the expression's series count, its name and whether it is live ("DEAD" when it is not). */
    private String verdict(String name, String expr) throws Exception {
        int series = query(expr).size();
        String verdict;
        if (series > 0) {
            verdict = "ok";
        } else if (name.startsWith("rule ") || name.contains("/ annotation ")) {
            // a rule, or an annotation (an event query: `changes(...) > 0` marks the moments something
            // happened): false in a quiet moment is right; what must be live is every metric it reads
            List<String> empty = new ArrayList<>();
            for (String m : Exposed.metrics(expr)) {
                if (query("count({__name__=\"" + m + "\"})").size() == 0) {
                    empty.add(m);
                }
            }
            verdict = empty.isEmpty() ? "ok (condition false in a healthy run; metrics " + Exposed.metrics(expr)
                    + " live)" : "DEAD (no series of " + empty + ")";
        } else {
            verdict = "DEAD";
        }
        return String.format("%-4d %s  %s", series, name, verdict);
    }

    private static List<String> models(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.forEach(r -> out.add(r.at("/metric/model").asText()));
        return out;
    }

    private static double value(JsonNode result, String model) {
        for (JsonNode r : result) {
            if (r.at("/metric/model").asText().equals(model)) {
                return Double.parseDouble(r.at("/value/1").asText());
            }
        }
        throw new AssertionError("no series for " + model + " in " + result);
    }

    /** {@code data.result} of an instant query. */
    private JsonNode query(String promql) throws Exception {
        JsonNode r = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        assertThat(r.get("status").asText()).as(promql + ": " + r).isEqualTo("success");
        return r.at("/data/result");
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(prometheus + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(resp.body());
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void await(String what, Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(500);
        }
    }
}
