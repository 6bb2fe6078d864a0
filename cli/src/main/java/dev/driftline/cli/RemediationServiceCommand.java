package dev.driftline.cli;

import dev.driftline.config.Config;
import dev.driftline.remediation.service.DryRun;
import dev.driftline.remediation.service.RemediationKeys;
import dev.driftline.remediation.service.RemediationService;
import dev.driftline.remediation.service.RemediationSettings;
import dev.driftline.remediation.wiring.PolicyWorlds;
import dev.driftline.remediation.wiring.WorldClients;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code driftline remediation}: without a sub-command runs the remediation service until SIGTERM (like
 * {@code driftline sink}); the sub-commands are the operator's view of it (status, history) and its controls
 * (approve, reject, cancel, pause, resume), which talk to the topics directly.
 */
@Command(name = "remediation", mixinStandardHelpOptions = true,
        description = {"Retrain, gate and roll out models whose drift persists (runs until SIGTERM).",
            "%nWhen a model's policy trigger holds (open alerts, degraded quality) it prepares training data, "
                    + "trains, registers and judges the candidate, waits for an approval when the rules do not decide, "
                    + "rolls it out step by step under a guardrail and publishes the new baseline. Each model's latest "
                    + "episode is on <prefix>remediation.episodes, every transition on <prefix>remediation.events.",
            "%n--disabled is the kill switch (watch and log, start nothing); --dry-run reads the topics once "
                    + "and prints what would start and every call it would make, changing nothing. At start-up it waits "
                    + "up to --startup-timeout (default 60s) for Kafka, saying what it waits for, then exits 1.",
            "%nControl API (off until a token is configured): POST /api/v1/episodes/{episode}/approve|reject|cancel "
                    + "and POST /api/v1/pause|resume on the metrics port, with Authorization: Bearer <token> from "
                    + "--api-tokens-file / remediation.api.tokens-file (one per line) or DRIFTLINE_REMEDIATION_API_TOKENS; "
                    + "202 once the command is on <prefix>remediation.commands. /metrics, /healthz, /readyz are "
                    + "read-only (GET, HEAD).",
            "%nConfiguration: defaults < --config file < DRIFTLINE_*/KAFKA_* variables < flags; `driftline "
                    + "config keys` lists every key."},
        subcommands = {RemediationStatusCommand.class, RemediationHistoryCommand.class,
            RemediationDecideCommand.Approve.class, RemediationDecideCommand.Reject.class,
            RemediationDecideCommand.Cancel.class, RemediationPauseCommand.Pause.class,
            RemediationPauseCommand.Resume.class},
        footer = {"%nExamples:",
            "  driftline remediation --bootstrap-servers kafka:9092 --policy remediation.yaml",
            "  driftline remediation status",
            "  driftline remediation history --model churn",
            "  driftline remediation approve churn-20261202T101500Z --reason \"checked the holdout\"",
            "  driftline remediation pause            (every model; resume undoes it)",
            "  driftline remediation --policy remediation.yaml --api-tokens-file /etc/driftline/api-tokens",
            "  curl -X POST -H \"Authorization: Bearer $TOKEN\" -d '{\"reason\": \"freeze\"}' "
                    + "http://localhost:9466/api/v1/pause"})
public final class RemediationServiceCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers, host:port[,...].")
    String bootstrapServers;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Remediation policy (YAML or JSON); without it the code defaults apply.")
    Path policy;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with remediation.* and kafka.* keys.")
    Path configFile;

    @Option(names = "--topic-prefix", description = "Topic prefix (default driftline.).")
    String prefix;

    @Option(names = "--metrics-port", description = "Port of /metrics, /healthz, /readyz (default 9466; 0 = any free port; -1 off).")
    Integer metricsPort;

    @Option(names = "--api-tokens-file", paramLabel = "FILE",
            description = "Bearer tokens of the control API, one per line; without tokens the API is off.")
    Path apiTokensFile;

    @Option(names = "--tick", description = "How often running episodes move a step, e.g. 10s (default).")
    String tick;

    @Option(names = "--state-dir", description = "Local state directory (default remediation-state).")
    Path stateDir;

    @Option(names = "--application-id", description = "Kafka Streams application id (default driftline-remediation).")
    String applicationId;

    @Option(names = "--endpoint-url", description = "Endpoint for SageMaker, CloudWatch, SNS, S3 and Athena (moto).")
    String endpointUrl;

    @Option(names = "--region", description = "AWS region (default: the SDK's chain, else us-east-1).")
    String region;

    @Option(names = "--kubernetes-master", description = "Kubernetes API URL (default in-cluster or ~/.kube/config).")
    String kubernetesMaster;

    @Option(names = "--startup-timeout", paramLabel = "DURATION",
            description = "How long to wait for Kafka at start-up before exiting non-zero, e.g. 30s (default 60s).")
    String startupTimeout;

    @Option(names = "--disabled", description = "Kill switch: watch alerts and log, but start and move nothing.")
    boolean disabled;

    @Option(names = "--dry-run", description = "Read the topics once, print what would start and every call, exit.")
    boolean dryRun;

    @Option(names = "--print-config", description = "Print the effective configuration (secrets masked) and exit.")
    boolean printConfig;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    Config config() {
        return Config.builder(RemediationKeys.ALL).file(configFile).env(System.getenv())
                .flag(RemediationKeys.BOOTSTRAP_SERVERS, bootstrapServers).flag(RemediationKeys.POLICY, policy)
                .flag(RemediationKeys.TOPIC_PREFIX, prefix).flag(RemediationKeys.METRICS_PORT, metricsPort)
                .flag(RemediationKeys.TICK, tick).flag(RemediationKeys.STATE_DIR, stateDir)
                .flag(RemediationKeys.APPLICATION_ID, applicationId)
                .flag(RemediationKeys.AWS_ENDPOINT_URL, endpointUrl).flag(RemediationKeys.AWS_REGION, region)
                .flag(RemediationKeys.KUBERNETES_MASTER, kubernetesMaster)
                .flag(RemediationKeys.STARTUP_TIMEOUT, startupTimeout)
                .flag(RemediationKeys.API_TOKENS_FILE, apiTokensFile)
                // only ever turns it off: a file or variable saying false is not overridden by the flag's absence
                .flag(RemediationKeys.ENABLED, disabled ? Boolean.FALSE : null).build();
    }

    @Override
    public Integer call() throws Exception {
        Config config = config();
        if (printConfig) {
            spec.commandLine().getOut().print(config.describe());
            spec.commandLine().getOut().flush();
            return 0;
        }
        RemediationSettings settings = RemediationSettings.from(config);
        KafkaStartup.await("driftline remediation", settings.bootstrapServers(), settings.kafka(),
                settings.startupTimeout());
        WorldClients clients = new WorldClients(settings.awsEndpoint().orElse(null),
                settings.awsRegion().orElse(null), settings.kubernetesMaster().orElse(null), Clock.systemUTC());
        if (dryRun) {
            try (clients) {
                return DryRun.run(settings, clients, System.out);
            }
        }
        PolicyWorlds worlds = new PolicyWorlds(settings.policy(), clients);
        List<String> models = settings.policy().models();
        // every named model's adapters are built now: a policy that cannot be wired fails here, not mid-episode
        models.forEach(worlds::validate);
        try {
            worlds.validate("(defaults)");
        } catch (RuntimeException e) {
            // allowed (each model may bring its own parts), but said at start-up rather than at the first alert
            System.err.println("driftline remediation: models without a section in the policy will not be "
                    + "remediated: " + e.getMessage());
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RemediationService service;
        try {
            service = RemediationService.start(settings, worlds, Clock.systemUTC(), registry);
        } catch (java.util.concurrent.TimeoutException e) {
            clients.close();
            throw RemediationKafka.unreachable(settings.bootstrapServers(), settings.startupTimeout(), e);
        } catch (RuntimeException | java.io.IOException e) {
            clients.close();
            throw e;
        }
        Shutdown.onSignal(() -> {
            service.close();
            clients.close();
            registry.close();
        });
        System.out.println("driftline remediation: running (" + settings.applicationId()
                + (settings.enabled() ? "" : ", DISABLED: watching only") + ", policy " + settings.policy().file()
                + ", models " + (models.isEmpty() ? "(defaults only)" : String.join(", ", models))
                + (service.metricsPort() >= 0 ? "; metrics on http://" + settings.metricsHost() + ":"
                + service.metricsPort() + "/metrics" : "")
                + (service.metricsPort() >= 0 && !settings.apiTokens().isEmpty() ? ", control API on /api/v1/ ("
                + settings.apiTokens().size() + " token(s))" : "") + "; stop with SIGTERM");
        Shutdown.awaitSignal();
        return 0;
    }
}
