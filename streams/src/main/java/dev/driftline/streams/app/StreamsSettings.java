package dev.driftline.streams.app;

import static dev.driftline.streams.app.StreamsKeys.*;

import dev.driftline.config.Config;
import dev.driftline.config.ConfigException;
import dev.driftline.contracts.Topics;
import dev.driftline.drift.decision.DriftPolicy;
import dev.driftline.streams.PipelineConfig;
import dev.driftline.streams.alerts.AlertConfig;
import dev.driftline.drift.dataquality.MonitoringConfig;
import dev.driftline.streams.evaluate.DataQualityOverrides;
import dev.driftline.streams.evaluate.ReferenceMode;
import dev.driftline.streams.merge.MergeConfig;
import dev.driftline.streams.modelquality.ModelQualityConfig;
import dev.driftline.streams.modelquality.QualityTolerances;
import dev.driftline.streams.pairing.PairingConfig;
import dev.driftline.streams.window.WindowSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code driftline streams}' configuration, resolved and cross-checked once at start-up so that a bad value stops
 * the service before it joins the consumer group, naming the key.
 */
public record StreamsSettings(String bootstrapServers, Properties kafkaProperties, String applicationId,
                              Path stateDir, PipelineConfig pipeline, int metricsPort, String metricsHost) {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsSettings.class);

    public Topics topics() {
        return pipeline.topics();
    }

    public WindowSpec window() {
        return pipeline.window();
    }

    /**
     * Resolves the settings from {@code c}; logs a warning for each deprecated key name the configuration used
     * ({@link Config#deprecations()}), once, as this runs once at start-up.
     */
    public static StreamsSettings from(Config c) {
        c.deprecations().forEach(d -> LOG.warn("configuration: {}", d));
        Properties kafka = c.kafkaProperties();
        Topics topics = new Topics(c.get(TOPIC_PREFIX));
        kafka.putIfAbsent(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(defaultStreamThreads(
                Runtime.getRuntime().availableProcessors(), topics.inferenceEvents.partitions())));
        String servers = c.find(BOOTSTRAP_SERVERS).orElse(kafka.getProperty("bootstrap.servers"));
        if (servers == null || servers.isBlank()) {
            throw new ConfigException("bootstrap-servers is required (--bootstrap-servers, "
                    + BOOTSTRAP_SERVERS.envName() + " or KAFKA_BOOTSTRAP_SERVERS)");
        }
        WindowSpec w = WindowSpec.defaults();
        WindowSpec window = new WindowSpec(c.get(WINDOW), c.get(GRACE), w.idleGrace(), w.checkpointInterval(),
                perModel(c, WINDOW_MODEL_PREFIX, StreamsSettings::parseWindow));
        PairingConfig p = PairingConfig.defaults();
        PairingConfig pairing = new PairingConfig(c.get(PAIRING_WAIT), p.dedupeHorizon(), p.idleGrace());
        MergeConfig m = MergeConfig.defaults();
        MergeConfig merge = new MergeConfig(c.get(MERGE_SETTLE), m.idle(), m.retention());
        DriftPolicy d = DriftPolicy.defaults();
        int min = c.get(DRIFT_MIN_SAMPLES);
        DriftPolicy policy = new DriftPolicy(min, Math.max(min, d.largeSample()), c.get(DRIFT_ALPHA),
                DriftPolicy.Correction.valueOf(c.get(DRIFT_CORRECTION).toUpperCase(java.util.Locale.ROOT)),
                d.numericDistance(), d.categoricalDistance(), d.datasetDriftShare(), d.thresholds(), d.overrides());
        AlertConfig alerts;
        try {
            alerts = new AlertConfig(c.get(ALERT_DRIFT_K), c.get(ALERT_DRIFT_M), c.get(ALERT_DATA_QUALITY_OPEN_AFTER),
                    c.get(ALERT_RESOLVE_AFTER));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ALERT_DRIFT_K.name() + "/" + ALERT_DRIFT_M.name() + ": " + e.getMessage());
        }
        ModelQualityConfig q = ModelQualityConfig.defaults();
        ModelQualityConfig quality = new ModelQualityConfig(c.get(QUALITY_LABEL_TTL), c.get(QUALITY_MIN_LABELS),
                qualityThresholds(c),
                OptionalDouble.of(c.get(QUALITY_MIN_ACCURACY)), q.emitInterval(), q.maxPairsPerWindow(),
                qualityTolerances(c));
        ReferenceMode.Choice reference = new ReferenceMode.Choice(ReferenceMode.parse(c.get(REFERENCE)),
                perModel(c, REFERENCE_MODEL_PREFIX, ReferenceMode::parse));
        PipelineConfig pipeline = new PipelineConfig(topics, pairing, window, merge, policy,
                reference, alerts, quality, dataQuality(c));
        return new StreamsSettings(servers, kafka, c.get(APPLICATION_ID), c.get(STATE_DIR), pipeline,
                c.get(METRICS_PORT), c.get(METRICS_HOST));
    }

    /** The stream threads as resolved, for start-up lines: "2 stream threads". */
    public String streamThreadsPhrase() {
        String n = kafkaProperties.getProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1").trim();
        return n + (n.equals("1") ? " stream thread" : " stream threads");
    }

    /**
     * The stream threads when {@code kafka.num.stream.threads} is not set: one per processor the JVM is given (its
     * container's CPU limit), at most one per {@code inference.events} partition. Kafka Streams' own default is one
     * thread whatever the machine, which leaves a multi-core instance's other cores to its JIT and GC: on the
     * reference 2-core box a second thread carried 31 % more events per second in steady runs
     * ({@code docs/scaling.md}). The ingest tasks, one per input partition, are the work to share; more threads
     * than that would mostly wait.
     */
    static int defaultStreamThreads(int processors, int inputPartitions) {
        return Math.max(1, Math.min(processors, inputPartitions));
    }

    private static Duration parseWindow(String s) {
        Duration d = dev.driftline.config.Parsers.DURATION_PARSER.parse(s);
        if (d.toSeconds() < 1) {
            throw new IllegalArgumentException("at least 1s");
        }
        return d;
    }

    private static Double parseThreshold(String s) {
        return Double.parseDouble(s.trim());
    }

    /** Per-model values under an open prefix; a bad one fails naming its full key. */
    /** Per-model model-quality thresholds; the deprecated prefix is read first, so the current one wins. */
    private static Map<String, Double> qualityThresholds(Config c) {
        Map<String, Double> out = new LinkedHashMap<>(perModel(c, DEPRECATED_QUALITY_THRESHOLD_MODEL_PREFIX,
                StreamsSettings::parseThreshold));
        if (!out.isEmpty()) {
            LOG.warn("configuration: {}* is deprecated; use {}*", DEPRECATED_QUALITY_THRESHOLD_MODEL_PREFIX,
                    QUALITY_THRESHOLD_MODEL_PREFIX);
        }
        out.putAll(perModel(c, QUALITY_THRESHOLD_MODEL_PREFIX, StreamsSettings::parseThreshold));
        return out;
    }

    /** The data-quality overrides; "baseline" leaves each baseline's own setting. */
    private static DataQualityOverrides dataQuality(Config c) {
        String mode = c.get(DATA_QUALITY_CATEGORICAL_VALUES).trim();
        String floor = c.get(DATA_QUALITY_UNSEEN_FLOOR).trim();
        return new DataQualityOverrides(mode.equals("baseline") ? Optional.empty()
                : Optional.of(MonitoringConfig.CategoricalValues.of(mode)),
                floor.equals("baseline") ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(floor)));
    }

    /** The tolerances: the two defaults, then {@code <prefix><model>.<metric>} per model and metric. */
    private static QualityTolerances qualityTolerances(Config c) {
        Map<String, Map<String, Double>> perModel = new LinkedHashMap<>();
        perModel(c, QUALITY_TOLERANCE_MODEL_PREFIX, StreamsSettings::parseThreshold).forEach((key, v) -> {
            int dot = key.lastIndexOf('.');
            String metric = dot < 0 ? "" : key.substring(dot + 1);
            if (dot < 1 || !QualityTolerances.METRICS.contains(metric) || !(v >= 0) || Double.isInfinite(v)) {
                throw new ConfigException(QUALITY_TOLERANCE_MODEL_PREFIX + key + ": expected "
                        + QUALITY_TOLERANCE_MODEL_PREFIX + "<model>.<metric> = <finite number >= 0>, metric one of "
                        + new java.util.TreeSet<>(QualityTolerances.METRICS));
            }
            perModel.computeIfAbsent(key.substring(0, dot), m -> new LinkedHashMap<>()).put(metric, v);
        });
        return new QualityTolerances(Map.of("accuracy", c.get(QUALITY_TOLERANCE_ACCURACY), "rmse",
                c.get(QUALITY_TOLERANCE_RMSE)), perModel);
    }

    private static <T> Map<String, T> perModel(Config c, String prefix, Function<String, T> parse) {
        Map<String, T> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : c.withPrefix(prefix).entrySet()) {
            try {
                out.put(e.getKey(), parse.apply(e.getValue()));
            } catch (RuntimeException ex) {
                throw new ConfigException(prefix + e.getKey() + ": '" + e.getValue() + "' is not valid: "
                        + ex.getMessage());
            }
        }
        return out;
    }
}
