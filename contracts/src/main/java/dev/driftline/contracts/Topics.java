package dev.driftline.contracts;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every driftline topic, under one configurable prefix (default {@code driftline.}). Values are documented JSON
 * (UTF-8 bytes) except the raw events, which are the CloudEvents Kafka binding's binary mode.
 */
public final class Topics {
    public static final String DEFAULT_PREFIX = "driftline.";

    public final Topic<String, byte[]> inferenceEvents;
    public final Topic<String, byte[]> inferenceRecords;
    public final Topic<String, byte[]> labels;
    public final Topic<String, byte[]> baselines;
    public final Topic<String, byte[]> deadLetter;
    public final Topic<String, byte[]> partialProfiles;
    public final Topic<String, byte[]> profiles;
    public final Topic<String, byte[]> drift;
    public final Topic<String, byte[]> modelQuality;
    public final Topic<String, byte[]> alerts;

    public Topics(String prefix) {
        Duration week = Duration.ofDays(7);
        inferenceEvents = json(prefix + "inference.events", 6, Optional.of(week), false, "event id (Ce-Id)",
                "CloudEvent body, attributes in ce_* headers (binary mode)");
        inferenceRecords = json(prefix + "inference.records", 6, Optional.of(week), false, "model",
                "InferenceRecordCodec v1: one record per row of a request/response pair");
        labels = json(prefix + "labels", 6, Optional.of(Duration.ofDays(30)), false, "inference id",
                "{inference_id, row, model, label, event_time}");
        baselines = json(prefix + "baselines", 1, Optional.empty(), true, "model", "BaselineCodec v1");
        deadLetter = json(prefix + "deadletter", 1, Optional.of(Duration.ofDays(30)), false,
                "original key", "original bytes; reason and source in dl_* headers");
        partialProfiles = json(prefix + "window.partials", 6, Optional.of(week), false, "model",
                "PartialWindow v1 (binary): one task's profiles of one model's window, merged downstream");
        profiles = json(prefix + "profiles", 3, Optional.of(Duration.ofDays(30)), false, "model",
                "merged window profiles");
        drift = json(prefix + "drift", 3, Optional.of(Duration.ofDays(30)), false, "model", "window drift report");
        modelQuality = json(prefix + "model-quality", 3, Optional.of(Duration.ofDays(30)), false, "model",
                "versioned model-quality figures per window");
        alerts = json(prefix + "alerts", 3, Optional.of(Duration.ofDays(30)), false, "model", "alert JSON");
    }

    public Topics() {
        this(DEFAULT_PREFIX);
    }

    public List<Topic<?, ?>> all() {
        return List.of(inferenceEvents, inferenceRecords, labels, baselines, deadLetter, partialProfiles, profiles,
                drift, modelQuality, alerts);
    }

    private static Topic<String, byte[]> json(String name, int partitions, Optional<Duration> retention,
                                              boolean compacted, String key, String value) {
        return new Topic<>(name, Serdes.String(), Serdes.ByteArray(), partitions, retention, compacted, key, value);
    }
}
