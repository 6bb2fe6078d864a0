package dev.driftline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.junit.jupiter.api.Test;

class LakeTableTest {

    @Test
    void eightTablesWithTheirTopics() {
        assertThat(Arrays.stream(LakeTable.values()).map(LakeTable::tableName)).containsExactly(
                "inference_log", "feature_profiles", "drift_metrics", "model_quality", "alerts", "dead_letters",
                "labels", "remediation_events");
        assertThat(Arrays.stream(LakeTable.values()).map(LakeTable::topicSuffix)).containsExactly(
                "inference.records", "profiles", "drift", "model-quality", "alerts", "deadletter", "labels",
                "remediation.events");
        assertThat(LakeTable.INFERENCE_LOG.topic("driftline.")).isEqualTo("driftline.inference.records");
        assertThat(LakeTable.byName("drift_metrics")).isEqualTo(LakeTable.DRIFT_METRICS);
        assertThatThrownBy(() -> LakeTable.byName("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void partitionColumnsAreNotInFiles() {
        assertThat(LakeTable.PARTITION_COLUMNS).containsExactly("model", "dt", "hour");
        for (LakeTable t : LakeTable.values()) {
            MessageType s = t.schema();
            assertThat(s.getName()).isEqualTo(t.tableName());
            for (String p : LakeTable.PARTITION_COLUMNS) {
                assertThat(s.containsField(p)).as(t + " " + p).isFalse();
            }
            assertThat(s.getFieldCount()).isEqualTo(t.columns().size());
        }
    }

    @Test
    void everyTableEndsWithSourceColumnsAndHasATimestampTimeColumn() {
        for (LakeTable t : LakeTable.values()) {
            List<LakeColumn> cols = t.columns();
            assertThat(cols.subList(cols.size() - 3, cols.size())).isEqualTo(LakeTable.SOURCE_COLUMNS);
            assertTimestamp(t.schema(), t.timeColumn(), true);
            assertThat(cols).allSatisfy(c -> assertThat(c.description()).isNotBlank());
            assertThat(cols.stream().map(LakeColumn::name).distinct().count()).isEqualTo(cols.size());
        }
        assertPrimitive(LakeTable.ALERTS.schema(), "kafka_offset", PrimitiveTypeName.INT64, null, true);
        assertPrimitive(LakeTable.ALERTS.schema(), "kafka_partition", PrimitiveTypeName.INT32, null, true);
    }

    @Test
    void inferenceLogColumns() {
        MessageType s = LakeTable.INFERENCE_LOG.schema();
        assertThat(names(LakeTable.INFERENCE_LOG)).startsWith("schema_version", "model_version", "inference_id", "row",
                "event_time", "features_json", "predictions_json", "label_json");
        assertPrimitive(s, "schema_version", PrimitiveTypeName.INT32, null, true);
        assertPrimitive(s, "model_version", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), false);
        assertPrimitive(s, "inference_id", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), true);
        assertPrimitive(s, "row", PrimitiveTypeName.INT32, null, true);
        assertTimestamp(s, "event_time", true);
        assertPrimitive(s, "features_json", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.jsonType(), true);
        assertPrimitive(s, "label_json", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.jsonType(), false);
        assertThat(LakeTable.INFERENCE_LOG.timeColumn()).isEqualTo("event_time");
    }

    @Test
    void featureProfilesColumns() {
        MessageType s = LakeTable.FEATURE_PROFILES.schema();
        assertTimestamp(s, "window_start", true);
        assertTimestamp(s, "window_end", true);
        assertPrimitive(s, "revision", PrimitiveTypeName.INT32, null, true);
        assertPrimitive(s, "rows", PrimitiveTypeName.INT64, null, true);
        assertPrimitive(s, "feature", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), true);
        for (String n : List.of("count", "present", "missing", "type_mismatches")) {
            assertPrimitive(s, n, PrimitiveTypeName.INT64, null, true);
        }
        for (String n : List.of("mean", "std_dev", "min", "max")) {
            assertPrimitive(s, n, PrimitiveTypeName.DOUBLE, null, false);
        }
        assertPrimitive(s, "profile", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), false);
    }

    @Test
    void driftMetricsHasOneRowPerMetricWithThresholdAndDecision() {
        MessageType s = LakeTable.DRIFT_METRICS.schema();
        assertThat(names(LakeTable.DRIFT_METRICS)).contains("window_start", "revision", "feature", "metric", "value",
                "threshold", "decision", "method", "is_decision_metric", "role", "dataset_drift");
        assertPrimitive(s, "metric", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), false);
        assertPrimitive(s, "value", PrimitiveTypeName.DOUBLE, null, false);
        assertPrimitive(s, "threshold", PrimitiveTypeName.DOUBLE, null, false);
        assertPrimitive(s, "decision", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), false);
        assertPrimitive(s, "drift", PrimitiveTypeName.BOOLEAN, null, false);
        assertPrimitive(s, "dataset_drift", PrimitiveTypeName.BOOLEAN, null, true);
        assertPrimitive(s, "n_current", PrimitiveTypeName.INT64, null, false);
        assertTimestamp(s, "baseline_created_at", false);
    }

    @Test
    void modelQualityAlertsAndDeadLetterColumns() {
        MessageType q = LakeTable.MODEL_QUALITY.schema();
        assertPrimitive(q, "model_version", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), false);
        assertPrimitive(q, "version", PrimitiveTypeName.INT32, null, true);
        assertPrimitive(q, "labelled_rows", PrimitiveTypeName.INT64, null, true);
        assertPrimitive(q, "status", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), true);
        assertPrimitive(q, "metrics_json", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.jsonType(), true);
        assertTimestamp(q, "updated_at", true);

        MessageType a = LakeTable.ALERTS.schema();
        assertPrimitive(a, "alert_id", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), true);
        assertPrimitive(a, "feature", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), false);
        assertTimestamp(a, "opened_at", true);
        assertTimestamp(a, "resolved_at", false);
        assertPrimitive(a, "details_json", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.jsonType(), true);

        MessageType d = LakeTable.DEAD_LETTERS.schema();
        assertPrimitive(d, "record_value", PrimitiveTypeName.BINARY, null, false);
        assertPrimitive(d, "dl_reason", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), false);
        assertThat(LakeTable.DEAD_LETTERS.timeColumn()).isEqualTo("kafka_timestamp");
    }

    @Test
    void labelsAndRemediationEventsColumns() {
        MessageType l = LakeTable.LABELS.schema();
        assertThat(names(LakeTable.LABELS)).containsExactly("inference_id", "row", "label", "event_time",
                "kafka_partition", "kafka_offset", "kafka_timestamp");
        assertPrimitive(l, "inference_id", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), true);
        assertPrimitive(l, "row", PrimitiveTypeName.INT32, null, true);
        assertPrimitive(l, "label", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), true);
        assertTimestamp(l, "event_time", false);
        assertThat(LakeTable.LABELS.timeColumn()).isEqualTo("kafka_timestamp");

        MessageType e = LakeTable.REMEDIATION_EVENTS.schema();
        assertThat(names(LakeTable.REMEDIATION_EVENTS)).startsWith("event_id", "episode_id", "from_state", "to_state",
                "at", "message", "data_json");
        assertPrimitive(e, "from_state", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), false);
        assertPrimitive(e, "to_state", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), true);
        assertTimestamp(e, "at", true);
        assertPrimitive(e, "data_json", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.jsonType(), true);
        assertThat(LakeTable.REMEDIATION_EVENTS.timeColumn()).isEqualTo("at");
    }

    private static List<String> names(LakeTable t) {
        return t.columns().stream().map(LakeColumn::name).toList();
    }

    private static void assertTimestamp(MessageType s, String name, boolean required) {
        assertPrimitive(s, name, PrimitiveTypeName.INT64,
                LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS), required);
    }

    private static void assertPrimitive(MessageType s, String name, PrimitiveTypeName physical,
            LogicalTypeAnnotation logical, boolean required) {
        assertThat(s.containsField(name)).as(s.getName() + "." + name).isTrue();
        PrimitiveType p = s.getType(name).asPrimitiveType();
        assertThat(p.getPrimitiveTypeName()).as(name).isEqualTo(physical);
        assertThat(p.getLogicalTypeAnnotation()).as(name).isEqualTo(logical);
        assertThat(p.getRepetition()).as(name).isEqualTo(required ? Repetition.REQUIRED : Repetition.OPTIONAL);
    }
}
