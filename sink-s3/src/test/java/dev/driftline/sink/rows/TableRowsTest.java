package dev.driftline.sink.rows;

import static dev.driftline.sink.SampleRecords.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.sink.LakeTable;
import dev.driftline.sink.SampleRecords;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableRowsTest {
    private static final long TS = Instant.parse("2026-11-21T10:07:00Z").toEpochMilli();

    private static SourceRecord record(String topic, String value) {
        return new SourceRecord(topic, 2, 41L, TS, bytes("wine"), value == null ? null : bytes(value), List.of());
    }

    private static Object col(LakeRow row, String column) {
        return row.value(row.table().columns().indexOf(row.table().column(column).orElseThrow()));
    }

    @Test
    void inferenceRecordIsOneRowWithSourceColumns() throws Exception {
        List<LakeRow> rows = TableRows.of(LakeTable.INFERENCE_LOG).rows(record("driftline.inference.records",
                SampleRecords.inference("wine", "id-1", 3, "2026-11-21T10:05:00.250Z", 13.5)));
        assertThat(rows).hasSize(1);
        LakeRow r = rows.get(0);
        assertThat(r.model()).isEqualTo("wine");
        assertThat(r.partitionTime()).isEqualTo(Instant.parse("2026-11-21T10:05:00.250Z"));
        assertThat(col(r, "inference_id")).isEqualTo("id-1");
        assertThat(col(r, "row")).isEqualTo(3);
        assertThat(col(r, "event_time")).isEqualTo(Instant.parse("2026-11-21T10:05:00.250Z").toEpochMilli());
        assertThat(col(r, "features_json")).isEqualTo("{\"x\":13.5,\"city\":\"Oslo\",\"note\":null}");
        assertThat(col(r, "label_json")).isNull();
        assertThat(col(r, "model_version")).isEqualTo("v3");
        assertThat(col(r, "kafka_partition")).isEqualTo(2);
        assertThat(col(r, "kafka_offset")).isEqualTo(41L);
        assertThat(col(r, "kafka_timestamp")).isEqualTo(TS);
    }

    @Test
    void inferenceRecordKeepsNestedValuesByteForByteAndRefusesBadOnes() throws Exception {
        TableRows t = TableRows.of(LakeTable.INFERENCE_LOG);
        String spaced = "{ \"schema_version\": 1, \"extra\": {\"a\": [1, {\"b\": 2}]}, \"model\": \"m\", "
                + "\"inference_id\": \"i\", \"row\": 0, \"event_time\": \"2026-11-21T10:00:00Z\", "
                + "\"features\": {\"ü\": \"Zürich\", \"v\": [1.50, 2]}, \"predictions\": {\"p\": {\"q\": 0.25}}, "
                + "\"label\": 2 }";
        LakeRow r = t.rows(record("driftline.inference.records", spaced)).get(0);
        assertThat(col(r, "features_json")).isEqualTo("{\"ü\": \"Zürich\", \"v\": [1.50, 2]}");
        assertThat(col(r, "predictions_json")).isEqualTo("{\"p\": {\"q\": 0.25}}");
        assertThat(col(r, "label_json")).isEqualTo("2");
        assertThat(col(r, "model_version")).isNull();
        for (String label : new String[] {"\"class \\\"b\\\" ü\"", "true", "-1.5e3", "[1, \"x\"]"}) {
            LakeRow l = t.rows(record("x", spaced.replace("\"label\": 2", "\"label\": " + label))).get(0);
            assertThat(col(l, "label_json")).as(label).isEqualTo(label);
        }
        String ok = SampleRecords.inference("wine", "id", 0, "2026-11-21T10:00:00Z", 1);
        assertThatThrownBy(() -> t.rows(record("x", ok.replace("\"row\":0", "\"row\":-1"))))
                .hasMessageContaining("row must be >= 0");
        assertThatThrownBy(() -> t.rows(record("x", ok.replace("\"row\":0", "\"row\":\"0\""))))
                .hasMessageContaining("row must be an integer");
        assertThatThrownBy(() -> t.rows(record("x", ok.replace("\"features\":{", "\"features\":[{")
                .replace("\"note\":null}", "\"note\":null}]")))).hasMessageContaining("features must be an object");
        assertThatThrownBy(() -> t.rows(record("x", ok.replace(",\"predictions\":{\"output-0\":1}", ""))))
                .hasMessageContaining("predictions is missing");
        assertThatThrownBy(() -> t.rows(record("x", ok + "{}")))
                .extracting(e -> ((BadRecordException) e).reason()).isEqualTo(BadRecordException.NOT_JSON);
        assertThatThrownBy(() -> t.rows(record("x", ok.substring(0, 40))))
                .extracting(e -> ((BadRecordException) e).reason()).isEqualTo(BadRecordException.NOT_JSON);
        assertThatThrownBy(() -> t.rows(record("x", ok.replace("\"schema_version\":1", "\"schema_version\":2"))))
                .extracting(e -> ((BadRecordException) e).reason())
                .isEqualTo(BadRecordException.UNKNOWN_SCHEMA_VERSION);
        assertThatThrownBy(() -> t.rows(record("x", "[1,2]")))
                .extracting(e -> ((BadRecordException) e).reason()).isEqualTo(BadRecordException.NOT_JSON);
    }

    @Test
    void profileIsOneRowPerFeatureIncludingUntypedOnes() throws Exception {
        List<LakeRow> rows = TableRows.of(LakeTable.FEATURE_PROFILES).rows(record("driftline.profiles",
                SampleRecords.profile("wine", "2026-11-21T10:00:00Z", "2026-11-21T10:05:00Z", 2)));
        assertThat(rows).extracting(r -> col(r, "feature"))
                .containsExactly("x", "city", "prediction:output-0", "note");
        LakeRow x = rows.get(0);
        assertThat(col(x, "mean")).isEqualTo(41.5);
        assertThat(col(x, "min")).isEqualTo(18.0);
        assertThat(col(x, "revision")).isEqualTo(2);
        assertThat(col(x, "untyped_missing")).isNull();
        assertThat(col(rows.get(1), "mean")).isNull();
        assertThat(col(rows.get(1), "type_mismatches")).isEqualTo(1L);
        assertThat(col(rows.get(2), "std_dev")).isNull();
        LakeRow note = rows.get(3);
        assertThat(col(note, "type")).isEqualTo("untyped");
        assertThat(col(note, "missing")).isEqualTo(120L);
        assertThat(col(note, "untyped_missing")).isEqualTo(120L);
        assertThat(x.partitionTime()).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
    }

    @Test
    void driftReportFansOutPerFeatureAndFigureWithTheDecisionMetricMarked() throws Exception {
        List<LakeRow> rows = TableRows.of(LakeTable.DRIFT_METRICS).rows(record("driftline.drift",
                SampleRecords.drift("wine", "2026-11-21T10:00:00Z", "2026-11-21T10:05:00Z", 1)));
        assertThat(rows).hasSize(SampleRecords.DRIFT_ROWS);
        assertThat(rows).filteredOn(r -> Boolean.TRUE.equals(col(r, "is_decision_metric")))
                .extracting(r -> col(r, "feature") + ":" + col(r, "metric") + "=" + col(r, "value"))
                .containsExactly("x:ks_pvalue=1.0E-9", "city:chi2_pvalue=0.47", "output-0:wasserstein_norm=0.12");
        LakeRow psi = rows.stream().filter(r -> "city".equals(col(r, "feature")) && "psi".equals(col(r, "metric")))
                .findFirst().orElseThrow();
        assertThat(col(psi, "value")).as("NaN is an undefined figure").isNull();
        assertThat(col(psi, "decision")).isEqualTo("no_drift");
        assertThat(col(psi, "threshold")).isEqualTo(0.001);
        assertThat(col(psi, "n_reference")).isEqualTo(2000L);
        assertThat(rows).extracting(r -> col(r, "metric")).doesNotContain("bin_edges", "n_current", "threshold",
                "missing_current");
        LakeRow any = rows.get(0);
        assertThat(col(any, "dataset_drift")).isEqualTo(true);
        assertThat(col(any, "drifted_share")).isEqualTo(0.5);
        assertThat(col(any, "reference_mode")).isEqualTo("baseline");
        assertThat(col(any, "baseline_created_at")).isEqualTo(Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
        assertThat((String) col(any, "violations_json")).contains("baseline_range_check");
        assertThat(rows).filteredOn(r -> "output-0".equals(col(r, "feature")))
                .allMatch(r -> "prediction".equals(col(r, "role")));
    }

    @Test
    void noBaselineReportIsOneRowWithoutFeature() throws Exception {
        List<LakeRow> rows = TableRows.of(LakeTable.DRIFT_METRICS).rows(record("driftline.drift",
                SampleRecords.noBaseline("wine", "2026-11-21T10:00:00Z", "2026-11-21T10:05:00Z")));
        assertThat(rows).hasSize(1);
        assertThat(col(rows.get(0), "report_status")).isEqualTo("no_baseline");
        assertThat(col(rows.get(0), "feature")).isNull();
        assertThat(col(rows.get(0), "metric")).isNull();
    }

    @Test
    void baselineDriftCheckDecidesOnKsStatisticOrLinf() {
        assertThat(DriftMetricRows.decisionMetric("baseline_drift_check", "numeric")).isEqualTo("ks_statistic");
        assertThat(DriftMetricRows.decisionMetric("baseline_drift_check", "categorical")).isEqualTo("linf");
        assertThat(DriftMetricRows.decisionMetric("psi", "categorical")).isEqualTo("psi");
        assertThat(DriftMetricRows.decisionMetric(null, "numeric")).isNull();
    }

    @Test
    void qualityAndAlertRows() throws Exception {
        LakeRow q = TableRows.of(LakeTable.MODEL_QUALITY).rows(record("driftline.model-quality",
                SampleRecords.quality("wine", "2026-11-21T10:00:00Z", "2026-11-21T10:05:00Z", 3, 0.84))).get(0);
        assertThat(col(q, "version")).isEqualTo(3);
        assertThat(col(q, "model_version")).isEqualTo(""); // written before the field: the model's window
        assertThat(col(q, "status")).isEqualTo("degraded");
        LakeRow canary = TableRows.of(LakeTable.MODEL_QUALITY).rows(record("driftline.model-quality",
                SampleRecords.quality("wine", "2026-11-21T10:00:00Z", "2026-11-21T10:05:00Z", 3, 0.84)
                        .replace("\"version\":3", "\"model_version\":\"v2\",\"version\":3"))).get(0);
        assertThat(col(canary, "model_version")).isEqualTo("v2");
        assertThat(col(q, "metrics_json")).isEqualTo("{\"accuracy\":0.84,\"weighted_f1\":0.8}");
        assertThat(col(q, "updated_at")).isEqualTo(Instant.parse("2026-11-21T12:00:01.250Z").toEpochMilli());
        LakeRow a = TableRows.of(LakeTable.ALERTS).rows(record("driftline.alerts",
                SampleRecords.alert("wine", "a-1", "resolved", "2026-11-21T10:00:00Z", "2026-11-21T10:05:00Z")))
                .get(0);
        assertThat(col(a, "state")).isEqualTo("resolved");
        assertThat(col(a, "resolved_at")).isEqualTo(Instant.parse("2026-11-21T10:05:00Z").toEpochMilli());
        assertThat(col(a, "details_json")).isEqualTo("{\"revision\":1,\"method\":\"ks\"}");
    }

    @Test
    void deadLetterKeepsBytesAndHeaders() throws Exception {
        SourceRecord r = new SourceRecord("driftline.deadletter", 0, 7L, TS, bytes("k"), new byte[] {1, 2, 3},
                List.<Map.Entry<String, byte[]>>of(new AbstractMap.SimpleImmutableEntry<>("dl_reason",
                        bytes("not_json")), new AbstractMap.SimpleImmutableEntry<>("dl_stage", bytes("collector"))));
        LakeRow d = TableRows.of(LakeTable.DEAD_LETTERS).rows(r).get(0);
        assertThat(d.model()).isEqualTo("_unknown");
        assertThat(d.partitionTime()).isEqualTo(Instant.ofEpochMilli(TS));
        assertThat((byte[]) col(d, "record_value")).containsExactly(1, 2, 3);
        assertThat(col(d, "dl_reason")).isEqualTo("not_json");
        assertThat(col(d, "dl_stage")).isEqualTo("collector");
        assertThat(col(d, "source_topic")).isEqualTo("driftline.deadletter");
        assertThat(col(d, "headers_json")).isEqualTo("{\"dl_reason\":\"not_json\",\"dl_stage\":\"collector\"}");
    }

    @Test
    void badRecordsSayWhatIsWrong() {
        TableRows drift = TableRows.of(LakeTable.DRIFT_METRICS);
        assertThatThrownBy(() -> drift.rows(record("driftline.drift", "{not json")))
                .isInstanceOf(BadRecordException.class).extracting(e -> ((BadRecordException) e).reason())
                .isEqualTo(BadRecordException.NOT_JSON);
        assertThatThrownBy(() -> drift.rows(record("driftline.drift", "{\"schema_version\":2}")))
                .extracting(e -> ((BadRecordException) e).reason())
                .isEqualTo(BadRecordException.UNKNOWN_SCHEMA_VERSION);
        assertThatThrownBy(() -> drift.rows(record("driftline.drift", null)))
                .hasMessageContaining("tombstone");
        String badTime = SampleRecords.drift("wine", "yesterday", "2026-11-21T10:05:00Z", 1);
        assertThatThrownBy(() -> drift.rows(record("driftline.drift", badTime)))
                .hasMessageContaining("window_start is not an ISO-8601 instant: yesterday")
                .extracting(e -> ((BadRecordException) e).reason()).isEqualTo(BadRecordException.BAD_VALUE);
        String noModel = SampleRecords.quality("wine", "2026-11-21T10:00:00Z", "2026-11-21T10:05:00Z", 1, 0.9)
                .replace("\"model\":\"wine\",", "");
        assertThatThrownBy(() -> TableRows.of(LakeTable.MODEL_QUALITY).rows(record("driftline.model-quality",
                noModel))).hasMessageContaining("model is missing")
                .extracting(e -> ((BadRecordException) e).reason()).isEqualTo(BadRecordException.MISSING_FIELD);
    }

    @Test
    void rejectedRecordBecomesADeadLetterOfItsModel() {
        SourceRecord r = record("driftline.drift", "{oops");
        LakeRow d = DeadLetterRows.rejected(r, new BadRecordException("not_json", "value is not JSON"));
        assertThat(d.model()).isEqualTo("wine");
        assertThat(col(d, "dl_stage")).isEqualTo("sink");
        assertThat(col(d, "dl_reason")).isEqualTo("not_json");
        assertThat(col(d, "source_topic")).isEqualTo("driftline.drift");
        assertThat(new String((byte[]) col(d, "record_value"))).isEqualTo("{oops");
    }

    @Test
    void labelIsOneRowKeyedByTheRecordKeyWithTheLabelAsText() throws Exception {
        TableRows t = TableRows.of(LakeTable.LABELS);
        SourceRecord r = new SourceRecord("driftline.labels", 4, 9L, TS, bytes("req-7"),
                bytes(SampleRecords.label("ignored-id", 2, "wine", "1", "2026-11-21T10:06:00Z")), List.of());
        LakeRow l = t.rows(r).get(0);
        assertThat(l.model()).isEqualTo("wine");
        assertThat(l.partitionTime()).as("arrival").isEqualTo(Instant.ofEpochMilli(TS));
        assertThat(col(l, "inference_id")).as("the key wins, as in the streams' join").isEqualTo("req-7");
        assertThat(col(l, "row")).isEqualTo(2);
        assertThat(col(l, "label")).isEqualTo("1");
        assertThat(col(l, "event_time")).isEqualTo(Instant.parse("2026-11-21T10:06:00Z").toEpochMilli());
        assertThat(col(l, "kafka_offset")).isEqualTo(9L);
        for (String[] label : new String[][] {{"0.5", "0.5"}, {"true", "true"}, {"\"setosa\"", "setosa"}}) {
            LakeRow x = t.rows(new SourceRecord("driftline.labels", 0, 1L, TS, null,
                    bytes(SampleRecords.label("req-8", 0, null, label[0], null)), List.of())).get(0);
            assertThat(col(x, "label")).isEqualTo(label[1]);
            assertThat(col(x, "inference_id")).isEqualTo("req-8");
            assertThat(col(x, "event_time")).isNull();
            assertThat(x.model()).as("a label naming no model").isEqualTo("_unknown");
        }
        assertThatThrownBy(() -> t.rows(record("driftline.labels", "{\"inference_id\":\"a\"}")))
                .extracting(e -> ((BadRecordException) e).reason()).isEqualTo(BadRecordException.MISSING_FIELD);
        SourceRecord bad = new SourceRecord("driftline.labels", 0, 3L, TS, bytes("req-9"), bytes("{oops"), List.of());
        assertThat(DeadLetterRows.rejected(bad, LakeTable.LABELS, new BadRecordException("not_json", "x")).model())
                .as("the key is an inference id, not a model").isEqualTo("_unknown");
    }

    @Test
    void remediationEventIsOneRowPartitionedByItsTime() throws Exception {
        LakeRow e = TableRows.of(LakeTable.REMEDIATION_EVENTS).rows(record("driftline.remediation.events",
                SampleRecords.episodeEvent("wine", "wine-20261121T100000Z", 3, "TRAINING", "EVALUATING",
                        "2026-11-21T10:31:07Z"))).get(0);
        assertThat(e.model()).isEqualTo("wine");
        assertThat(e.partitionTime()).isEqualTo(Instant.parse("2026-11-21T10:31:07Z"));
        assertThat(col(e, "event_id")).isEqualTo("wine-20261121T100000Z/3");
        assertThat(col(e, "episode_id")).isEqualTo("wine-20261121T100000Z");
        assertThat(col(e, "from_state")).isEqualTo("TRAINING");
        assertThat(col(e, "to_state")).isEqualTo("EVALUATING");
        assertThat(col(e, "at")).isEqualTo(Instant.parse("2026-11-21T10:31:07Z").toEpochMilli());
        assertThat(col(e, "message")).isEqualTo("TRAINING -> EVALUATING");
        assertThat(col(e, "data_json")).isEqualTo("{\"step\":3}");
        LakeRow first = TableRows.of(LakeTable.REMEDIATION_EVENTS).rows(record("x", SampleRecords.episodeEvent(
                "wine", "e", 0, null, "TRIGGERED", "2026-11-21T10:00:00Z"))).get(0);
        assertThat(col(first, "from_state")).isNull();
        assertThatThrownBy(() -> TableRows.of(LakeTable.REMEDIATION_EVENTS).rows(record("x", SampleRecords
                .episodeEvent("wine", "e", 1, "TRIGGERED", "SLEEPING", "2026-11-21T10:00:00Z"))))
                .hasMessageContaining("not an episode state")
                .extracting(x -> ((BadRecordException) x).reason()).isEqualTo(BadRecordException.BAD_VALUE);
    }
}
