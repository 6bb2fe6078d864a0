package dev.driftline.cli;

import dev.driftline.collector.CollectorKeys;
import dev.driftline.config.ConfigKey;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code driftline config keys}: every configuration key with its variable, default and meaning. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Show configuration keys.",
        subcommands = ConfigCommand.Keys.class)
public final class ConfigCommand implements Runnable {
    @Override
    public void run() {
        new Keys().run();
    }

    @Command(name = "keys", mixinStandardHelpOptions = true,
            description = "List every configuration key: name, environment variable, default, meaning.")
    static final class Keys implements Runnable {
        @Override
        public void run() {
            print("collector", CollectorKeys.ALL);
            print("streams", dev.driftline.streams.app.StreamsKeys.ALL);
            print("sink", dev.driftline.sink.service.SinkKeys.ALL);
            print("cloudwatch (publish; alarms reads the namespace, dimension and per-model keys)",
                    dev.driftline.sink.cloudwatch.CloudWatchKeys.ALL);
            print("remediation (the policy file, remediation.policy, holds what to do per model; the status, history,"
                    + " approve, reject, cancel, pause and resume sub-commands read bootstrap-servers, topics.prefix"
                    + " and kafka.* from the same file)", dev.driftline.remediation.service.RemediationKeys.ALL);
            print("demo (also reads the collector and streams keys above; fixes its own broker, ports, state "
                    + "directory, application id and 5-minute windows)", dev.driftline.cli.demo.DemoKeys.ALL);
            System.out.println("# Per-model streams settings (config file only):");
            System.out.println("#   " + dev.driftline.streams.app.StreamsKeys.WINDOW_MODEL_PREFIX
                    + "<model> = 1h   (that model's window length; others use streams.window)");
            System.out.println("#   " + dev.driftline.streams.app.StreamsKeys.REFERENCE_MODEL_PREFIX
                    + "<model> = baseline | rolling:N | seasonal:7d");
            System.out.println("#   " + dev.driftline.streams.app.StreamsKeys.QUALITY_THRESHOLD_MODEL_PREFIX
                    + "<model> = 0.9   (minimum accuracy; for regression the maximum RMSE)");
            System.out.println("#   " + dev.driftline.streams.app.StreamsKeys.QUALITY_TOLERANCE_MODEL_PREFIX
                    + "<model>.<accuracy|rmse> = 0.1   (how much worse than the baseline's training-time quality)");
            System.out.println("# Per-model CloudWatch names (config file only):");
            System.out.println("#   " + dev.driftline.sink.cloudwatch.CloudWatchKeys.ENDPOINT_MODEL_PREFIX
                    + "<model> = churn-prod   (EndpointName value; default the model's name)");
            System.out.println("#   " + dev.driftline.sink.cloudwatch.CloudWatchKeys.SCHEDULE_MODEL_PREFIX
                    + "<model> = churn-hourly   (ScheduleName value; default cloudwatch.schedule-prefix + model)");
            System.out.println("# Per-model redaction (config file only):");
            System.out.println("#   " + CollectorKeys.REDACTION_MODEL_PREFIX + "<model>.drop = input1,input2");
            System.out.println("#   " + CollectorKeys.REDACTION_MODEL_PREFIX + "<model>.hash = input3");
            System.out.println("# Kafka client properties: kafka.<property> in the file, KAFKA_<PROPERTY> in the"
                    + " environment (e.g. KAFKA_SECURITY_PROTOCOL=SASL_SSL).");
        }

        private static void print(String section, List<ConfigKey<?>> keys) {
            System.out.println("# " + section);
            for (ConfigKey<?> k : keys) {
                System.out.printf("%-36s %-44s default: %s%n    %s%n", k.name(), k.envName(),
                        k.defaultText() == null ? "(none)" : k.defaultText().isEmpty() ? "(empty)" : k.defaultText(),
                        k.doc() + (k.deprecatedNames().isEmpty() ? ""
                                : " (deprecated: " + String.join(", ", k.deprecatedNames()) + ")"));
            }
            System.out.println();
        }
    }
}
