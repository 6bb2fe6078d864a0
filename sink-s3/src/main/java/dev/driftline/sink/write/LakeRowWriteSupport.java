package dev.driftline.sink.write;

import dev.driftline.sink.LakeColumn;
import dev.driftline.sink.LakeTable;
import dev.driftline.sink.rows.LakeRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writes {@link LakeRow}s of one table into Parquet with the table's schema. Rows are checked when they are made,
 * so here a null is simply a missing optional field.
 */
final class LakeRowWriteSupport extends WriteSupport<LakeRow> {
    private final LakeTable table;
    private final List<LakeColumn> columns;
    private final Map<String, String> metadata;
    private RecordConsumer consumer;

    LakeRowWriteSupport(LakeTable table, Map<String, String> metadata) {
        this.table = table;
        this.columns = table.columns();
        this.metadata = Map.copyOf(metadata);
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(table.schema(), new HashMap<>(metadata));
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(table.schema(), new HashMap<>(metadata));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(LakeRow row) {
        if (row.table() != table) {
            throw new IllegalArgumentException("a " + row.table().tableName() + " row in a " + table.tableName()
                    + " file");
        }
        consumer.startMessage();
        for (int i = 0; i < columns.size(); i++) {
            Object v = row.value(i);
            if (v == null) {
                continue;
            }
            LakeColumn c = columns.get(i);
            consumer.startField(c.name(), i);
            switch (c.type()) {
                case STRING, JSON -> consumer.addBinary(Binary.fromString((String) v));
                case BYTES -> consumer.addBinary(Binary.fromConstantByteArray((byte[]) v));
                case INT32 -> consumer.addInteger((Integer) v);
                case INT64, TIMESTAMP -> consumer.addLong((Long) v);
                case DOUBLE -> consumer.addDouble((Double) v);
                case BOOLEAN -> consumer.addBoolean((Boolean) v);
                default -> throw new IllegalStateException("unhandled type " + c.type());
            }
            consumer.endField(c.name(), i);
        }
        consumer.endMessage();
    }
}
