package dev.driftline.cli;

import dev.driftline.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code driftline} command. Each service or tool is a subcommand; {@code driftline help X} explains X. */
@Command(name = "driftline", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Streaming ML monitoring and drift detection on Kafka.",
        subcommands = {DemoCommand.class, BrokerCommand.class, CollectorCommand.class, StreamsCommand.class, SinkCommand.class, CloudWatchCommand.class, RemediationServiceCommand.class, BaselineCommand.class, DriftCommand.class, ImportCommand.class, BenchCommand.class, ConfigCommand.class, AthenaCommand.class, QueryCommand.class,
                ReportCommand.class, UiCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        // the descriptions are written as lines of up to ~115 characters; at picocli's default 80 they break mid-line
        cl.setUsageHelpWidth(120);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
