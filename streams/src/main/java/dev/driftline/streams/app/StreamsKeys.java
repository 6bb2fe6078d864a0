package dev.driftline.streams.app;

import static dev.driftline.config.Parsers.DOUBLE;
import static dev.driftline.config.Parsers.DURATION_PARSER;
import static dev.driftline.config.Parsers.INT;
import static dev.driftline.config.Parsers.PATH;
import static dev.driftline.config.Parsers.STRING;

import dev.driftline.config.ConfigKey;
import dev.driftline.streams.evaluate.ReferenceMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every configuration key of {@code driftline streams}, with its default and meaning. Set them in a properties
 * file ({@code --config}), as {@code DRIFTLINE_<KEY>} variables (dots and dashes become underscores) or with
 * flags. Kafka Streams / client properties go under {@code kafka.*} in the file or as {@code KAFKA_*} variables
 * (e.g. {@code KAFKA_NUM_STREAM_THREADS=2}); {@code processing.guarantee} is always {@code exactly_once_v2}, and
 * {@code num.stream.threads}, when not set, is one per processor, at most one per {@code inference.events}
 * partition ({@link StreamsSettings#defaultStreamThreads}).
 */
public final class StreamsKeys {
    private StreamsKeys() {
    }

    public static final ConfigKey<String> BOOTSTRAP_SERVERS = ConfigKey.of("bootstrap-servers", STRING, null,
            "Kafka bootstrap servers (host:port,...); falls back to kafka.bootstrap.servers / KAFKA_BOOTSTRAP_SERVERS.");
    public static final ConfigKey<String> TOPIC_PREFIX = ConfigKey.of("topics.prefix", STRING, "driftline.",
            "Prefix of every driftline topic.");
    public static final ConfigKey<String> APPLICATION_ID = ConfigKey.of("streams.application-id", STRING,
            "driftline-streams", "Kafka Streams application id: consumer group, prefix of internal topics.");
    public static final ConfigKey<Path> STATE_DIR = ConfigKey.of("streams.state-dir", PATH, "streams-state",
            "Local state directory (RocksDB stores; rebuilt from changelogs when lost).");
    public static final ConfigKey<Duration> WINDOW = ConfigKey.of("streams.window", DURATION_PARSER, "5m",
            "Tumbling event-time window of the profiles and drift reports (e.g. 5m, 1h, 1d).")
            .validate(d -> d.toSeconds() >= 1, "at least 1s");
    /** Per-model window length: {@code streams.window.model.<model> = 1h} (config file). */
    public static final String WINDOW_MODEL_PREFIX = "streams.window.model.";
    public static final ConfigKey<Duration> GRACE = ConfigKey.of("streams.grace", DURATION_PARSER, "30s",
            "How long after its end (event time) a window still takes late records; later ones are counted and "
                    + "dropped.").validate(d -> !d.isNegative(), ">= 0");
    public static final ConfigKey<Duration> PAIRING_WAIT = ConfigKey.of("streams.pairing.wait", DURATION_PARSER,
            "60s", "How long (event time) a request waits for its response before it goes on alone.")
            .validate(d -> !d.isNegative(), ">= 0");
    public static final ConfigKey<Duration> MERGE_SETTLE = ConfigKey.of("streams.merge.settle", DURATION_PARSER,
            "10s", "How long after a window's end the merge waits for the partial profiles of other tasks.")
            .validate(d -> !d.isNegative(), ">= 0");
    public static final ConfigKey<Double> DRIFT_ALPHA = ConfigKey.of("streams.drift.alpha", DOUBLE, "0.002",
            "Family-wise significance level of the p-value tests of one window.")
            .validate(a -> a > 0 && a < 1, "in (0, 1)");
    public static final ConfigKey<String> DRIFT_CORRECTION = ConfigKey.of("streams.drift.correction", STRING,
            "bonferroni", "Multiple-testing correction: bonferroni, benjamini_hochberg or none.")
            .validate(c -> List.of("bonferroni", "benjamini_hochberg", "none").contains(c),
                    "bonferroni, benjamini_hochberg or none");
    public static final ConfigKey<Integer> DRIFT_MIN_SAMPLES = ConfigKey.of("streams.drift.min-samples", INT, "100",
            "Windows with fewer present values of a feature are not judged (no alert either way).")
            .validate(n -> n >= 1, ">= 1");
    public static final ConfigKey<Integer> METRICS_PORT = ConfigKey.of("streams.metrics.port", INT, "9464",
            "Port of the /metrics (Prometheus), /healthz and /readyz endpoint; 0 picks a free one, -1 turns it off.")
            .validate(p -> p >= -1 && p <= 65535, "-1, or a port between 0 and 65535");
    public static final ConfigKey<String> METRICS_HOST = ConfigKey.of("streams.metrics.host", STRING, "0.0.0.0",
            "Interface the metrics endpoint binds to.");
    public static final ConfigKey<Duration> STARTUP_TIMEOUT = ConfigKey.of("streams.startup-timeout", DURATION_PARSER,
            "60s", "How long the service waits at start-up for Kafka at the bootstrap servers to answer (a TCP connect, then describeCluster, once a second; a line every 10 s says what it waits for) before it exits non-zero.").validate(d -> d.toMillis() >= 1000, "at least 1s");

    public static final ConfigKey<String> REFERENCE = ConfigKey.of("streams.reference", STRING, "baseline",
            "What windows are compared with, for every model without its own choice: baseline (the training "
                    + "baseline), rolling:N (the trailing N windows) or seasonal:<duration> (the same window one "
                    + "period earlier, e.g. seasonal:7d).").validate(StreamsKeys::isReference,
            "baseline, rolling:N or seasonal:<duration>");
    /** Per-model reference: {@code streams.reference.model.<model> = rolling:12} (config file or env). */
    public static final String REFERENCE_MODEL_PREFIX = "streams.reference.model.";

    public static final ConfigKey<Integer> ALERT_DRIFT_K = ConfigKey.of("streams.alerts.drift-k", INT, "2",
            "A drift alert opens when drift holds in K of the last M windows that had enough data.")
            .validate(n -> n >= 1, ">= 1");
    public static final ConfigKey<Integer> ALERT_DRIFT_M = ConfigKey.of("streams.alerts.drift-m", INT, "3",
            "M of the K-of-M rule for drift and model-quality alerts.").validate(n -> n >= 1, ">= 1");
    public static final ConfigKey<Integer> ALERT_DATA_QUALITY_OPEN_AFTER = ConfigKey.of(
            "streams.alerts.data-quality-open-after", INT, "1",
            "Consecutive violating windows before a data-quality alert opens.").validate(n -> n >= 1, ">= 1");
    public static final ConfigKey<Integer> ALERT_RESOLVE_AFTER = ConfigKey.of("streams.alerts.resolve-after", INT,
            "3", "Clean windows in a row after which an open alert resolves.").validate(n -> n >= 1, ">= 1");

    // streams.data-quality.*: over what each baseline's monitoring_config says (default: the baseline's own)
    public static final ConfigKey<String> DATA_QUALITY_CATEGORICAL_VALUES = ConfigKey.of(
            "streams.data-quality.categorical-values", STRING, "baseline", "How values outside a categorical column's "
                    + "baseline domain are judged: baseline (as each baseline's monitoring_config says; expected-unseen "
                    + "by default), expected-unseen (only a share above the floor and significantly above what the "
                    + "training sample left unseen) or strict (SageMaker's rule: domain_content_threshold).")
            .validate(StreamsKeys::isCategoricalValues, "baseline, expected-unseen or strict");
    public static final ConfigKey<String> DATA_QUALITY_UNSEEN_FLOOR = ConfigKey.of(
            "streams.data-quality.unseen-floor", STRING, "baseline", "expected-unseen mode: unseen shares at or below "
                    + "this are never reported (a share, e.g. 0.001 = 0.1 %), or baseline for each baseline's own "
                    + "(0.001 unless built otherwise).").validate(StreamsKeys::isShareOrBaseline,
            "baseline or a number in [0, 1]");

    // streams.model-quality.*: model quality (labels joined to predictions); data quality is
    // streams.alerts.data-quality-*. The former streams.quality.* names are still read, with a deprecation warning.
    public static final ConfigKey<Duration> QUALITY_LABEL_TTL = ConfigKey.of("streams.model-quality.label-ttl",
            DURATION_PARSER, "7d", "Model quality: the horizon of the label join, in event time of the inference: "
                    + "a row waits for its label until its model's newer rows are this much later in event time (so "
                    + "replayed history waits for labels imported later); a label that came first waits this long in"
                    + " label arrival time.")
            .validate(d -> d.toSeconds() >= 1, "at least 1s").withDeprecatedNames("streams.quality.label-ttl");
    public static final ConfigKey<Integer> QUALITY_MIN_LABELS = ConfigKey.of("streams.model-quality.min-labels", INT,
            "30", "Model quality: labelled rows a window needs before its model quality is judged.")
            .validate(n -> n >= 1, ">= 1").withDeprecatedNames("streams.quality.min-labels");
    public static final ConfigKey<Double> QUALITY_MIN_ACCURACY = ConfigKey.of("streams.model-quality.min-accuracy",
            DOUBLE, "0.7", "Classification windows below this accuracy are degraded (model_quality alerts), unless the"
                    + " model has its own threshold or its baseline has a training-time accuracy.").validate(a -> a >= 0 && a <= 1, "in [0, 1]")
            .withDeprecatedNames("streams.quality.min-accuracy");
    public static final ConfigKey<Double> QUALITY_TOLERANCE_ACCURACY = ConfigKey.of(
            "streams.model-quality.tolerance.accuracy", DOUBLE, "0.05", "Classification windows whose accuracy is more"
                    + " than this many points (0.05 = 5 points) below the baseline's training-time accuracy are "
                    + "degraded.").validate(t -> t >= 0 && t <= 1, "in [0, 1]");
    public static final ConfigKey<Double> QUALITY_TOLERANCE_RMSE = ConfigKey.of("streams.model-quality.tolerance.rmse",
            DOUBLE, "0.2", "Regression windows whose RMSE is more than this share (0.2 = 20 %) above the baseline's "
                    + "training-time RMSE are degraded.").validate(t -> t >= 0 && Double.isFinite(t), ">= 0");
    /**
     * Per-model tolerance: {@code streams.model-quality.tolerance.model.<model>.<metric> = 0.1}, metric
     * {@code accuracy} (points) or {@code rmse} (relative).
     */
    public static final String QUALITY_TOLERANCE_MODEL_PREFIX = "streams.model-quality.tolerance.model.";
    /**
     * Per-model threshold: {@code streams.model-quality.threshold.model.<model> = 0.9} (min accuracy, or max
     * RMSE).
     */
    public static final String QUALITY_THRESHOLD_MODEL_PREFIX = "streams.model-quality.threshold.model.";
    /** The former name of {@link #QUALITY_THRESHOLD_MODEL_PREFIX}, still read (with a deprecation warning). */
    public static final String DEPRECATED_QUALITY_THRESHOLD_MODEL_PREFIX = "streams.quality.threshold.model.";

    public static final List<ConfigKey<?>> ALL = List.of(BOOTSTRAP_SERVERS, TOPIC_PREFIX, APPLICATION_ID, STATE_DIR,
            WINDOW, GRACE, PAIRING_WAIT, MERGE_SETTLE, DRIFT_ALPHA, DRIFT_CORRECTION, DRIFT_MIN_SAMPLES, REFERENCE,
            ALERT_DRIFT_K, ALERT_DRIFT_M, ALERT_DATA_QUALITY_OPEN_AFTER, ALERT_RESOLVE_AFTER,
            DATA_QUALITY_CATEGORICAL_VALUES, DATA_QUALITY_UNSEEN_FLOOR, QUALITY_LABEL_TTL,
            QUALITY_MIN_LABELS, QUALITY_MIN_ACCURACY, QUALITY_TOLERANCE_ACCURACY, QUALITY_TOLERANCE_RMSE, METRICS_PORT,
            METRICS_HOST, STARTUP_TIMEOUT);

    /** The open prefixes (per-model settings). */
    public static final List<String> OPEN_PREFIXES = List.of(WINDOW_MODEL_PREFIX, REFERENCE_MODEL_PREFIX,
            QUALITY_THRESHOLD_MODEL_PREFIX, DEPRECATED_QUALITY_THRESHOLD_MODEL_PREFIX, QUALITY_TOLERANCE_MODEL_PREFIX);

    private static boolean isCategoricalValues(String s) {
        if (s.trim().equals("baseline")) {
            return true;
        }
        try {
            dev.driftline.drift.dataquality.MonitoringConfig.CategoricalValues.of(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isShareOrBaseline(String s) {
        if (s.trim().equals("baseline")) {
            return true;
        }
        try {
            double v = Double.parseDouble(s.trim());
            return v >= 0 && v <= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isReference(String s) {
        try {
            dev.driftline.streams.evaluate.ReferenceMode.parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
