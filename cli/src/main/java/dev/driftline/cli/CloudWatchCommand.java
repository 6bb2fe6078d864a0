package dev.driftline.cli;

import picocli.CommandLine.Command;

/** {@code driftline cloudwatch …}: drift and model quality in CloudWatch, in SageMaker Model Monitor's names. */
@Command(name = "cloudwatch", mixinStandardHelpOptions = true,
        description = {"Publish drift and model-quality windows to Amazon CloudWatch, and create alarms on them.",
            "%nThe metrics carry SageMaker Model Monitor's names, so alarms built on Model Monitor's metrics "
                    + "keep working. See sink-s3/CLOUDWATCH.md."},
        subcommands = {CloudWatchPublishCommand.class, CloudWatchAlarmsCommand.class})
public final class CloudWatchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
