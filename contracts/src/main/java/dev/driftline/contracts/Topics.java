package dev.driftline.contracts;

import dev.driftline.contracts.alerts.Alert;
import dev.driftline.contracts.alerts.AlertCodec;
import dev.driftline.contracts.baseline.BaselineCodec;
import dev.driftline.contracts.deadletter.DeadLetter;
import dev.driftline.contracts.drift.DriftReport;
import dev.driftline.contracts.drift.DriftReportCodec;
import dev.driftline.contracts.inference.InferenceEvent;
import dev.driftline.contracts.inference.InferenceRowsCodec;
import dev.driftline.contracts.labels.LabelCodec;
import dev.driftline.contracts.modelquality.ModelQualityCodec;
import dev.driftline.contracts.modelquality.ModelQualityWindow;
import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeCodec;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.contracts.remediation.EpisodeEventCodec;
import dev.driftline.contracts.remediation.RemediationCommand;
import dev.driftline.contracts.remediation.RemediationCommandCodec;
import dev.driftline.contracts.window.MergedWindow;
import dev.driftline.contracts.window.MergedWindowCodec;
import dev.driftline.contracts.window.PartialWindow;
import dev.driftline.contracts.window.PartialWindowCodec;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.capture.GroundTruthLabel;
import dev.driftline.drift.model.InferenceRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every driftline topic, declared once, under one configurable prefix (default {@code driftline.}): its name, the
 * key and value serdes everybody uses (the value serde is its record's codec), partitions, retention and
 * compaction. The collector, the streaming jobs, the sink, the CLI and the remediation service take their topics
 * from here and from nowhere else; {@code contracts/README.md} lists them (a test keeps it true).
 */
public final class Topics {
    public static final String DEFAULT_PREFIX = "driftline.";
    /**
     * The largest record driftline writes or accepts on its topics, internal ones included: 16 MiB. A model's
     * profiles grow with its features (about 6.5 KB per numeric feature once its window outgrows the exact sample),
     * so a window partial, a merged window or a baseline of a model with 300 features is about 2 MB, over Kafka's
     * default of 1 MiB; 16 MiB holds about 2,500. Topics driftline creates get it as {@code max.message.bytes}, and
     * its producers as {@code max.request.size}; topics created before need it set by hand ({@code contracts/README.md}).
     */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;
    /** The key documentation of the topics keyed by model name. */
    public static final String MODEL_KEY = "model";
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);

    /** Raw KServe logger CloudEvents, binary content mode (written by the collector). */
    public final Topic<String, InferenceEvent> inferenceEvents;
    /**
     * The normalised rows of each request/response pair: one value per inference holding all its rows
     * (InferenceRowsCodec v2; v1 values, one JSON record per row, are still read as a list of one).
     */
    public final Topic<String, List<InferenceRecord>> inferenceRecords;
    /** Ground-truth labels, from any producer. */
    public final Topic<String, GroundTruthLabel> labels;
    /** Training baselines, compacted: the latest per model. */
    public final Topic<String, Baseline> baselines;
    /** What the pipeline accepted but could not use, with the reason. */
    public final Topic<String, DeadLetter> deadLetter;
    /** One stream task's profiles of one model's window, merged downstream. */
    public final Topic<String, PartialWindow> partialProfiles;
    /** Merged window profiles. */
    public final Topic<String, MergedWindow> profiles;
    /** Drift reports: each merged window against its reference. */
    public final Topic<String, DriftReport> drift;
    /** Model quality per window from delayed labels. */
    public final Topic<String, ModelQualityWindow> modelQuality;
    /** Alerts opening and resolving. */
    public final Topic<String, Alert> alerts;
    /**
     * What {@code driftline import} has published, one record per object, written in the same transaction as the
     * object's records (so a rerun resumes exactly), compacted.
     */
    public final Topic<String, String> importCheckpoints;
    /** Remediation episodes, compacted: each model's latest episode (the service's durable state). */
    public final Topic<String, Episode> remediationEpisodes;
    /** Every transition of every remediation episode (history; the lake's {@code remediation_events}). */
    public final Topic<String, EpisodeEvent> remediationEvents;
    /** Operators' commands to the remediation service (approve, reject, cancel, pause, resume). */
    public final Topic<String, RemediationCommand> remediationCommands;

    public Topics(String prefix) {
        inferenceEvents = new Topic<>(prefix + "inference.events", Serdes.String(), InferenceEvent.serde(), 6,
                Optional.of(WEEK), false, "event id (Ce-Id)",
                "InferenceEvent: CloudEvent data, attributes in ce_* headers (binary mode)");
        inferenceRecords = topic(prefix + "inference.records", InferenceRowsCodec.INSTANCE.serde(), 6,
                Optional.of(WEEK), false, MODEL_KEY, "List<InferenceRecord>: InferenceRowsCodec v2, one binary value per"
                        + " request/response pair holding all its rows (v1 per-row JSON still read)");
        labels = topic(prefix + "labels", LabelCodec.INSTANCE.serde(), 6, Optional.of(MONTH), false,
                "inference id", "LabelCodec: {inference_id, row, model, label, event_time}");
        baselines = topic(prefix + "baselines", BaselineCodec.INSTANCE.serde(), 1, Optional.empty(), true, MODEL_KEY,
                "BaselineCodec v1");
        deadLetter = new Topic<>(prefix + "deadletter", Serdes.String(), DeadLetter.serde(), 1, Optional.of(MONTH),
                false, "original key", "DeadLetter: original bytes; reason and source in dl_* headers");
        partialProfiles = topic(prefix + "window.partials", PartialWindowCodec.INSTANCE.serde(), 6,
                Optional.of(WEEK), false, MODEL_KEY, "PartialWindowCodec v1 (binary)");
        profiles = topic(prefix + "profiles", MergedWindowCodec.INSTANCE.serde(), 3, Optional.of(MONTH), false,
                MODEL_KEY, "MergedWindowCodec v2 (binary; v1 JSON still read)");
        drift = topic(prefix + "drift", DriftReportCodec.INSTANCE.serde(), 3, Optional.of(MONTH), false, MODEL_KEY,
                "DriftReportCodec v1");
        modelQuality = topic(prefix + "model-quality", ModelQualityCodec.INSTANCE.serde(), 3, Optional.of(MONTH),
                false, MODEL_KEY, "ModelQualityCodec v1");
        alerts = topic(prefix + "alerts", AlertCodec.INSTANCE.serde(), 3, Optional.of(MONTH), false, MODEL_KEY,
                "AlertCodec v1");
        importCheckpoints = new Topic<>(prefix + "import.checkpoints", Serdes.String(), Serdes.String(), 1,
                Optional.empty(), true, "checkpoint id and object", "JSON {object, lines, records, at}");
        // three partitions like the alerts and model-quality topics the service reads beside them: a model's
        // episode, alerts and canary windows land in the same task, so one instance owns the model
        remediationEpisodes = topic(prefix + "remediation.episodes", EpisodeCodec.INSTANCE.serde(), 3,
                Optional.empty(), true, MODEL_KEY, "EpisodeCodec v1");
        remediationEvents = topic(prefix + "remediation.events", EpisodeEventCodec.INSTANCE.serde(), 3,
                Optional.of(Duration.ofDays(365)), false, MODEL_KEY, "EpisodeEventCodec v1: one record per transition");
        remediationCommands = topic(prefix + "remediation.commands", RemediationCommandCodec.INSTANCE.serde(), 3,
                Optional.of(WEEK), false, "model (or * on every partition)", "RemediationCommandCodec v1");
    }

    public Topics() {
        this(DEFAULT_PREFIX);
    }

    public List<Topic<?, ?>> all() {
        return List.of(inferenceEvents, inferenceRecords, labels, baselines, deadLetter, partialProfiles, profiles,
                drift, modelQuality, alerts, importCheckpoints, remediationEpisodes, remediationEvents,
                remediationCommands);
    }

    private static <V> Topic<String, V> topic(String name, Serde<V> value, int partitions,
                                              Optional<Duration> retention, boolean compacted, String key,
                                              String doc) {
        return new Topic<>(name, Serdes.String(), value, partitions, retention, compacted, key, doc);
    }
}
