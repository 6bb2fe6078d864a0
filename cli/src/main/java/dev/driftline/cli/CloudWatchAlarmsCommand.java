package dev.driftline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.config.Config;
import dev.driftline.config.UserInputException;
import dev.driftline.sink.cloudwatch.CloudWatchAlarms;
import dev.driftline.sink.cloudwatch.CloudWatchKeys;
import dev.driftline.sink.cloudwatch.CloudWatchService;
import dev.driftline.sink.cloudwatch.CloudWatchSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/** {@code driftline cloudwatch alarms}: the Model Monitor-style alarms of one model, created idempotently. */
@Command(name = "alarms", mixinStandardHelpOptions = true,
        description = {"Create the CloudWatch alarms of a model on the metrics 'cloudwatch publish' writes.",
            "%nOne alarm per feature on feature_baseline_drift_<f> (Maximum > the drift threshold) and one on "
                    + "accuracy (Minimum < --min-accuracy) or rmse (Maximum > --max-rmse), all notifying the SNS "
                    + "topic; names driftline-<model>-<metric>. Describes the alarms first and only creates or "
                    + "updates what differs, printing one line per alarm (created, updated, unchanged). --dry-run "
                    + "prints the PutMetricAlarm calls and makes none. Exit 0, 2 on bad input, 1 if AWS refuses."})
public final class CloudWatchAlarmsCommand implements Callable<Integer> {
    static final double MODEL_MONITOR_DRIFT_THRESHOLD = 0.1;

    @Option(names = "--model", required = true, description = "The model.")
    String model;

    @Option(names = "--sns-topic", required = true, paramLabel = "ARN", description = "SNS topic the alarms notify.")
    String snsTopic;

    @Option(names = "--features", split = ",", description = "Features to alarm on (default: those of --constraints).")
    List<String> features = new ArrayList<>();

    @Option(names = "--constraints", paramLabel = "FILE", description = "A SageMaker constraints.json: its features "
            + "and its comparison_threshold (the drift threshold unless --drift-threshold is given).")
    Path constraints;

    @Option(names = "--drift-threshold", description = "Alarm when a feature's drift exceeds this "
            + "(default: the constraints' comparison_threshold, else Model Monitor's 0.1).")
    Double driftThreshold;

    @Option(names = "--min-accuracy", description = "Alarm when accuracy falls below this (default 0.7, the "
            + "pipeline's default minimum accuracy).")
    Double minAccuracy;

    @Option(names = "--no-accuracy", description = "No accuracy alarm (e.g. for regression models).")
    boolean noAccuracy;

    @Option(names = "--max-rmse", description = "Also alarm when rmse exceeds this (regression models).")
    Double maxRmse;

    @Option(names = "--period", description = "Seconds per evaluated period (default 3600, hourly windows).")
    int period = 3600;

    @Option(names = "--evaluation-periods", description = "Breaching periods before an alarm fires (default 1).")
    int evaluationPeriods = 1;

    @Option(names = "--endpoint-url", description = "CloudWatch endpoint instead of AWS's (e.g. moto).")
    String endpointUrl;

    @Option(names = "--region", description = "AWS region (default: the SDK's chain, else us-east-1).")
    String region;

    @Option(names = "--config", description = "Properties file with cloudwatch.* keys (namespaces, dimensions, "
            + "endpoint and schedule per model), as for 'cloudwatch publish'.")
    Path configFile;

    @Option(names = "--dry-run", description = "Print the PutMetricAlarm calls; call nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws IOException {
        Config config = CloudWatchPublishCommand.config(configFile, null, endpointUrl, region, null, null, null);
        CloudWatchAlarms alarms = alarms(config);
        if (dryRun) {
            for (PutMetricAlarmRequest r : alarms.requests()) {
                System.out.println("PutMetricAlarm " + r);
            }
            System.out.println("dry run: " + alarms.requests().size() + " alarms, none created");
            return 0;
        }
        try (CloudWatchClient cw = CloudWatchService.client(config.find(CloudWatchKeys.ENDPOINT_URL).orElse(null),
                config.find(CloudWatchKeys.REGION).orElse(null), true)) {
            alarms.apply(cw).forEach((name, outcome) ->
                    System.out.println("alarm " + name + ": " + outcome.name().toLowerCase(Locale.ROOT)));
        }
        return 0;
    }

    CloudWatchAlarms alarms(Config config) throws IOException {
        if (period < 10 || (period < 60 && period != 10 && period != 30) || (period >= 60 && period % 60 != 0)) {
            throw new UserInputException("--period must be 10, 30 or a multiple of 60 seconds, got " + period);
        }
        if (evaluationPeriods < 1) {
            throw new UserInputException("--evaluation-periods must be >= 1");
        }
        List<String> names = new ArrayList<>(features);
        Double threshold = driftThreshold;
        if (constraints != null) {
            JsonNode c = new ObjectMapper().readTree(constraints.toFile());
            if (names.isEmpty()) {
                c.path("features").forEach(f -> names.add(f.path("name").asText()));
            }
            JsonNode t = c.path("monitoring_config").path("distribution_constraints").path("comparison_threshold");
            if (threshold == null && t.isNumber()) {
                threshold = t.asDouble();
            }
        }
        if (names.isEmpty() && noAccuracy && maxRmse == null) {
            throw new UserInputException("nothing to alarm on: give --features or --constraints, or keep the "
                    + "accuracy alarm");
        }
        return new CloudWatchAlarms(CloudWatchSettings.naming(config), model, snsTopic, names,
                threshold == null ? MODEL_MONITOR_DRIFT_THRESHOLD : threshold,
                noAccuracy ? null : (minAccuracy == null ? 0.7 : minAccuracy), maxRmse, period, evaluationPeriods);
    }
}
