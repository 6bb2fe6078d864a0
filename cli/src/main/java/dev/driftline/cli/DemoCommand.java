package dev.driftline.cli;

import dev.driftline.cli.demo.DemoKeys;
import dev.driftline.cli.demo.DemoRun;
import dev.driftline.cli.demo.DemoScenario;
import dev.driftline.config.Config;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code driftline demo}: the whole platform on one machine with nothing installed but a JDK — a real Kafka broker
 * process, and in this JVM the collector and the streaming jobs; a simulated KServe endpoint serving a wine
 * classifier sends its traffic over HTTP, in accelerated event time, with a covariate shift part-way and delayed
 * labels; the run ends with a summary of windows evaluated and alerts opened.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole platform on this machine against a simulated model whose inputs shift.",
            "%nA real Kafka broker (child process); the collector, the streaming jobs, the lake sink (every table as "
                    + "Parquet to --lake), the remediation service and the live page in this JVM; a simulated KServe "
                    + "wine classifier whose inputs shift part-way. The shift is detected, the model retrained on the "
                    + "lake's recent labelled rows, approved by the local registry's rule, rolled out 10, 50 and 100 "
                    + "%% on the simulated KServe and promoted; the alerts then resolve. Prints one line per window, "
                    + "alert and episode step, then a summary (the episode's timeline, accuracy before, during and "
                    + "after, lake rows), writes a self-contained HTML drift report and shows driftline query "
                    + "commands to try. --no-remediation stops at the alerts. Library and Kafka logs go to "
                    + "<data-dir>/driftline.log (--verbose shows them).",
            "%nConfigured like every service: defaults < --config FILE < DRIFTLINE_* / KAFKA_* variables < "
                    + "flags, for the demo (demo.*), its collector (collector.*) and its streaming jobs (streams.*), "
                    + "e.g. DRIFTLINE_STREAMS_REFERENCE=rolling:3 driftline demo. The demo fixes its own broker, "
                    + "ports, state directory, application id and 5-minute windows, and runs one stream thread "
                    + "unless KAFKA_NUM_STREAM_THREADS (kafka.num.stream.threads) says otherwise."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--seconds", description = "Wall-clock length of the run, at least 60 (default: 90; demo.seconds).")
    Integer seconds;

    @Option(names = "--summary-json", description = "Also write the summary as JSON to this file (demo.summary-json).")
    Path summaryJson;

    @Option(names = "--data-dir",
            description = "Broker data and streams state; emptied at start (default: demo-data; demo.data-dir).")
    Path dataDir;

    @Option(names = "--lake", paramLabel = "file:///DIR",
            description = "Where the demo's lake goes (file:///DIR or a path); emptied at start when the demo made it "
                    + "(default: ./driftline-lake; demo.lake).")
    String lake;

    @Option(names = "--port", description = "Collector HTTP port (default: 8080; demo.port).")
    Integer port;

    @Option(names = "--kafka-port", description = "Broker port (default: 19092; demo.kafka-port).")
    Integer kafkaPort;

    @Option(names = "--metrics-port", description = "Streams /metrics port (default: 9464; demo.metrics-port).")
    Integer metricsPort;

    @Option(names = "--ui-port", description = "Port of the live page on 127.0.0.1; 0 = any free port (default: 8088; "
            + "demo.ui-port).")
    Integer uiPort;

    @Option(names = "--seed", description = "Seed of the simulated traffic (default: 42; demo.seed).")
    Long seed;

    @Option(names = "--no-remediation", negatable = false,
            description = "Stop at the alerts: no remediation service, no retraining or canary; the shorter run "
                    + "(demo.remediation=false).")
    Boolean noRemediation;

    @Option(names = "--keep-running", description = "After the summary, keep everything running until Ctrl-C.")
    Boolean keepRunning;

    @Option(names = "--verbose", description = "Show library and Kafka log lines on the console; by default they go "
            + "to <data-dir>/driftline.log and the console shows the demo's own lines only.")
    boolean verbose;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file for the demo (demo.*), its collector (collector.*) and its streaming jobs "
                    + "(streams.*, e.g. streams.reference=rolling:3); DRIFTLINE_* and KAFKA_* variables apply too, "
                    + "flags win. `driftline config keys` lists them.")
    Path configFile;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = System.getenv();
        ConsoleLogging.forDemo(verbose, demoConfig(env).get(DemoKeys.DATA_DIR), System.out);
        Config c = demoConfig(env);
        Path dir = c.get(DemoKeys.DATA_DIR);
        Path lakeDir = LakeOptions.localDirectory(c.get(DemoKeys.LAKE), "the demo writes a local lake (file:///DIR); "
                + "run `driftline sink --lake s3://…` against a real deployment for S3");
        DemoRun.Options o = new DemoRun.Options(c.get(DemoKeys.SECONDS), c.find(DemoKeys.SUMMARY_JSON).orElse(null),
                dir, c.get(DemoKeys.PORT), c.get(DemoKeys.KAFKA_PORT), c.get(DemoKeys.METRICS_PORT),
                c.get(DemoKeys.SEED), lakeDir, configFile, env, c.get(DemoKeys.REMEDIATION),
                c.get(DemoKeys.UI_PORT));
        try (DemoRun run = DemoRun.start(o, System.out)) {
            run.play();
            writeReport(lakeDir, run.baselineFile(), dir.resolve(DemoScenario.MODEL + "-report.html"));
            System.out.println("demo: live page " + run.uiUrl() + (Boolean.TRUE.equals(c.get(DemoKeys.KEEP_RUNNING))
                    ? "" : " (up while the demo runs: add --keep-running to look at it afterwards)"));
            if (c.get(DemoKeys.KEEP_RUNNING)) {
                System.out.println("demo: still running; stop with Ctrl-C (data in " + dir + ")");
                Shutdown.onSignal(() -> { });
                Shutdown.awaitSignal();
            }
        }
        return 0;
    }

    /** The run's drift report, as {@code driftline report} writes it; a failure is said, not fatal to the demo. */
    private static void writeReport(Path lake, Path baseline, Path out) {
        String[] args = {"--lake", lake.toUri().toString(), "--model", DemoScenario.MODEL, "--baseline",
            baseline.toString(), "--out", out.toString()};
        int exit = new CommandLine(new ReportCommand()).execute(args);
        System.out.println(exit == 0 ? "demo: drift report (one HTML file, opens offline): " + out.toAbsolutePath()
                + "; again with ./driftline report " + String.join(" ", args)
                : "demo: the drift report could not be written (exit " + exit + ")");
    }

    /** The demo's own keys: defaults < --config < DRIFTLINE_DEMO_* < flags; a bad value names its key. */
    Config demoConfig(Map<String, String> env) {
        Config c = DemoKeys.layered(Config.builder(DemoKeys.ALL), configFile, env).flag(DemoKeys.SECONDS, seconds).flag(DemoKeys.SUMMARY_JSON, summaryJson)
                .flag(DemoKeys.DATA_DIR, dataDir).flag(DemoKeys.LAKE, lake).flag(DemoKeys.PORT, port)
                .flag(DemoKeys.KAFKA_PORT, kafkaPort).flag(DemoKeys.METRICS_PORT, metricsPort).flag(DemoKeys.UI_PORT, uiPort)
                .flag(DemoKeys.SEED, seed).flag(DemoKeys.KEEP_RUNNING, keepRunning)
                .flag(DemoKeys.REMEDIATION, noRemediation == null ? null : !noRemediation).build();
        DemoKeys.ALL.forEach(c::find); // validates every key now, naming it
        return c;
    }
}
