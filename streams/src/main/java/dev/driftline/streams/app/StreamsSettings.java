package dev.driftline.streams.app;

import static dev.driftline.streams.app.StreamsKeys.*;

import dev.driftline.config.Config;
import dev.driftline.config.ConfigException;
import dev.driftline.drift.decision.DriftPolicy;
import dev.driftline.streams.MergeConfig;
import dev.driftline.streams.PairingConfig;
import dev.driftline.streams.Topics;
import dev.driftline.streams.WindowSpec;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code driftline streams}' configuration, resolved and cross-checked once at start-up so that a bad value stops
 * the service before it joins the consumer group, naming the key.
 */
public record StreamsSettings(String bootstrapServers, Properties kafkaProperties, Topics topics,
                              String applicationId, Path stateDir, WindowSpec window, PairingConfig pairing,
                              MergeConfig merge, DriftPolicy policy, int metricsPort, String metricsHost) {

    public static StreamsSettings from(Config c) {
        Properties kafka = c.kafkaProperties();
        String servers = c.find(BOOTSTRAP_SERVERS).orElse(kafka.getProperty("bootstrap.servers"));
        if (servers == null || servers.isBlank()) {
            throw new ConfigException("bootstrap-servers is required (--bootstrap-servers, "
                    + BOOTSTRAP_SERVERS.envName() + " or KAFKA_BOOTSTRAP_SERVERS)");
        }
        WindowSpec w = WindowSpec.defaults();
        WindowSpec window = new WindowSpec(c.get(WINDOW), c.get(GRACE), w.idleGrace(), w.checkpointInterval());
        PairingConfig p = PairingConfig.defaults();
        PairingConfig pairing = new PairingConfig(c.get(PAIRING_WAIT), p.dedupeHorizon(), p.idleGrace());
        MergeConfig m = MergeConfig.defaults();
        MergeConfig merge = new MergeConfig(c.get(MERGE_SETTLE), m.idle(), m.retention());
        DriftPolicy d = DriftPolicy.defaults();
        int min = c.get(DRIFT_MIN_SAMPLES);
        DriftPolicy policy = new DriftPolicy(min, Math.max(min, d.largeSample()), c.get(DRIFT_ALPHA),
                DriftPolicy.Correction.valueOf(c.get(DRIFT_CORRECTION).toUpperCase(java.util.Locale.ROOT)),
                d.numericDistance(), d.categoricalDistance(), d.datasetDriftShare(), d.thresholds(), d.overrides());
        return new StreamsSettings(servers, kafka, new Topics(c.get(TOPIC_PREFIX)), c.get(APPLICATION_ID),
                c.get(STATE_DIR), window, pairing, merge, policy, c.get(METRICS_PORT), c.get(METRICS_HOST));
    }
}
