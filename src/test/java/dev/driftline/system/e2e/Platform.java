package dev.driftline.system.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.bench.support.Ports;
import dev.driftline.cli.demo.DemoScenario;
import dev.driftline.cli.demo.WineModel;
import dev.driftline.system.DriftlineProcess;
import dev.driftline.system.PrometheusProcess;
import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.kserve.KServeController;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Everything {@link EndToEndIT} runs, started as a user would: moto (S3 buckets, the training data, SageMaker's
 * patched training), fabric8's mock API server with the {@code wine} InferenceService and a KServe controller, then
 * every service as a {@code driftline} process on a broker process — streams ×2 first (they create the topics),
 * collector ×2 (tokens file, a redaction rule), sinks to {@code file://} and S3, the CloudWatch publisher,
 * remediation (policy file, control API tokens) — and Prometheus scraping them. {@link #close()} stops all of it.
 */
final class Platform implements AutoCloseable {
    static final String DRIFTING = "wine";
    static final String STABLE = "wine-stable";
    static final String TOKEN = "e2e-collector-token-6f1d0c9a52";
    static final String API_TOKEN = "e2e-control-api-token-3c8e21b7f0";
    static final String AWS_SECRET = "e2e-aws-secret-key-91bd77e0c4";
    static final String CANDIDATE = "s3://models/wine/candidate/model.tar.gz";
    private static final String OLD_URI = "s3://models/wine/v1/model.joblib";
    private static final String ROLE = "arn:aws:iam::123456789012:role/driftline-training";
    private static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/wine-train:latest";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "e2eaccesskey", "AWS_SECRET_ACCESS_KEY", AWS_SECRET,
            "AWS_REGION", "us-east-1");
    final List<DriftlineProcess> processes = new ArrayList<>();
    final List<Integer> collectorPorts = new ArrayList<>();
    /** Every service's port with /metrics, /healthz and /readyz. */
    final List<Integer> probePorts = new ArrayList<>();
    final Path fileLake;
    MotoServer moto;
    KubernetesClient kube;
    String bootstrap;
    DriftlineProcess broker;
    int remediationPort;
    PrometheusProcess prometheus;
    private final List<AutoCloseable> running = new ArrayList<>();

    private Platform(Path dir) {
        this.dir = dir;
        this.fileLake = dir.resolve("lake");
    }

    /** Starts the whole platform in {@code dir}; the streams' grace is {@code grace} (e.g. 90s). */
    static Platform start(Path dir, String grace) throws Exception {
        Platform p = new Platform(dir);
        try {
            p.startWorld();
            p.startServices(grace);
            return p;
        } catch (Exception | Error e) {
            p.close();
            throw e;
        }
    }

    private void startWorld() throws Exception {
        moto = MotoServer.start();
        running.add(moto);
        S3Client s3 = moto.s3();
        for (String bucket : List.of("lake", "training", "models")) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        Path csv = writeTrainingCsv(WineModel.load(), dir.resolve("wine-train.csv"));
        s3.putObject(b -> b.bucket("training").key("wine/train.csv"), RequestBody.fromFile(csv));
        moto.post("/moto-api/x/sagemaker/training", "{\"in_progress_polls\": 2, \"final_metrics\": {\"accuracy\": "
                + "0.97}, \"artifact\": \"" + CANDIDATE + "\"}");
        KubernetesMockServer k8s = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        k8s.init();
        running.add(k8s::destroy);
        kube = k8s.createClient();
        running.add(kube);
        kube.genericKubernetesResources(KServeController.INFERENCE_SERVICE).inNamespace("models").resource(
                JSON.readValue("""
                        {"apiVersion": "serving.kserve.io/v1beta1", "kind": "InferenceService",
                         "metadata": {"name": "wine", "namespace": "models"},
                         "spec": {"predictor": {"logger": {"mode": "all", "url": "http://driftline-collector.monitoring/"},
                            "sklearn": {"storageUri": "%s"}}}}
                        """.formatted(OLD_URI), GenericKubernetesResource.class)).create();
        running.add(new KServeController(kube, "models", DRIFTING));
    }

    private void startServices(String grace) throws Exception {
        int brokerPort = Ports.freeLoopbackPort();
        bootstrap = "127.0.0.1:" + brokerPort;
        broker = run("broker", "768m", "broker", "--port", String.valueOf(brokerPort), "--controller-port",
                String.valueOf(Ports.freeLoopbackPort()), "--data-dir", dir.resolve("broker").toString());
        broker.awaitLog("driftline broker: ready", Duration.ofMinutes(2));
        List<Integer> streamsPorts = new ArrayList<>();
        for (int i = 1; i <= 2; i++) { // streams first: it creates every topic the others read
            int port = probePort();
            streamsPorts.add(port);
            run("streams-" + i, "512m", "streams", "--bootstrap-servers", bootstrap, "--application-id",
                    "e2e-streams", "--state-dir", dir.resolve("state-" + i).toString(), "--metrics-port",
                    String.valueOf(port), "--window", "5m", "--grace", grace)
                    .awaitLog("driftline streams: running", Duration.ofMinutes(3));
        }
        Path tokens = Files.writeString(dir.resolve("collector-tokens"), TOKEN + "\n");
        Path collectorConfig = Files.writeString(dir.resolve("collector.properties"), """
                collector.auth.tokens-file = %s
                # a loaded 2-core box: Kafka's ack within 2 s is an ack, not an outage (the default is 150 ms)
                collector.ack-timeout = 2s
                collector.redaction.model.%s.drop = customer_email
                """.formatted(tokens, STABLE));
        for (int i = 1; i <= 2; i++) {
            int port = probePort();
            collectorPorts.add(port);
            run("collector-" + i, "256m", "collector", "--bootstrap-servers", bootstrap, "--config",
                    collectorConfig.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port))
                    .awaitLog("driftline collector: listening", Duration.ofMinutes(2));
        }
        run("sink-file", "512m", "sink", "--bootstrap-servers", bootstrap, "--lake", fileLake.toUri().toString(),
                "--group-id", "e2e-sink-file", "--max-open", "5s", "--metrics-port", String.valueOf(probePort()))
                .awaitLog("driftline sink: writing", Duration.ofMinutes(2));
        String aws = moto.endpoint().toString();
        run("sink-s3", "512m", "sink", "--bootstrap-servers", bootstrap, "--lake", "s3://lake/e2e/",
                "--endpoint-url", aws, "--region", "us-east-1", "--group-id", "e2e-sink-s3", "--max-open", "5s",
                "--metrics-port", String.valueOf(probePort())).awaitLog("driftline sink: writing", Duration.ofMinutes(2));
        run("cloudwatch", "256m", "cloudwatch", "publish", "--bootstrap-servers", bootstrap, "--endpoint-url", aws,
                "--region", "us-east-1", "--metrics-port", String.valueOf(probePort()))
                .awaitLog("driftline cloudwatch: publishing", Duration.ofMinutes(2));
        remediationPort = probePort();
        Path policy = Files.writeString(dir.resolve("policy.yaml"), policy(kube.getMasterUrl().toString()));
        Path apiTokens = Files.writeString(dir.resolve("remediation-api-tokens"), API_TOKEN + "\n");
        run("remediation", "512m", "remediation", "--bootstrap-servers", bootstrap, "--policy", policy.toString(),
                "--api-tokens-file", apiTokens.toString(), "--endpoint-url", aws, "--region", "us-east-1",
                "--state-dir", dir.resolve("remediation-state").toString(), "--metrics-port",
                String.valueOf(remediationPort), "--tick", "1s")
                .awaitLog("driftline remediation: running", Duration.ofMinutes(2));
        Map<String, List<String>> scrape = new LinkedHashMap<>();
        scrape.put("driftline-streams", streamsPorts.stream().map(p -> "127.0.0.1:" + p).toList());
        scrape.put("driftline-collector", collectorPorts.stream().map(p -> "127.0.0.1:" + p).toList());
        scrape.put("driftline-remediation", List.of("127.0.0.1:" + remediationPort));
        prometheus = PrometheusProcess.start(dir.resolve("prometheus"), scrape);
        running.add(prometheus);
    }

    private int probePort() throws java.io.IOException {
        int port = Ports.freeLoopbackPort();
        probePorts.add(port);
        return port;
    }

    /** Runs {@code driftline <args…>} as a process of the platform (its log in {@link #dir}). */
    DriftlineProcess run(String name, String heap, String... args) throws Exception {
        DriftlineProcess p = DriftlineProcess.start(name, dir, heap, env, List.of(args));
        processes.add(p);
        running.add(p);
        return p;
    }

    private static String policy(String masterUrl) {
        return """
                defaults:
                  trigger: {sustained-windows: 2, cooldown: 24h}
                  data: {source: s3-prefix, prefix: "s3://training/wine/"}
                  training:
                    backend: sagemaker
                    sagemaker: {role-arn: "%1$s", image: "%2$s", output-path: "s3://models/wine/output/"}
                  registry:
                    kind: sagemaker
                    sagemaker: {image: "%2$s"}
                  approval:
                    rules:
                      - {metric: accuracy, op: ">=", value: 0.9, then: approve}
                  rollout:
                    target: kserve
                    steps: [50, 100]
                    bake: 2s
                    kserve: {namespace: models, master-url: "%3$s", rollback-settle: 0s}
                """.formatted(ROLE, IMAGE, masterUrl);
    }

    /** The wine training table with the true class and the model's own prediction per row, as a CSV. */
    static Path writeTrainingCsv(WineModel model, Path file) throws Exception {
        StringBuilder b = new StringBuilder(String.join(",", model.features())).append(',').append(WineModel.LABEL)
                .append(',').append(DemoScenario.PREDICTION).append('\n');
        for (int i = 0; i < model.size(); i++) {
            double[] x = model.row(i);
            for (double v : x) {
                b.append(v).append(',');
            }
            b.append(model.cultivar(i)).append(',').append(model.predict(x)).append('\n');
        }
        return Files.writeString(file, b);
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.out.println("stopping " + running.get(i) + ": " + e);
            }
        }
    }
}
