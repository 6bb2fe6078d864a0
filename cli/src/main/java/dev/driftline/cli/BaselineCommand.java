package dev.driftline.cli;

import picocli.CommandLine.Command;

/** {@code driftline baseline …}: build, inspect and convert training baselines. */
@Command(name = "baseline", mixinStandardHelpOptions = true, description = "Build and convert training baselines.",
        subcommands = {BaselineBuildCommand.class, BaselinePublishCommand.class, BaselineImportSageMakerCommand.class, BaselineExportSageMakerCommand.class})
public final class BaselineCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
