package dev.driftline.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.config.Config;
import dev.driftline.remediation.service.RemediationKeys;
import dev.driftline.remediation.service.RemediationService;
import dev.driftline.remediation.service.RemediationSettings;
import dev.driftline.remediation.wiring.PolicyWorlds;
import dev.driftline.remediation.wiring.WorldClients;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo's remediation service, run in this JVM on the {@linkplain SimulatedClock simulated clock}, with the policy
 * it writes to {@code <data-dir>/remediation-policy.json} (the file a team would write; printed at start):
 * <ul>
 *   <li>trigger: drift alerts on two or more features, or the model-quality alert, held in {@value #SUSTAINED}
 *       windows (so the export below holds only shifted traffic);</li>
 *   <li>data: the lake's labelled rows of the {@value #PERIOD} before the trigger (DuckDB over the demo's lake);</li>
 *   <li>training: {@code command} — {@link WineTrainer} in a child JVM on the same classpath;</li>
 *   <li>registry: {@code local} (a JSON file per model), approved when holdout accuracy ≥ 0.90 and better than the
 *       serving model's, rejected under 0.80;</li>
 *   <li>rollout: {@code webhook} to the {@linkplain DemoKServe simulated KServe}, steps 10/50/100 %, each baked
 *       {@value #BAKE} under the guardrail on the canary's own model-quality windows (those with at least
 *       {@value #GUARDRAIL_MIN_ROWS} labelled rows).</li>
 * </ul>
 * Durations are simulated time; the service ticks every {@value #TICK_MS} ms of wall time.
 */
final class DemoRemediation implements AutoCloseable {
    static final int SUSTAINED = 6;
    static final String PERIOD = "30m";
    static final String BAKE = "10m";
    static final long TICK_MS = 300;
    static final double MIN_ACCURACY = 0.90;
    static final int GUARDRAIL_MIN_ROWS = 200;

    private final RemediationService service;
    private final WorldClients clients;
    private final Path policy;

    private DemoRemediation(RemediationService service, WorldClients clients, Path policy) {
        this.service = service;
        this.clients = clients;
        this.policy = policy;
    }

    static DemoRemediation start(Path dataDir, Path lake, String bootstrapServers, URI kserve, SimulatedClock clock,
                                 PrometheusMeterRegistry registry) throws Exception {
        Path policyFile = dataDir.resolve("remediation-policy.json");
        Files.writeString(policyFile, new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(policy(dataDir, lake, kserve)));
        RemediationSettings s = RemediationSettings.from(Config.builder(RemediationKeys.ALL)
                .flag(RemediationKeys.BOOTSTRAP_SERVERS, bootstrapServers)
                .flag(RemediationKeys.APPLICATION_ID, "driftline-demo-remediation")
                .flag(RemediationKeys.STATE_DIR, dataDir.resolve("remediation-state"))
                .flag(RemediationKeys.POLICY, policyFile)
                .flag(RemediationKeys.TICK, TICK_MS + "ms")
                .flag(RemediationKeys.METRICS_PORT, 0).flag(RemediationKeys.METRICS_HOST, "127.0.0.1").build());
        WorldClients clients = new WorldClients(null, null, null, clock);
        try {
            PolicyWorlds worlds = new PolicyWorlds(s.policy(), clients);
            s.policy().models().forEach(worlds::validate);
            return new DemoRemediation(RemediationService.start(s, worlds, clock, registry), clients, policyFile);
        } catch (Exception | Error e) {
            clients.close();
            throw e;
        }
    }

    /** The policy of the demo's model (see the class comment). */
    static ObjectNode policy(Path dataDir, Path lake, URI kserve) throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        ObjectNode d = root.putObject("defaults");
        ObjectNode trigger = d.putObject("trigger");
        trigger.put("sustained-windows", SUSTAINED);
        trigger.put("drift-features", 2);
        trigger.put("cooldown", "24h");
        ObjectNode data = d.putObject("data");
        data.put("source", "lake");
        data.put("lake", lake.toUri().toString());
        data.put("output", dataDir.resolve("remediation-exports").toUri().toString());
        data.put("period", PERIOD);
        data.put("min-rows", 300);
        ObjectNode training = d.putObject("training");
        training.put("backend", "command");
        training.put("timeout", "6h");
        ObjectNode command = training.putObject("command");
        ArrayNode run = command.putArray("run");
        trainerCommand().forEach(run::add);
        command.put("workdir", dataDir.resolve("remediation-work").toString());
        ObjectNode registry = d.putObject("registry");
        registry.put("kind", "local");
        registry.putObject("local").put("dir", dataDir.resolve("remediation-registry").toString());
        ObjectNode approval = d.putObject("approval");
        ArrayNode rules = approval.putArray("rules");
        rules.addObject().put("metric", "accuracy").put("op", ">=").put("value", MIN_ACCURACY).put("then", "approve");
        rules.addObject().put("metric", "accuracy").put("op", "<").put("value", 0.80).put("then", "reject");
        approval.putArray("beat-serving").add("accuracy");
        ObjectNode rollout = d.putObject("rollout");
        rollout.put("target", "webhook");
        rollout.putArray("steps").add(10).add(50).add(100);
        rollout.put("bake", BAKE);
        rollout.put("settle-timeout", "30m");
        // a canary window is judged once it has 200 labelled rows: at 10 % a window has about 120 rows, so the
        // guardrail judges the 50 % step, where 600 rows make the pipeline's "degraded" (under 0.9275) a real
        // signal rather than the noise of a few dozen rows (0.97 on 32 rows is under it one time in twenty)
        rollout.putObject("guardrail").put("max-accuracy-drop", 0.05).put("min-rows", GUARDRAIL_MIN_ROWS);
        rollout.putObject("webhook").put("url", kserve.toString()).put("timeout", "5s");
        root.putObject("models").putObject(DemoScenario.MODEL);
        return root;
    }

    /** This JVM's java and classpath running {@link WineTrainer} with the trainer contract's placeholders. */
    static List<String> trainerCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), WineTrainer.class.getName(),
                "--data", "${data}", "--out", "${output}", "--version", "${episode}");
    }

    Path policyFile() {
        return policy;
    }

    @Override
    public void close() {
        service.close();
        clients.close();
    }
}
