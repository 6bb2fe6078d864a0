package dev.driftline.sink.athena;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.sink.AthenaDdl;
import dev.driftline.sink.LakeColumn;
import dev.driftline.sink.LakeTable;
import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.WithMoto;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Table;

/** {@code athena register} against moto's Glue: what a later GetTables reads back, and re-running it. */
@WithMoto
class GlueRegistrarIT {

    private static final String LAKE = "s3://lake-bucket/prod";

    private static Map<String, Table> tables(GlueClient glue, String database) {
        return glue.getTables(b -> b.databaseName(database)).tableList().stream()
                .collect(Collectors.toMap(Table::name, Function.identity()));
    }

    @Test
    void createsTheDatabaseAndAllSixTablesAsTheDdlDescribesThem(MotoServer moto) {
        GlueClient glue = moto.closeWithServer(moto.configure(GlueClient.builder()).build());

        GlueRegistrar.Registration r = new GlueRegistrar(glue).register("driftline", LAKE, List.of());

        assertThat(r.database()).isEqualTo(GlueRegistrar.Outcome.CREATED);
        assertThat(r.tables()).containsOnlyKeys(LakeTable.values()).containsValues(GlueRegistrar.Outcome.CREATED)
                .doesNotContainValue(GlueRegistrar.Outcome.UPDATED);
        assertThat(glue.getDatabase(b -> b.name("driftline")).database().description()).contains(LAKE);
        Map<String, Table> tables = tables(glue, "driftline");
        assertThat(tables.keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(LakeTable.values()).map(LakeTable::tableName).toList());
        for (LakeTable t : LakeTable.values()) {
            Table table = tables.get(t.tableName());
            assertThat(table.tableType()).isEqualTo("EXTERNAL_TABLE");
            List<Column> columns = table.storageDescriptor().columns();
            assertThat(columns).extracting(Column::name)
                    .containsExactlyElementsOf(t.columns().stream().map(LakeColumn::name).toList());
            assertThat(columns).extracting(Column::type)
                    .containsExactlyElementsOf(t.columns().stream().map(c -> AthenaDdl.columnType(t, c)).toList());
            assertThat(columns).extracting(Column::comment)
                    .containsExactlyElementsOf(t.columns().stream().map(LakeColumn::description).toList());
            assertThat(table.partitionKeys()).extracting(Column::name).containsExactly("model", "dt", "hour");
            assertThat(table.partitionKeys()).extracting(Column::type).containsExactly("string", "string", "string");
            assertThat(table.storageDescriptor().location()).isEqualTo(LAKE + "/" + t.tableName() + "/");
            assertThat(table.storageDescriptor().serdeInfo().serializationLibrary()).isEqualTo(GlueTables.SERDE);
            assertThat(table.storageDescriptor().inputFormat()).isEqualTo(GlueTables.INPUT_FORMAT);
            assertThat(table.storageDescriptor().outputFormat()).isEqualTo(GlueTables.OUTPUT_FORMAT);
            assertThat(table.parameters()).containsAllEntriesOf(AthenaDdl.projectionProperties(t, LAKE, List.of()))
                    .containsEntry("EXTERNAL", "TRUE")
                    .containsEntry("projection.enabled", "true")
                    .containsEntry("projection.model.type", "injected")
                    .containsEntry("projection.dt.range", "2020-01-01,NOW")
                    .containsEntry("projection.hour.digits", "2")
                    .containsEntry("storage.location.template",
                            LAKE + "/" + t.tableName() + "/model=${model}/dt=${dt}/hour=${hour}/")
                    .doesNotContainKey("projection.model.values");
        }
    }

    @Test
    void runningItAgainKeepsTheDatabaseAndUpdatesTheTablesInPlace(MotoServer moto) {
        GlueClient glue = moto.closeWithServer(moto.configure(GlueClient.builder()).build());
        glue.createDatabase(b -> b.databaseInput(d -> d.name("ml_lake").description("made by hand")));
        GlueRegistrar registrar = new GlueRegistrar(glue);

        GlueRegistrar.Registration first = registrar.register("ml_lake", LAKE, List.of());
        GlueRegistrar.Registration second = registrar.register("ml_lake", LAKE, List.of("fraud", "churn"));

        assertThat(first.database()).isEqualTo(GlueRegistrar.Outcome.KEPT);
        assertThat(first.tables().values()).containsOnly(GlueRegistrar.Outcome.CREATED);
        assertThat(second.database()).isEqualTo(GlueRegistrar.Outcome.KEPT);
        assertThat(second.tables()).hasSize(LakeTable.values().length);
        assertThat(second.tables().values()).containsOnly(GlueRegistrar.Outcome.UPDATED);
        assertThat(glue.getDatabase(b -> b.name("ml_lake")).database().description()).isEqualTo("made by hand");
        Map<String, Table> tables = tables(glue, "ml_lake");
        assertThat(tables).hasSize(LakeTable.values().length);
        assertThat(tables.get("alerts").parameters()).containsEntry("projection.model.type", "enum")
                .containsEntry("projection.model.values", "fraud,churn");
        assertThat(tables.get("dead_letters").parameters())
                .containsEntry("projection.model.values", "fraud,churn,_unknown");
        assertThat(tables.get("labels").parameters())
                .containsEntry("projection.model.values", "fraud,churn,_unknown");
        assertThat(glue.getTableVersions(b -> b.databaseName("ml_lake").tableName("alerts")).tableVersions())
                .hasSize(2);
    }
}
