package dev.driftline.cli;

import picocli.CommandLine.Command;

/** {@code driftline drift …}: drift analysis on files. */
@Command(name = "drift", mixinStandardHelpOptions = true, description = "Drift analysis on files.",
        subcommands = {DriftCompareCommand.class})
public final class DriftCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
