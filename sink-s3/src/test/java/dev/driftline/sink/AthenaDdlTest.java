package dev.driftline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;

class AthenaDdlTest {

    private static final String LAKE = "s3://my-bucket/lake";

    @Test
    void everyTableHasEveryProjectionPropertyAndItsLocationTemplate() {
        for (LakeTable t : LakeTable.values()) {
            String ddl = AthenaDdl.createTable(t, LAKE);
            assertThat(ddl).startsWith("CREATE EXTERNAL TABLE IF NOT EXISTS `driftline`.`" + t.tableName() + "` (")
                    .contains("PARTITIONED BY (`model` string, `dt` string, `hour` string)")
                    .contains("STORED AS PARQUET")
                    .contains("LOCATION 's3://my-bucket/lake/" + t.tableName() + "/'")
                    .contains("'projection.enabled'='true'")
                    .contains("'projection.model.type'='injected'")
                    .contains("'projection.dt.type'='date'")
                    .contains("'projection.dt.format'='yyyy-MM-dd'")
                    .contains("'projection.dt.range'='2020-01-01,NOW'")
                    .contains("'projection.dt.interval.unit'='DAYS'")
                    .contains("'projection.hour.type'='integer'")
                    .contains("'projection.hour.range'='0,23'")
                    .contains("'projection.hour.digits'='2'")
                    .contains("'storage.location.template'='s3://my-bucket/lake/" + t.tableName()
                            + "/model=${model}/dt=${dt}/hour=${hour}/'");
            for (LakeColumn c : t.columns()) {
                assertThat(ddl).contains("`" + c.name() + "` ");
            }
            for (String p : LakeTable.PARTITION_COLUMNS) {
                assertThat(ddl).doesNotContain("  `" + p + "` ");
            }
        }
    }

    @Test
    void columnTypesMapParquetToAthena() {
        String ddl = AthenaDdl.createTable(LakeTable.INFERENCE_LOG, LAKE);
        assertThat(ddl).contains("`schema_version` int COMMENT")
                .contains("`inference_id` string COMMENT")
                .contains("`event_time` timestamp COMMENT")
                .contains("`features_json` string COMMENT")
                .contains("`kafka_offset` bigint COMMENT");
        String drift = AthenaDdl.createTable(LakeTable.DRIFT_METRICS, LAKE);
        assertThat(drift).contains("`value` double COMMENT").contains("`drift` boolean COMMENT");
        assertThat(AthenaDdl.createTable(LakeTable.DEAD_LETTERS, LAKE)).contains("`record_value` binary COMMENT");

        assertThat(AthenaDdl.athenaType(Types.optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType()).named("s"))).isEqualTo("string");
        assertThat(AthenaDdl.athenaType(Types.optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.jsonType()).named("j"))).isEqualTo("string");
        assertThat(AthenaDdl.athenaType(Types.optional(PrimitiveTypeName.BINARY).named("b"))).isEqualTo("binary");
        assertThat(AthenaDdl.athenaType(Types.optional(PrimitiveTypeName.INT32).named("i"))).isEqualTo("int");
        assertThat(AthenaDdl.athenaType(Types.optional(PrimitiveTypeName.INT64).named("l"))).isEqualTo("bigint");
        assertThat(AthenaDdl.athenaType(Types.optional(PrimitiveTypeName.INT64)
                .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS)).named("t")))
                .isEqualTo("timestamp");
        assertThat(AthenaDdl.athenaType(Types.optional(PrimitiveTypeName.DOUBLE).named("d"))).isEqualTo("double");
        assertThat(AthenaDdl.athenaType(Types.optional(PrimitiveTypeName.FLOAT).named("f"))).isEqualTo("float");
        assertThat(AthenaDdl.athenaType(Types.optional(PrimitiveTypeName.BOOLEAN).named("z"))).isEqualTo("boolean");
        for (LakeTable t : LakeTable.values()) {
            t.schema().getFields().forEach(f -> assertThat(AthenaDdl.athenaType(f)).isNotBlank());
        }
    }

    @Test
    void databaseLakeNormalisationAndQuoting() {
        assertThat(AthenaDdl.createTable(LakeTable.ALERTS, "s3://b/", "ml_lake", List.of()))
                .startsWith("CREATE EXTERNAL TABLE IF NOT EXISTS `ml_lake`.`alerts`")
                .contains("LOCATION 's3://b/alerts/'");
        assertThat(AthenaDdl.createTable(LakeTable.ALERTS, "s3://b/p/q//", "x", List.of()))
                .contains("'storage.location.template'='s3://b/p/q/alerts/model=${model}/dt=${dt}/hour=${hour}/'");
        assertThatThrownBy(() -> AthenaDdl.createTable(LakeTable.ALERTS, "/tmp/lake")).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> AthenaDdl.createTable(LakeTable.ALERTS, "s3://", "x", List.of())).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> AthenaDdl.createTable(LakeTable.ALERTS, LAKE, "bad-db", List.of())).isInstanceOf(
                IllegalArgumentException.class);
        String all = AthenaDdl.createAll(LAKE, "driftline", List.of());
        for (LakeTable t : LakeTable.values()) {
            assertThat(all).contains("`driftline`.`" + t.tableName() + "`");
        }
        assertThat(all.split(";\n")).hasSize(LakeTable.values().length + 1);
    }

    @Test
    void projectionPropertiesAreOneOrderedMapAndTheDdlPrintsExactlyThem() {
        Map<String, String> p = AthenaDdl.projectionProperties(LakeTable.DRIFT_METRICS, LAKE, List.of());
        assertThat(p).containsExactly(
                Map.entry("projection.enabled", "true"),
                Map.entry("projection.model.type", "injected"),
                Map.entry("projection.dt.type", "date"),
                Map.entry("projection.dt.format", "yyyy-MM-dd"),
                Map.entry("projection.dt.range", "2020-01-01,NOW"),
                Map.entry("projection.dt.interval", "1"),
                Map.entry("projection.dt.interval.unit", "DAYS"),
                Map.entry("projection.hour.type", "integer"),
                Map.entry("projection.hour.range", "0,23"),
                Map.entry("projection.hour.digits", "2"),
                Map.entry("storage.location.template",
                        "s3://my-bucket/lake/drift_metrics/model=${model}/dt=${dt}/hour=${hour}/"));
        for (LakeTable t : LakeTable.values()) {
            for (List<String> models : List.of(List.<String>of(), List.of("fraud", "churn"))) {
                String ddl = AthenaDdl.createTable(t, LAKE, "driftline", models);
                String properties = ddl.substring(ddl.indexOf("TBLPROPERTIES (\n") + "TBLPROPERTIES (\n".length(),
                        ddl.lastIndexOf("\n)"));
                List<String> expected = AthenaDdl.projectionProperties(t, LAKE, models).entrySet().stream()
                        .map(e -> "  '" + e.getKey() + "'='" + e.getValue() + "'").toList();
                assertThat(properties.split(",\n")).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void modelsTurnTheModelProjectionIntoAnEnumOfEscapedValues() {
        for (LakeTable t : LakeTable.values()) {
            String ddl = AthenaDdl.createTable(t, LAKE, "driftline", List.of("fraud", "churn/v2", "fraud"));
            String values = t == LakeTable.DEAD_LETTERS || t == LakeTable.LABELS ? "fraud,churn%2Fv2,_unknown"
                    : "fraud,churn%2Fv2";
            assertThat(ddl).contains("'projection.model.type'='enum'")
                    .contains("'projection.model.values'='" + values + "'")
                    .doesNotContain("injected")
                    .contains("'projection.dt.type'='date'")
                    .contains("'storage.location.template'='s3://my-bucket/lake/" + t.tableName()
                            + "/model=${model}/dt=${dt}/hour=${hour}/'");
        }
        assertThat(AthenaDdl.projectionProperties(LakeTable.ALERTS, LAKE, List.of("a,b")))
                .containsEntry("projection.model.values", "a%2Cb");
        assertThat(AthenaDdl.createTable(LakeTable.ALERTS, LAKE)).doesNotContain("projection.model.values");
        assertThatThrownBy(() -> AthenaDdl.projectionProperties(LakeTable.ALERTS, LAKE, List.of("a", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model names");
    }
}
