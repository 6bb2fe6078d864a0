package dev.driftline.sink.athena;

import dev.driftline.sink.AthenaDdl;
import dev.driftline.sink.LakeTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * The Glue Data Catalog form of the lake's tables: what {@code CREATE EXTERNAL TABLE … STORED AS PARQUET} in
 * {@link AthenaDdl} would create, built as a {@link TableInput} so {@code driftline athena register} needs no Athena
 * query (and no query result bucket) to set the lake up. Columns, types and comments, the partition keys and the
 * projection parameters all come from {@link AthenaDdl}, so the DDL text and the Glue tables say the same.
 */
public final class GlueTables {

    /** Hive's Parquet input format, as Athena writes it for {@code STORED AS PARQUET}. */
    public static final String INPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    /** Hive's Parquet output format. */
    public static final String OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    /** Hive's Parquet SerDe. */
    public static final String SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    /** Glue's table type for data that lives outside the catalog. */
    public static final String EXTERNAL_TABLE = "EXTERNAL_TABLE";

    private GlueTables() {
    }

    /** The database, with a description naming the lake it was registered for. */
    public static DatabaseInput databaseInput(String database, String lakeUri) {
        return DatabaseInput.builder().name(AthenaDdl.checkDatabase(database))
                .description("driftline lake tables for " + lakeUri).build();
    }

    /**
     * One table. Parameters are {@code EXTERNAL=TRUE} and {@code classification=parquet} (what Athena and the
     * Glue console expect of an external Parquet table), then {@link AthenaDdl#projectionProperties} in order.
     *
     * @param models as in {@link AthenaDdl#projectionProperties}: empty for an injected model column
     */
    public static TableInput tableInput(LakeTable table, String lakeUri, List<String> models) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("EXTERNAL", "TRUE");
        parameters.put("classification", "parquet");
        parameters.putAll(AthenaDdl.projectionProperties(table, lakeUri, models));
        List<Column> columns = table.columns().stream()
                .map(c -> Column.builder().name(c.name()).type(AthenaDdl.columnType(table, c))
                        .comment(c.description()).build())
                .toList();
        List<Column> partitionKeys = LakeTable.PARTITION_COLUMNS.stream()
                .map(p -> Column.builder().name(p).type(AthenaDdl.PARTITION_TYPE).build())
                .toList();
        StorageDescriptor storage = StorageDescriptor.builder()
                .columns(columns)
                .location(AthenaDdl.tableLocation(table, lakeUri))
                .inputFormat(INPUT_FORMAT)
                .outputFormat(OUTPUT_FORMAT)
                .serdeInfo(SerDeInfo.builder().serializationLibrary(SERDE)
                        .parameters(Map.of("serialization.format", "1")).build())
                .compressed(false)
                .build();
        return TableInput.builder()
                .name(table.tableName())
                .tableType(EXTERNAL_TABLE)
                .parameters(parameters)
                .partitionKeys(partitionKeys)
                .storageDescriptor(storage)
                .build();
    }
}
