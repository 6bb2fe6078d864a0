package dev.driftline.cli;

import picocli.CommandLine.Command;

/** {@code driftline import …}: bring SageMaker-era data into the platform. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Import SageMaker Data Capture files.",
        subcommands = {ImportCaptureCommand.class, ImportGroundTruthCommand.class})
public final class ImportCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
