package dev.driftline.cli;

import dev.driftline.config.UserInputException;
import dev.driftline.cli.demo.DemoRun;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code driftline demo}: the whole platform on one machine with nothing installed but a JDK — a real Kafka broker
 * process, and in this JVM the collector and the streaming jobs; a simulated KServe endpoint serving a wine
 * classifier sends its traffic over HTTP, in accelerated event time, with a covariate shift part-way and delayed
 * labels; the run ends with a summary of windows evaluated and alerts opened.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run driftline end to end on this machine: a real Kafka broker (child process), the collector",
            "and the streaming jobs in this JVM, and a simulated KServe wine classifier whose inputs shift",
            "part-way, and the lake sink writing every table as Parquet to --lake. Prints progress, then a summary",
            "(windows evaluated, alerts opened, metrics endpoint, lake rows) and driftline query commands to try."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "90",
            description = "Wall-clock length of the run, at least 60 (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--summary-json", description = "Also write the summary as JSON to this file.")
    Path summaryJson;

    @Option(names = "--data-dir", defaultValue = "demo-data",
            description = "Broker data and streams state; emptied at start (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--lake", defaultValue = "driftline-lake", paramLabel = "file:///DIR",
            description = "Where the demo's lake goes (file:///DIR or a path); emptied at start when the demo made it "
                    + "(default: ./${DEFAULT-VALUE}).")
    String lake;

    @Option(names = "--port", defaultValue = "8080", description = "Collector HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--kafka-port", defaultValue = "19092", description = "Broker port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--metrics-port", defaultValue = "9464",
            description = "Streams /metrics port (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulated traffic (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--keep-running", description = "After the summary, keep everything running until Ctrl-C.")
    boolean keepRunning;

    @Override
    public Integer call() throws Exception {
        if (seconds < 60) {
            throw new UserInputException("--seconds must be at least 60 (startup and the last windows' closing "
                    + "take about 60 s), got " + seconds);
        }
        Path lakeDir = LakeOptions.localDirectory(lake, "the demo writes a local lake (file:///DIR); run "
                + "`driftline sink --lake s3://…` against a real deployment for S3");
        DemoRun.Options o = new DemoRun.Options(seconds, summaryJson, dataDir, port, kafkaPort, metricsPort, seed,
                lakeDir);
        try (DemoRun run = DemoRun.start(o, System.out)) {
            run.play();
            if (keepRunning) {
                System.out.println("demo: still running; stop with Ctrl-C (data in " + dataDir + ")");
                Shutdown.onSignal(() -> { });
                Shutdown.awaitSignal();
            }
        }
        return 0;
    }
}
