package dev.driftline.cli.demo;

import static dev.driftline.config.Parsers.BOOLEAN;
import static dev.driftline.config.Parsers.INT;
import static dev.driftline.config.Parsers.LONG;
import static dev.driftline.config.Parsers.PATH;
import static dev.driftline.config.Parsers.STRING;

import dev.driftline.collector.CollectorKeys;
import dev.driftline.config.Config;
import dev.driftline.config.ConfigKey;
import dev.driftline.streams.app.StreamsKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo's own configuration keys ({@code driftline demo}): like every service, code defaults < {@code --config}
 * file < {@code DRIFTLINE_DEMO_*} variables < flags. The same file and environment also configure the demo's
 * collector ({@code collector.*}) and streaming jobs ({@code streams.*}, e.g. {@code DRIFTLINE_STREAMS_REFERENCE=
 * rolling:3}); the demo only fixes what it runs itself ({@link DemoRun#FIXED}).
 */
public final class DemoKeys {
    public static final ConfigKey<Integer> SECONDS = ConfigKey.of("demo.seconds", INT, "90",
            "Wall-clock length of the run without remediation, at least 60 s (with it, the episode sets the length).").validate(s -> s >= 60,
            "at least 60 (startup and the last windows' closing take about 60 s)");
    public static final ConfigKey<Path> SUMMARY_JSON = ConfigKey.of("demo.summary-json", PATH, null,
            "Also write the summary as JSON to this file.");
    public static final ConfigKey<Path> DATA_DIR = ConfigKey.of("demo.data-dir", PATH, "demo-data",
            "Broker data and streams state; emptied at start.");
    public static final ConfigKey<String> LAKE = ConfigKey.of("demo.lake", STRING, "driftline-lake",
            "Where the demo's lake goes (file:///DIR or a path); emptied at start when the demo made it.");
    public static final ConfigKey<Integer> PORT = ConfigKey.of("demo.port", INT, "8080", "Collector HTTP port.")
            .validate(DemoKeys::isPort, "a port between 0 and 65535");
    public static final ConfigKey<Integer> KAFKA_PORT = ConfigKey.of("demo.kafka-port", INT, "19092",
            "Broker port (the controller takes the next one).").validate(p -> p > 0 && p < 65535,
            "a port between 1 and 65534");
    public static final ConfigKey<Integer> METRICS_PORT = ConfigKey.of("demo.metrics-port", INT, "9464",
            "Streams /metrics port.").validate(DemoKeys::isPort, "a port between 0 and 65535");
    public static final ConfigKey<Integer> UI_PORT = ConfigKey.of("demo.ui-port", INT, "8088",
            "Port of the live page (driftline ui) on 127.0.0.1; 0 = any free port.")
            .validate(DemoKeys::isPort, "a port between 0 and 65535");
    public static final ConfigKey<Long> SEED = ConfigKey.of("demo.seed", LONG, "42",
            "Seed of the simulated traffic.");
    public static final ConfigKey<Boolean> KEEP_RUNNING = ConfigKey.of("demo.keep-running", BOOLEAN, "false",
            "After the summary, keep everything running until Ctrl-C.");
    public static final ConfigKey<Boolean> REMEDIATION = ConfigKey.of("demo.remediation", BOOLEAN, "true",
            "Close the loop: run the remediation service (retraining, the registry gate, a canary on the simulated "
                    + "KServe) and keep the traffic going until the episode has ended; false: the shorter run that "
                    + "stops at the alerts.");

    public static final List<ConfigKey<?>> ALL = List.of(SECONDS, SUMMARY_JSON, DATA_DIR, LAKE, PORT, KAFKA_PORT,
            METRICS_PORT, UI_PORT, SEED, KEEP_RUNNING, REMEDIATION);

    private DemoKeys() {
    }

    /**
     * {@code b} (the demo's, its collector's or its streams' builder) with the user's layers: the one {@code --config}
     * file all three share (each skips the others' keys and refuses names none knows) and the environment.
     */
    public static Config.Builder layered(Config.Builder b, Path configFile, Map<String, String> env) {
        List<ConfigKey<?>> all = new ArrayList<>(CollectorKeys.ALL);
        all.addAll(StreamsKeys.ALL);
        all.addAll(ALL);
        List<String> prefixes = new ArrayList<>(StreamsKeys.OPEN_PREFIXES);
        prefixes.add(CollectorKeys.REDACTION_MODEL_PREFIX);
        return b.alsoAccepting(all, prefixes).file(configFile).env(env);
    }

    private static boolean isPort(int p) {
        return p >= 0 && p <= 65535;
    }
}
