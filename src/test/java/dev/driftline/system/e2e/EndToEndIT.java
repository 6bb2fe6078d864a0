package dev.driftline.system.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.cli.demo.DemoScenario;
import dev.driftline.cli.demo.WineModel;
import dev.driftline.contracts.Topics;
import dev.driftline.contracts.alerts.Alert;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.contracts.remediation.EpisodeState;
import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.sink.query.LocalLake;
import dev.driftline.system.Await;
import dev.driftline.system.DriftlineProcess;
import dev.driftline.system.PrometheusProcess;
import dev.driftline.system.TopicContents;
import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.kserve.KServeController;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Issue 17, part 1: the whole platform as its users run it — every service a separate {@code driftline} process
 * on a real broker process: two collectors (one port list, bearer tokens, a redaction rule), two streams instances
 * of one application, a sink to {@code file://} and one to S3 on moto, the CloudWatch publisher on moto, and
 * remediation against moto (SageMaker training and model registry) and fabric8's Kubernetes mock (a KServe
 * InferenceService), with Debian's Prometheus scraping them under the shipped rules.
 *
 * <p>Two models of the demo's wine classifier: {@code wine} (KServe V1) whose inputs shift from its third window
 * on, and {@code wine-stable} (KServe V2, one tensor per feature plus a {@code customer_email} tensor the collector
 * drops) that never changes. The ground truth arrives three hours after each inference, after all traffic. Asserts:
 * alerts for {@code wine} only; each lake table's rows equal its topic's records, in both lakes; CloudWatch holds
 * {@code wine}'s drift figure of every window, equal to the drift report's; one remediation episode of
 * {@code wine}, promoted (the InferenceService serves the SageMaker-trained candidate, the model package approved);
 * Prometheus fires {@code DataQualityViolation} for {@code wine} only; and no configured secret (collector token,
 * AWS secret key, the dropped field's value) appears in any process log or on any topic.
 */
class EndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DRIFTING = Platform.DRIFTING;
    private static final String STABLE = Platform.STABLE;
    /** A payload field the collector drops for {@code wine-stable} (redaction): its value must be nowhere. */
    private static final String EMAIL = "jane.e2e.secret@example.org";
    /** The mock API server logs every request (the KServe controller polls 20 times a second): warnings only. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");
    /** {@code -Psoak} ({@code -Ddriftline.soak=true}): two hours of event time at 1,000 inferences a window. */
    private static final boolean SOAK = Boolean.getBoolean("driftline.soak");
    private static final int WINDOWS = SOAK ? 24 : 6;
    private static final int PER_WINDOW = SOAK ? 1000 : 300;
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration LABEL_DELAY = Duration.ofHours(3);
    /**
     * The streams' grace for late events. The test replays 30 minutes of event time in about a minute, so a request
     * retried after a 503 (Retry-After: 1 s) lands tens of event-time seconds behind its neighbours: 90 s of
     * event-time grace is what a few wall-clock seconds are in real time. It also sets how long the last windows
     * wait for wall clock to close them once traffic stops (grace + 5 s idle grace, in wall time).
     */
    private static final String GRACE = "90s";

    private final StringBuilder figures = new StringBuilder();
    private Platform platform;

    @AfterEach
    void stopAll() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES)
    void twoModelsThroughTheWholePlatformAlertOnlyTheDriftingOneAndItsRetrainedModelIsPromoted() throws Exception {
        Path dir = Files.createDirectories(DriftlineProcess.buildDir().resolve("system-it").resolve("end-to-end")
                .resolve(String.valueOf(System.currentTimeMillis())));
        System.out.println("EndToEndIT: logs in " + dir);
        platform = Platform.start(dir, GRACE);
        MotoServer moto = platform.moto;
        String bootstrap = platform.bootstrap;

        // baselines through the CLI, from the training table as a CSV
        WineModel model = WineModel.load();
        Path csv = dir.resolve("wine-train.csv"); // written by the platform for the training data too
        for (String m : List.of(DRIFTING, STABLE)) {
            Path baseline = dir.resolve(m + "-baseline.json");
            DriftlineProcess build = platform.run("baseline-build-" + m, "256m", "baseline", "build", "--input",
                    csv.toString(), "--model", m, "--label", WineModel.LABEL, "--prediction", DemoScenario.PREDICTION,
                    "--output", baseline.toString());
            assertThat(build.awaitExit(Duration.ofMinutes(2))).as(build.tail(20)).isZero();
            DriftlineProcess publish = platform.run("baseline-publish-" + m, "256m", "baseline", "publish",
                    "--bootstrap-servers", bootstrap, baseline.toString());
            assertThat(publish.awaitExit(Duration.ofMinutes(2))).as(publish.tail(20)).isZero();
        }
        Thread.sleep(2000); // both instances' global baselines tables read them before the first event

        // traffic: both models side by side in simulated time five hours ago, through both collectors
        Duration span = WINDOW.multipliedBy(WINDOWS);
        long windowMs = WINDOW.toMillis();
        Instant start = Instant.ofEpochMilli(Math.floorDiv(Instant.now().minus(Duration.ofHours(5)).toEpochMilli(),
                windowMs) * windowMs);
        Instant shift = start.plus(WINDOW.multipliedBy(2));
        int n = WINDOWS * PER_WINDOW;
        WineTraffic traffic = new WineTraffic(platform.collectorPorts, Platform.TOKEN);
        long t0 = System.nanoTime();
        Map<String, List<DemoScenario.Inference>> sent = traffic.send(List.of(
                new WineTraffic.Stream(DRIFTING, false, new DemoScenario(model, 11, shift)),
                new WineTraffic.Stream(STABLE, true, new DemoScenario(model, 13, Instant.MAX))),
                model.features(), start, span, n, EMAIL);
        List<DemoScenario.Inference> drifting = sent.get(DRIFTING);
        List<DemoScenario.Inference> stable = sent.get(STABLE);
        double sendSeconds = (System.nanoTime() - t0) / 1e9;
        note("traffic: %d inferences per model, %d events accepted in %.1f s (%d retried after 503, %d refused); "
                + "by collector port %s", n, traffic.accepted.get(), sendSeconds, traffic.retried.get(),
                traffic.refused.get(), traffic.acceptedByPort);
        assertThat(traffic.refused.get()).as("refused: " + traffic.lastRefusal).isZero();
        assertThat(traffic.accepted.get()).isEqualTo(4L * n);
        assertThat(traffic.acceptedByPort).hasSize(2);

        Topics topics = new Topics();
        long labels = WineTraffic.sendLabels(bootstrap, topics.labels.name(), DRIFTING, drifting, LABEL_DELAY)
                + WineTraffic.sendLabels(bootstrap, topics.labels.name(), STABLE, stable, LABEL_DELAY);
        note("labels: %d rows, %s after their inferences", labels, LABEL_DELAY);

        // every window of both models evaluated, the drifting one's quality judged on its late labels
        Await.until("a drift report of every window of both models", Duration.ofMinutes(5),
                () -> windowsReported(bootstrap, topics) >= 2 * WINDOWS,
                () -> windowsReported(bootstrap, topics) + " (model, window)s reported");
        Await.until("the promoted episode of " + DRIFTING, Duration.ofMinutes(5),
                () -> states(bootstrap, topics, DRIFTING).contains(EpisodeState.DONE)
                        || states(bootstrap, topics, DRIFTING).stream().anyMatch(EpisodeState::terminal),
                () -> "states " + states(bootstrap, topics, DRIFTING));

        assertAlerts(bootstrap, topics);
        assertRemediation(bootstrap, topics, platform.kube, moto);
        assertPrometheus(platform.prometheus);
        Thread.sleep(8000); // the sinks' open batches (max-open 5 s) reach the lakes
        assertLakes(bootstrap, topics, platform.fileLake, moto, dir.resolve("s3-lake-copy"));
        assertCloudWatch(moto, platform.fileLake);
        assertEndpointsGuarded(bootstrap, topics, platform.remediationPort, platform.probePorts);
        assertCleanStops(platform.broker);
        assertNoSecretLeaks(dir);
        System.out.println("FIGURES EndToEndIT:\n" + figures);
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        l.setLevel(java.util.logging.Level.WARNING);
        return l;
    }

    private void note(String format, Object... args) {
        String line = String.format(java.util.Locale.ROOT, format, args);
        System.out.println("EndToEndIT: " + line);
        figures.append("  ").append(line).append('\n');
    }

    private static long windowsReported(String bootstrap, Topics topics) {
        return TopicContents.values(bootstrap, topics.drift).stream()
                .map(r -> r.model() + "@" + r.windowStart()).distinct().count();
    }

    private static List<EpisodeState> states(String bootstrap, Topics topics, String model) {
        return TopicContents.values(bootstrap, topics.remediationEvents).stream()
                .filter(e -> e.model().equals(model)).map(EpisodeEvent::to).toList();
    }

    private void assertAlerts(String bootstrap, Topics topics) {
        List<Alert> alerts = TopicContents.values(bootstrap, topics.alerts);
        Map<String, Long> byModelKind = alerts.stream().filter(a -> Alert.OPEN.equals(a.state()))
                .collect(Collectors.groupingBy(a -> a.model() + " " + a.kind(), TreeMap::new, Collectors.counting()));
        note("alerts opened by model and kind: %s (%d alert records in all)", byModelKind, alerts.size());
        assertThat(alerts).as("alerts of the stable model").noneMatch(a -> a.model().equals(STABLE));
        assertThat(alerts).extracting(Alert::kind).as("kinds of " + DRIFTING).contains("data_drift", "data_quality");
    }

    private void assertRemediation(String bootstrap, Topics topics, KubernetesClient kube, MotoServer moto) {
        List<EpisodeEvent> events = TopicContents.values(bootstrap, topics.remediationEvents);
        note("remediation transitions: %s", events.stream().map(e -> e.model() + ":" + e.to()).toList());
        assertThat(events).as("episodes of the stable model").noneMatch(e -> e.model().equals(STABLE));
        assertThat(events.stream().map(EpisodeEvent::episodeId).distinct()).as("episodes").hasSize(1);
        assertThat(events).extracting(EpisodeEvent::to).contains(EpisodeState.TRAINING, EpisodeState.REGISTERED,
                EpisodeState.BAKING, EpisodeState.PROMOTED).endsWith(EpisodeState.DONE);
        JsonNode predictor = JSON.valueToTree(kube.genericKubernetesResources(KServeController.INFERENCE_SERVICE)
                .inNamespace("models").withName(DRIFTING).get()).path("spec").path("predictor");
        note("InferenceService %s predictor after the episode: %s", DRIFTING, predictor);
        assertThat(predictor.path("sklearn").path("storageUri").asText()).isEqualTo(Platform.CANDIDATE);
        assertThat(predictor.path("canaryTrafficPercent").isMissingNode() || predictor.path("canaryTrafficPercent")
                .isNull() || predictor.path("canaryTrafficPercent").asInt() == 100).as(predictor.toString()).isTrue();
        SageMakerClient sm = moto.closeWithServer(moto.configure(SageMakerClient.builder()).build());
        var packages = sm.listModelPackages(b -> b.modelPackageGroupName(DRIFTING)).modelPackageSummaryList();
        assertThat(packages).hasSize(1);
        assertThat(packages.get(0).modelApprovalStatusAsString()).isEqualTo("Approved");
    }

    private void assertPrometheus(PrometheusProcess prometheus) throws Exception {
        String firing = "ALERTS{alertname=\"DataQualityViolation\",alertstate=\"firing\"}";
        // the alert may already have resolved after the promotion: ask for any firing in the last 15 minutes
        String ever = "max_over_time(" + firing + "[15m])";
        Await.until("DataQualityViolation fired for " + DRIFTING, Duration.ofMinutes(2),
                () -> labels(prometheus, ever).contains(DRIFTING), () -> "firing for " + labels(prometheus, ever));
        List<String> models = labels(prometheus, ever);
        note("Prometheus: DataQualityViolation fired for %s", models);
        assertThat(models).doesNotContain(STABLE);
    }

    private static List<String> labels(PrometheusProcess prometheus, String promql) {
        try {
            return prometheus.labels(promql, "model_name");
        } catch (Exception e) {
            return List.of("(query failed: " + e + ")");
        }
    }

    private void assertLakes(String bootstrap, Topics topics, Path fileLake, MotoServer moto, Path s3Copy)
            throws Exception {
        Map<String, String> oneRowPerRecord = new LinkedHashMap<>();
        oneRowPerRecord.put("labels", topics.labels.name());
        oneRowPerRecord.put("alerts", topics.alerts.name());
        oneRowPerRecord.put("model_quality", topics.modelQuality.name());
        oneRowPerRecord.put("remediation_events", topics.remediationEvents.name());
        Map<String, Long> expected = new LinkedHashMap<>();
        // inference.records holds one value per inference with all its rows: one lake row per row inside
        List<List<InferenceRecord>> inferences = TopicContents.values(bootstrap, topics.inferenceRecords);
        expected.put("inference_log", inferences.stream().mapToLong(List::size).sum());
        oneRowPerRecord.forEach((table, topic) -> expected.put(table, TopicContents.count(bootstrap, topic)));
        note("topic rows per table: %s (inference.records: %d values)", expected, inferences.size());
        assertThat(inferences).as("one inference.records value per inference").hasSize(2 * WINDOWS * PER_WINDOW);
        assertThat(expected.get("inference_log")).isEqualTo(2L * WINDOWS * PER_WINDOW * DemoScenario.BATCH);
        Await.until("the file lake equals the topics", Duration.ofMinutes(3),
                () -> expected.equals(Lakes.counts(fileLake, expected.keySet())),
                () -> "file lake " + Lakes.counts(fileLake, expected.keySet()));
        Await.until("the S3 lake equals the topics", Duration.ofMinutes(3),
                () -> expected.equals(Lakes.counts(Lakes.download(moto, s3Copy), expected.keySet())),
                () -> "S3 lake " + Lakes.counts(s3Copy, expected.keySet()));
        note("file lake rows: %s; S3 lake rows: %s", Lakes.counts(fileLake, expected.keySet()),
                Lakes.counts(s3Copy, expected.keySet()));
    }

    /**
     * CloudWatch cannot overwrite a datum: the publisher sends a window's figures at the window's end for the newest
     * revision it sees in a poll, so a window evaluated more than once (late rows, a new baseline) can have several
     * samples. Per window of {@code wine}: every published value is one of the lake's {@code ks_statistic} values of
     * {@code alcohol} for that window (Minimum and Maximum among them), no more samples than the lake has
     * revisions, and the newest revision's value is within [Minimum, Maximum]; a window evaluated once has exactly
     * its value.
     */
    private void assertCloudWatch(MotoServer moto, Path fileLake) throws Exception {
        CloudWatchClient cw = moto.closeWithServer(moto.configure(CloudWatchClient.builder()).build());
        Map<Long, List<Double>> lake = new TreeMap<>();
        try (LocalLake l = LocalLake.open(fileLake)) {
            for (List<Object> row : l.query("SELECT epoch_ms(window_end) AS e, value FROM drift_metrics WHERE model = '"
                    + DRIFTING + "' AND feature = 'alcohol' AND metric = 'ks_statistic' ORDER BY revision, "
                    + "baseline_created_at").rows()) {
                lake.computeIfAbsent(Long.parseLong(String.valueOf(row.get(0))), k -> new ArrayList<>())
                        .add(Double.parseDouble(String.valueOf(row.get(1))));
            }
        }
        Await.until("CloudWatch has the drift figure of every window of " + DRIFTING, Duration.ofMinutes(2),
                () -> datapoints(cw).keySet().containsAll(lake.keySet()), () -> "CloudWatch " + datapoints(cw)
                        + ", lake " + lake);
        Map<Long, Datapoint> published = datapoints(cw);
        note("CloudWatch feature_baseline_drift_alcohol of %s by window end [Minimum, Maximum, SampleCount]: %s; the "
                + "lake's ks_statistic by revision: %s", DRIFTING, published.entrySet().stream().collect(
                Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue().minimum(), e.getValue().maximum(),
                        e.getValue().sampleCount()), (a, b) -> a, TreeMap::new)), lake);
        assertThat(lake).hasSize(WINDOWS);
        lake.forEach((end, values) -> {
            Datapoint d = published.get(end);
            String window = "window ending " + Instant.ofEpochMilli(end);
            double newest = values.get(values.size() - 1);
            assertThat(values).as(window).contains(d.minimum(), d.maximum());
            assertThat(d.sampleCount()).as(window).isBetween(1.0, (double) values.size());
            assertThat(newest).as(window + ": the newest revision").isBetween(d.minimum(), d.maximum());
        });
    }

    private static Map<Long, Datapoint> datapoints(CloudWatchClient cw) {
        Map<Long, Datapoint> out = new TreeMap<>();
        for (Datapoint d : cw.getMetricStatistics(b -> b.namespace("/aws/sagemaker/Endpoints/data-metric")
                .metricName("feature_baseline_drift_alcohol").dimensions(
                        Dimension.builder().name("EndpointName").value(DRIFTING).build(),
                        Dimension.builder().name("ScheduleName").value("driftline-" + DRIFTING).build())
                .startTime(Instant.now().minus(Duration.ofHours(8))).endTime(Instant.now()).period(60)
                .statistics(Statistic.MINIMUM, Statistic.MAXIMUM, Statistic.SAMPLE_COUNT)).datapoints()) {
            out.put(d.timestamp().toEpochMilli(), d);
        }
        return out;
    }

    /** SIGTERM to every service, the broker last: each stops by itself with exit code 0. */
    private void assertCleanStops(DriftlineProcess broker) throws InterruptedException {
        Map<String, Integer> exits = new LinkedHashMap<>();
        for (DriftlineProcess p : platform.processes) {
            if (p != broker && p.alive()) {
                exits.put(p.name(), p.sigterm(Duration.ofSeconds(90)));
            }
        }
        exits.put(broker.name(), broker.sigterm(Duration.ofSeconds(90)));
        note("SIGTERM: exit codes %s", exits);
        assertThat(exits.values()).as("exit codes " + exits).containsOnly(0);
    }

    /**
     * No configured secret in any file a process wrote: every process log, and the broker's own log segments (every
     * topic's records as stored), read as bytes. The redacted field's value must not be on any topic either.
     */
    private void assertNoSecretLeaks(Path dir) throws Exception {
        List<String> secrets = List.of(Platform.TOKEN, Platform.API_TOKEN, Platform.AWS_SECRET, EMAIL);
        Map<String, List<String>> leaks = new TreeMap<>();
        long processLogs = 0;
        long segments = 0;
        long bytes = 0;
        try (var walk = Files.walk(dir)) {
            for (Path f : walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".log")).toList()) {
                String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                bytes += text.length();
                if (f.startsWith(dir.resolve("broker"))) {
                    segments++;
                } else {
                    processLogs++;
                }
                for (String secret : secrets) {
                    if (text.contains(secret)) {
                        leaks.computeIfAbsent(dir.relativize(f).toString(), k -> new ArrayList<>()).add(secret);
                    }
                }
            }
        }
        note("secrets: %d process logs and %d broker log segments (%,d bytes) searched for the collector token, the "
                + "control API token, the AWS secret key and the dropped field's value: %s", processLogs, segments,
                bytes, leaks.isEmpty() ? "none found" : leaks);
        assertThat(processLogs).isGreaterThanOrEqualTo(platform.processes.size());
        assertThat(segments).as("broker segments searched").isPositive();
        assertThat(leaks).isEmpty();
    }

    /**
     * The remediation control API refuses a pause without the token (401, and no command on the topic), and every
     * service's metrics and health endpoints refuse to be written to (405).
     */
    private void assertEndpointsGuarded(String bootstrap, Topics topics, int remediationPort, List<Integer> ports)
            throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> pause = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + remediationPort + "/api/v1/pause"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"reason\": \"anonymous\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(pause.statusCode()).as(pause.body()).isEqualTo(401);
        assertThat(pause.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(TopicContents.count(bootstrap, topics.remediationCommands.name())).isZero();
        Map<String, Integer> refused = new TreeMap<>();
        for (int port : ports) {
            for (String path : List.of("/metrics", "/healthz", "/readyz")) {
                int status = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                        + port + path)).POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
                refused.merge(String.valueOf(status), 1, Integer::sum);
            }
        }
        note("endpoints: unauthenticated POST /api/v1/pause -> %d; POST to /metrics, /healthz, /readyz of %d services "
                + "-> %s", pause.statusCode(), ports.size(), refused);
        assertThat(refused).containsOnlyKeys("405");
    }
}
