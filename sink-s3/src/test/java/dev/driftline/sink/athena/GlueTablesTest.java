package dev.driftline.sink.athena;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.sink.AthenaDdl;
import dev.driftline.sink.LakeColumn;
import dev.driftline.sink.LakeTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.TableInput;

class GlueTablesTest {

    private static final String LAKE = "s3://lake-bucket/prod";

    @Test
    void everyTableInputCarriesTheDdlsColumnsPartitionKeysFormatsAndProjectionMap() {
        for (List<String> models : List.of(List.<String>of(), List.of("fraud", "churn"))) {
            for (LakeTable t : LakeTable.values()) {
                TableInput in = GlueTables.tableInput(t, LAKE, models);
                assertThat(in.name()).isEqualTo(t.tableName());
                assertThat(in.tableType()).isEqualTo("EXTERNAL_TABLE");

                Map<String, String> expected = new LinkedHashMap<>();
                expected.put("EXTERNAL", "TRUE");
                expected.put("classification", "parquet");
                expected.putAll(AthenaDdl.projectionProperties(t, LAKE, models));
                assertThat(in.parameters()).containsExactlyEntriesOf(expected);
                assertThat(in.parameters().get("projection.model.type"))
                        .isEqualTo(models.isEmpty() ? "injected" : "enum");
                assertThat(in.parameters().get("storage.location.template"))
                        .isEqualTo("s3://lake-bucket/prod/" + t.tableName() + "/model=${model}/dt=${dt}/hour=${hour}/");

                List<Column> want = new ArrayList<>();
                for (LakeColumn c : t.columns()) {
                    want.add(Column.builder().name(c.name()).type(AthenaDdl.columnType(t, c))
                            .comment(c.description()).build());
                }
                assertThat(in.storageDescriptor().columns()).containsExactlyElementsOf(want);
                assertThat(in.partitionKeys()).extracting(Column::name).containsExactly("model", "dt", "hour");
                assertThat(in.partitionKeys()).extracting(Column::type).containsOnly("string");
                assertThat(in.storageDescriptor().location()).isEqualTo("s3://lake-bucket/prod/" + t.tableName() + "/");
                assertThat(in.storageDescriptor().inputFormat())
                        .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat");
                assertThat(in.storageDescriptor().outputFormat())
                        .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat");
                assertThat(in.storageDescriptor().serdeInfo().serializationLibrary())
                        .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
            }
        }
        assertThat(GlueTables.tableInput(LakeTable.INFERENCE_LOG, LAKE, List.of()).storageDescriptor().columns())
                .filteredOn(c -> c.name().equals("event_time")).extracting(Column::type).containsExactly("timestamp");
        assertThat(GlueTables.tableInput(LakeTable.ALERTS, LAKE, List.of("fraud", "churn")).parameters())
                .containsEntry("projection.model.values", "fraud,churn");
    }

    @Test
    void theDatabaseNamesTheLake() {
        assertThat(GlueTables.databaseInput("driftline", LAKE).name()).isEqualTo("driftline");
        assertThat(GlueTables.databaseInput("driftline", LAKE).description()).contains(LAKE);
    }
}
