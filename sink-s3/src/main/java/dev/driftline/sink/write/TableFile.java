package dev.driftline.sink.write;

import dev.driftline.sink.LakeColumn;
import dev.driftline.sink.LakeTable;
import dev.driftline.sink.rows.LakeRow;
import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * One Parquet file of the lake being written: rows go in as they come, {@link #commit} writes the footer and makes
 * the object visible, {@link #abort} drops it. The file's metadata says which source records it holds.
 */
public final class TableFile {
    private final LakeTable table;
    private final LakeObject object;
    private final ParquetWriter<LakeRow> writer;
    private long rows;
    private boolean done;

    public TableFile(LakeTable table, LakeObject object, ParquetSettings settings, Map<String, String> metadata)
            throws IOException {
        this.table = table;
        this.object = object;
        try {
            Builder builder = new Builder(new ObjectOutputFile(object), new LakeRowWriteSupport(table, metadata));
            for (LakeColumn c : table.columns()) {
                if (!dictionary(c)) {
                    builder.withDictionaryEncoding(c.name(), false);
                }
            }
            this.writer = builder
                    .withConf(new PlainParquetConfiguration())
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withCompressionCodec(settings.codec())
                    .withRowGroupSize(settings.rowGroupSize())
                    .withPageSize(settings.pageSize())
                    .build();
        } catch (IOException | RuntimeException e) {
            object.abort();
            throw e;
        }
    }

    /**
     * Whether a column is worth dictionary encoding: not for nested JSON, raw bytes, sketches and ids, which are
     * (nearly) unique per row — there the dictionary only costs CPU before Parquet falls back to plain encoding.
     */
    static boolean dictionary(LakeColumn c) {
        return c.type() != LakeColumn.Type.JSON && c.type() != LakeColumn.Type.BYTES
                && !c.name().equals("inference_id") && !c.name().equals("profile");
    }

    public LakeTable table() {
        return table;
    }

    public String key() {
        return object.key();
    }

    public long rows() {
        return rows;
    }

    /** Appends a row of this file's table. */
    public void write(LakeRow row) throws IOException {
        writer.write(row);
        rows++;
    }

    /** Finishes the file and makes it visible; returns its size in bytes. */
    public long commit() throws IOException {
        writer.close(); // writes the footer into the object's stream
        done = true;
        return object.commit();
    }

    /** Drops the file; nothing becomes visible. */
    public void abort() {
        if (!done) {
            try {
                writer.close();
            } catch (IOException | RuntimeException ignored) {
                // the bytes are thrown away just below
            }
            done = true;
        }
        object.abort();
    }

    /** A Parquet {@link OutputFile} over a lake object. */
    private record ObjectOutputFile(LakeObject object) implements OutputFile {
        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            return object.stream();
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            return object.stream();
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return object.key();
        }
    }

    private static final class Builder extends ParquetWriter.Builder<LakeRow, Builder> {
        private final WriteSupport<LakeRow> support;

        Builder(OutputFile file, WriteSupport<LakeRow> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<LakeRow> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<LakeRow> getWriteSupport(org.apache.parquet.conf.ParquetConfiguration conf) {
            return support;
        }
    }
}
