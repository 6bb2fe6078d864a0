package dev.driftline.sink;

import static dev.driftline.sink.LakeColumn.opt;
import static dev.driftline.sink.LakeColumn.req;
import static dev.driftline.sink.LakeColumn.Type.BOOLEAN;
import static dev.driftline.sink.LakeColumn.Type.BYTES;
import static dev.driftline.sink.LakeColumn.Type.DOUBLE;
import static dev.driftline.sink.LakeColumn.Type.INT32;
import static dev.driftline.sink.LakeColumn.Type.INT64;
import static dev.driftline.sink.LakeColumn.Type.JSON;
import static dev.driftline.sink.LakeColumn.Type.STRING;
import static dev.driftline.sink.LakeColumn.Type.TIMESTAMP;

import dev.driftline.contracts.Topic;
import dev.driftline.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * The lake tables, one per topic that is worth keeping, with their Parquet file schemas.
 *
 * <p>Every table is partitioned Hive-style by {@link #PARTITION_COLUMNS} {@code model}, {@code dt} (UTC date,
 * {@code YYYY-MM-DD}) and {@code hour} (UTC hour, {@code HH}) of the row's {@link #timeColumn() time column}; the
 * partition columns are in the object path ({@link ObjectKeys}), not in the files. Every table ends with the three
 * source columns {@code kafka_partition} (INT32, partition of the source record), {@code kafka_offset} (INT64, its
 * offset) and {@code kafka_timestamp} (TIMESTAMP, its record timestamp), so a row can be traced back and duplicates
 * from a re-upload dropped. Times are TIMESTAMP(MILLIS, UTC); nested JSON that has no fixed shape is kept as a JSON
 * string column ({@code *_json}).
 *
 * <ul>
 *   <li>{@link #INFERENCE_LOG} {@code inference_log} from {@code inference.records} (InferenceRowsCodec v2, one
 *       value per inference; v1 InferenceRecordCodec values, one per row, still read), one row per inference row:
 *       {@code schema_version} INT32 the format the row came in (1 or 2); {@code model_version}
 *       STRING? the endpoint's model version; {@code inference_id} STRING the request id shared by its rows;
 *       {@code row} INT32 row within the request's batch; {@code event_time} TIMESTAMP the inference's event time
 *       (partitions by it); {@code features_json} JSON the feature name → value object; {@code predictions_json}
 *       JSON the output name → value object; {@code label_json} JSON? the joined ground truth, else null.</li>
 *   <li>{@link #FEATURE_PROFILES} {@code feature_profiles} from {@code profiles} (MergedWindowCodec), one row per
 *       model × window × revision × feature: {@code window_start}/{@code window_end} TIMESTAMP the window;
 *       {@code revision} INT32 the merged window's revision (keep the highest); {@code rows} INT64 rows in the
 *       window; {@code partials} INT32 partials merged; {@code feature} STRING feature name
 *       ({@code prediction:<name>} for outputs); {@code type} STRING profile type; {@code count}, {@code present},
 *       {@code missing}, {@code type_mismatches} INT64 value counts; {@code mean}, {@code std_dev}, {@code min},
 *       {@code max} DOUBLE? numeric summary (null when undefined or not numeric); {@code profile} STRING? the
 *       base64 ProfileCodec sketch; {@code untyped_missing} INT64? rows missing the feature before it was
 *       typed.</li>
 *   <li>{@link #DRIFT_METRICS} {@code drift_metrics} from {@code drift} (DriftReportCodec v1), one row per model ×
 *       window × revision × feature × metric (a {@code no_baseline} report gives one row with feature and metric
 *       null): {@code window_start}/{@code window_end} TIMESTAMP; {@code revision} INT32; {@code rows} INT64;
 *       {@code report_status} STRING {@code evaluated | no_baseline}; {@code baseline_created_at} TIMESTAMP?;
 *       {@code reference_mode} STRING? the reference used ({@code baseline}, {@code rolling:12}, …);
 *       {@code feature} STRING? column name; {@code role} STRING? {@code feature | prediction}; {@code feature_kind}
 *       STRING? {@code numeric | categorical}; {@code n_reference}/{@code n_current} INT64? sample sizes;
 *       {@code metric} STRING? figure name ({@code ks_pvalue}, {@code psi}, …); {@code value} DOUBLE? the figure;
 *       {@code method} STRING? the figure the verdict is decided on; {@code is_decision_metric} BOOLEAN? metric ==
 *       method; {@code threshold} DOUBLE? the method's threshold (on every row of the feature); {@code decision}
 *       STRING? {@code drift | no_drift | insufficient_data}; {@code drift} BOOLEAN? the feature drifted;
 *       {@code dataset_drift} BOOLEAN the report's dataset verdict; {@code drifted_share} DOUBLE? share of judged
 *       features that drifted; {@code violations_json} JSON the report's data-quality violations array.</li>
 *   <li>{@link #MODEL_QUALITY} {@code model_quality} from {@code model-quality} (ModelQualityCodec v1), one row per
 *       model × model version × window × version: {@code window_start}/{@code window_end} TIMESTAMP;
 *       {@code model_version} STRING? empty for the window of all the model's versions, else the one version it
 *       counts (written only while a window saw two or more versions; null in files written before it existed);
 *       {@code version} INT32 (keep the highest per model version and window); {@code problem_type} STRING; {@code labelled_rows}, {@code dropped_labels} INT64;
 *       {@code metric} STRING the primary metric; {@code value} DOUBLE? its value; {@code threshold} DOUBLE?;
 *       {@code threshold_source} STRING? where it comes from; {@code baseline_value} DOUBLE? the training-time value;
 *       {@code status} STRING {@code ok | degraded | insufficient_labels | no_reference}; {@code metrics_json} JSON
 *       every figure of the problem type; {@code updated_at} TIMESTAMP wall clock of the emission.</li>
 *   <li>{@link #ALERTS} {@code alerts} from {@code alerts} (AlertCodec v1), one row per open or resolve record:
 *       {@code alert_id} STRING; {@code kind} STRING; {@code feature} STRING? (null for model_quality);
 *       {@code state} STRING {@code open | resolved}; {@code severity} STRING {@code warning | critical};
 *       {@code window_start}/{@code window_end} TIMESTAMP the opening (resolving) window; {@code metric} STRING?;
 *       {@code value}, {@code threshold} DOUBLE?; {@code opened_at} TIMESTAMP; {@code resolved_at} TIMESTAMP?;
 *       {@code details_json} JSON.</li>
 *   <li>{@link #DEAD_LETTERS} {@code dead_letters} from {@code deadletter}, one row per dead letter (model partition
 *       {@link ObjectKeys#UNKNOWN_MODEL} unless a header names it): {@code record_key} BYTES? original key;
 *       {@code record_value} BYTES? original value; {@code dl_reason}, {@code dl_message}, {@code dl_part},
 *       {@code dl_stage} STRING? the {@code dl_*} headers ({@code sink} with the sink's own reason and message
 *       when the sink could not read a record of another topic); {@code source_topic} STRING the topic read;
 *       {@code headers_json} JSON? every header (name → UTF-8 text) — partitioned by {@code kafka_timestamp}.</li>
 *   <li>{@link #LABELS} {@code labels} from {@code labels} (LabelCodec), one row per label record (model partition
 *       {@link ObjectKeys#UNKNOWN_MODEL} when the label names none): {@code inference_id} STRING the labelled
 *       request (the record key wins, as in the streams' join); {@code row} INT32; {@code label} STRING the value as
 *       text ({@code 1}, {@code 0.5}, {@code true}, {@code setosa}); {@code event_time} TIMESTAMP? — partitioned by
 *       {@code kafka_timestamp} (arrival).</li>
 *   <li>{@link #REMEDIATION_EVENTS} {@code remediation_events} from {@code remediation.events}
 *       (EpisodeEventCodec v1), one row per episode transition: {@code event_id}, {@code episode_id} STRING;
 *       {@code from_state} STRING?; {@code to_state} STRING; {@code at} TIMESTAMP (partitions by it);
 *       {@code message} STRING?; {@code data_json} JSON.</li>
 * </ul>
 */
public enum LakeTable {

    INFERENCE_LOG("inference_log", t -> t.inferenceRecords, "event_time", List.of(
            req("schema_version", INT32, "format version of the row's record: 1 InferenceRecordCodec (a JSON"
                    + " value per row), 2 InferenceRowsCodec (a binary value per inference)"),
            opt("model_version", STRING, "model version the endpoint reported, null when none"),
            req("inference_id", STRING, "request id (CloudEvent Ce-Id) shared by the request's rows"),
            req("row", INT32, "row within the request's batch, from 0"),
            req("event_time", TIMESTAMP, "event time of the inference (UTC)"),
            req("features_json", JSON, "feature name to value object, as in the record"),
            req("predictions_json", JSON, "output name to value object, as in the record"),
            opt("label_json", JSON, "ground truth once joined, null otherwise"))),

    FEATURE_PROFILES("feature_profiles", t -> t.profiles, "window_start", List.of(
            req("window_start", TIMESTAMP, "start of the tumbling window (UTC)"),
            req("window_end", TIMESTAMP, "end of the window, exclusive (UTC)"),
            req("revision", INT32, "merged window revision; keep the highest per model and window"),
            req("rows", INT64, "rows in the window"),
            req("partials", INT32, "task partials merged into the window"),
            req("feature", STRING, "feature name; prediction:<name> for model outputs"),
            req("type", STRING, "profile type decided by the first non-null value"),
            req("count", INT64, "values seen"),
            req("present", INT64, "non-null values"),
            req("missing", INT64, "null or absent values"),
            req("type_mismatches", INT64, "values of another type than the profile's"),
            opt("mean", DOUBLE, "mean of a numeric feature, null when undefined"),
            opt("std_dev", DOUBLE, "standard deviation of a numeric feature, null when undefined"),
            opt("min", DOUBLE, "minimum of a numeric feature, null when undefined"),
            opt("max", DOUBLE, "maximum of a numeric feature, null when undefined"),
            opt("profile", STRING, "base64 ProfileCodec sketch of the feature"),
            opt("untyped_missing", INT64, "rows missing the feature before its type was known"))),

    DRIFT_METRICS("drift_metrics", t -> t.drift, "window_start", List.of(
            req("window_start", TIMESTAMP, "start of the evaluated window (UTC)"),
            req("window_end", TIMESTAMP, "end of the evaluated window (UTC)"),
            req("revision", INT32, "revision of the merged window; keep the highest"),
            req("rows", INT64, "rows in the window"),
            req("report_status", STRING, "evaluated or no_baseline"),
            opt("baseline_created_at", TIMESTAMP, "creation time of the baseline compared with"),
            opt("reference_mode", STRING, "reference used: baseline, rolling:N, seasonal:7d"),
            opt("feature", STRING, "column name, null for a no_baseline report"),
            opt("role", STRING, "feature or prediction"),
            opt("feature_kind", STRING, "numeric or categorical"),
            opt("n_reference", INT64, "reference sample size"),
            opt("n_current", INT64, "window sample size"),
            opt("metric", STRING, "figure name, e.g. ks_pvalue, psi, jensen_shannon"),
            opt("value", DOUBLE, "value of the figure, null when undefined"),
            opt("method", STRING, "figure the feature's verdict is decided on"),
            opt("is_decision_metric", BOOLEAN, "true on the row whose metric is the method"),
            opt("threshold", DOUBLE, "threshold of the method"),
            opt("decision", STRING, "drift, no_drift or insufficient_data"),
            opt("drift", BOOLEAN, "the feature drifted"),
            req("dataset_drift", BOOLEAN, "the report's dataset-level verdict"),
            opt("drifted_share", DOUBLE, "share of judged features that drifted"),
            req("violations_json", JSON, "data-quality violations array of the report"))),

    MODEL_QUALITY("model_quality", t -> t.modelQuality, "window_start", List.of(
            req("window_start", TIMESTAMP, "start of the inference-time window (UTC)"),
            req("window_end", TIMESTAMP, "end of the window (UTC)"),
            opt("model_version", STRING, "empty: all versions of the model; else the one version (during a rollout)"),
            req("version", INT32, "emission version of the window; keep the highest"),
            req("problem_type", STRING, "binary_classification, multiclass_classification or regression"),
            req("labelled_rows", INT64, "rows with a joined label"),
            req("dropped_labels", INT64, "labels over the per-window cap"),
            req("metric", STRING, "primary metric: accuracy or rmse"),
            opt("value", DOUBLE, "value of the primary metric"),
            opt("threshold", DOUBLE, "threshold of the primary metric, null when none"),
            opt("threshold_source", STRING, "configured, baseline_constraint, baseline_relative or default"),
            opt("baseline_value", DOUBLE, "the primary metric on the training data (the model's baseline)"),
            req("status", STRING, "ok, degraded, insufficient_labels or no_reference"),
            req("metrics_json", JSON, "every figure of the problem type"),
            req("updated_at", TIMESTAMP, "wall clock of the emission"))),

    ALERTS("alerts", t -> t.alerts, "window_start", List.of(
            req("alert_id", STRING, "name-based UUID; same for open and resolve"),
            req("kind", STRING, "data_drift, prediction_drift, data_quality or model_quality"),
            opt("feature", STRING, "feature, null for model_quality"),
            req("state", STRING, "open or resolved"),
            req("severity", STRING, "warning or critical"),
            req("window_start", TIMESTAMP, "start of the opening (resolving) window"),
            req("window_end", TIMESTAMP, "end of the opening (resolving) window"),
            opt("metric", STRING, "figure decided on"),
            opt("value", DOUBLE, "value of the figure"),
            opt("threshold", DOUBLE, "threshold of the figure"),
            req("opened_at", TIMESTAMP, "end of the opening window"),
            opt("resolved_at", TIMESTAMP, "end of the resolving window, null while open"),
            req("details_json", JSON, "details object of the alert"))),

    DEAD_LETTERS("dead_letters", t -> t.deadLetter, "kafka_timestamp", List.of(
            opt("record_key", BYTES, "original record key"),
            opt("record_value", BYTES, "original record value"),
            opt("dl_reason", STRING, "dl_reason header, e.g. not_json, shape_mismatch"),
            opt("dl_message", STRING, "dl_message header"),
            opt("dl_part", STRING, "dl_part header: request or response"),
            opt("dl_stage", STRING, "dl_stage header; sink for records the sink itself could not read"),
            req("source_topic", STRING, "topic the record was read from: the dead-letter topic, or the topic whose "
                    + "record the sink could not turn into rows"),
            opt("headers_json", JSON, "every header, name to UTF-8 text"))),

    // partitioned by arrival: a label's own event_time is optional and producer-given, while the record timestamp
    // is always there and comes after the inference it labels, so a query over inference days can prune labels to
    // the days from the first inference day on
    LABELS("labels", t -> t.labels, "kafka_timestamp", List.of(
            req("inference_id", STRING, "request id (CloudEvent Ce-Id) of the labelled inference; the record key"),
            req("row", INT32, "row within the request's batch, from 0"),
            req("label", STRING, "ground truth as text: an integer, decimal, true/false or the string given"),
            opt("event_time", TIMESTAMP, "when the label was observed (UTC), null when the producer gave none"))),

    REMEDIATION_EVENTS("remediation_events", t -> t.remediationEvents, "at", List.of(
            req("event_id", STRING, "<episode id>/<sequence>: deterministic, a replayed transition has the same id"),
            req("episode_id", STRING, "remediation episode"),
            opt("from_state", STRING, "state before the transition, null for the first (TRIGGERED) event"),
            req("to_state", STRING, "state after the transition; DONE, FAILED, REJECTED, ROLLED_BACK or CANCELLED "
                    + "end the episode"),
            req("at", TIMESTAMP, "when the transition happened (UTC, service clock)"),
            opt("message", STRING, "what happened, in words"),
            req("data_json", JSON, "step-specific figures: job name, metrics, traffic percent, rule")));

    /** Hive-style partition columns, in path order; not in the file schema. */
    public static final List<String> PARTITION_COLUMNS = List.of("model", "dt", "hour");

    /** Source columns every table ends with. */
    public static final List<LakeColumn> SOURCE_COLUMNS = Source.COLUMNS;

    /** Holder, so the enum constructors may read the source columns. */
    private static final class Source {
        static final List<LakeColumn> COLUMNS = List.of(
                req("kafka_partition", INT32, "partition of the source record"),
                req("kafka_offset", INT64, "offset of the source record"),
                req("kafka_timestamp", TIMESTAMP, "record timestamp of the source record"));
    }

    private final String tableName;
    private final Function<Topics, Topic<?, ?>> topic;
    private final String timeColumn;
    private final List<LakeColumn> columns;
    private final MessageType schema;

    LakeTable(String tableName, Function<Topics, Topic<?, ?>> topic, String timeColumn, List<LakeColumn> own) {
        this.tableName = tableName;
        this.topic = topic;
        this.timeColumn = timeColumn;
        List<LakeColumn> all = new ArrayList<>(own);
        all.addAll(Source.COLUMNS);
        this.columns = List.copyOf(all);
        this.schema = toSchema(tableName, columns);
    }

    /** Table name, also the first path segment of its objects. */
    public String tableName() {
        return tableName;
    }

    /** Source topic without the prefix, e.g. {@code inference.records} for {@code driftline.inference.records}. */
    public String topicSuffix() {
        return topic(new Topics(""));
    }

    /** Source topic for a prefix, e.g. {@code driftline.} → {@code driftline.inference.records}. */
    public String topic(String prefix) {
        return topic(new Topics(prefix));
    }

    /** Source topic among {@code topics}. */
    public String topic(Topics topics) {
        return topic.apply(topics).name();
    }

    /** The TIMESTAMP column whose UTC date and hour give the {@code dt} and {@code hour} partitions. */
    public String timeColumn() {
        return timeColumn;
    }

    /** File columns in order (partition columns excluded), ending with {@link #SOURCE_COLUMNS}. */
    public List<LakeColumn> columns() {
        return columns;
    }

    /** Column by name. */
    public Optional<LakeColumn> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Parquet file schema; message name = table name. */
    public MessageType schema() {
        return schema;
    }

    /** Table by name ({@code inference_log}, …). */
    public static LakeTable byName(String tableName) {
        for (LakeTable t : values()) {
            if (t.tableName.equals(tableName)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no lake table " + tableName);
    }

    private static MessageType toSchema(String name, List<LakeColumn> columns) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (LakeColumn c : columns) {
            Repetition rep = c.required() ? Repetition.REQUIRED : Repetition.OPTIONAL;
            switch (c.type()) {
                case STRING -> b.primitive(PrimitiveTypeName.BINARY, rep)
                        .as(LogicalTypeAnnotation.stringType()).named(c.name());
                case JSON -> b.primitive(PrimitiveTypeName.BINARY, rep)
                        .as(LogicalTypeAnnotation.jsonType()).named(c.name());
                case BYTES -> b.primitive(PrimitiveTypeName.BINARY, rep).named(c.name());
                case INT32 -> b.primitive(PrimitiveTypeName.INT32, rep).named(c.name());
                case INT64 -> b.primitive(PrimitiveTypeName.INT64, rep).named(c.name());
                case DOUBLE -> b.primitive(PrimitiveTypeName.DOUBLE, rep).named(c.name());
                case BOOLEAN -> b.primitive(PrimitiveTypeName.BOOLEAN, rep).named(c.name());
                case TIMESTAMP -> b.primitive(PrimitiveTypeName.INT64, rep)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                        .named(c.name());
                default -> throw new IllegalStateException("unhandled type " + c.type());
            }
        }
        return b.named(name);
    }
}
