package dev.driftline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(AthenaDdl.createTable(LakeTable.ALERTS, "s3://b/", "ml_lake"))
                .startsWith("CREATE EXTERNAL TABLE IF NOT EXISTS `ml_lake`.`alerts`")
                .contains("LOCATION 's3://b/alerts/'");
        assertThat(AthenaDdl.createTable(LakeTable.ALERTS, "s3://b/p/q//", "x"))
                .contains("'storage.location.template'='s3://b/p/q/alerts/model=${model}/dt=${dt}/hour=${hour}/'");
        assertThatThrownBy(() -> AthenaDdl.createTable(LakeTable.ALERTS, "/tmp/lake")).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> AthenaDdl.createTable(LakeTable.ALERTS, "s3://", "x")).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> AthenaDdl.createTable(LakeTable.ALERTS, LAKE, "bad-db")).isInstanceOf(
                IllegalArgumentException.class);
        String all = AthenaDdl.createAll(LAKE, "driftline");
        for (LakeTable t : LakeTable.values()) {
            assertThat(all).contains("`driftline`.`" + t.tableName() + "`");
        }
        assertThat(all.split(";\n")).hasSize(LakeTable.values().length + 1);
    }
}
