package dev.driftline.sink.service;

import dev.driftline.sink.LakeTable;
import dev.driftline.sink.ObjectKeys;
import dev.driftline.sink.rows.LakeRow;
import dev.driftline.sink.rows.SourceRecord;
import dev.driftline.sink.write.LakeStore;
import dev.driftline.sink.write.ParquetSettings;
import dev.driftline.sink.write.TableFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of one topic partition from {@link #startOffset()} on that are not in the lake yet, as one open
 * Parquet file per (table, model, dt, hour). A file's key ends with the offset of its first record, so the same
 * records always give the same keys. {@link #commit} writes every file; only then may the offsets be committed.
 */
final class PartitionBatch {
    private final String topic;
    private final int partition;
    private final long startOffset;
    private final long interval;
    private final long openedAtMillis;
    private final LakeStore store;
    private final ParquetSettings settings;
    private final Map<String, TableFile> files = new LinkedHashMap<>();
    private long nextOffset;
    private long records;
    private long bytes;

    PartitionBatch(String topic, int partition, long startOffset, long interval, long openedAtMillis,
            LakeStore store, ParquetSettings settings) {
        this.topic = topic;
        this.partition = partition;
        this.startOffset = startOffset;
        this.interval = interval;
        this.openedAtMillis = openedAtMillis;
        this.store = store;
        this.settings = settings;
        this.nextOffset = startOffset;
    }

    long startOffset() {
        return startOffset;
    }

    /** Offset to commit once this batch is in the lake. */
    long nextOffset() {
        return nextOffset;
    }

    long interval() {
        return interval;
    }

    long records() {
        return records;
    }

    long bytes() {
        return bytes;
    }

    long openedAtMillis() {
        return openedAtMillis;
    }

    /** Adds a record's rows (possibly none) to their files. */
    void add(SourceRecord r, List<LakeRow> rows) throws IOException {
        for (LakeRow row : rows) {
            String group = ObjectKeys.partitionPath(row.table(), row.model(), row.partitionTime());
            TableFile file = files.get(group);
            if (file == null) {
                file = new TableFile(row.table(), store.create(ObjectKeys.key(row.table(), row.model(),
                        row.partitionTime(), topic, partition, r.offset())), settings, Map.of(
                        "driftline.source", topic + "+" + partition,
                        "driftline.table", row.table().tableName()));
                files.put(group, file);
            }
            file.write(row);
        }
        records++;
        bytes += r.sizeInBytes();
        nextOffset = r.offset() + 1;
    }

    /** Writes every file and makes it visible; on failure the files not yet visible are aborted. */
    List<Written> commit() throws IOException {
        List<Written> written = new ArrayList<>(files.size());
        List<TableFile> pending = new ArrayList<>(files.values());
        try {
            for (TableFile f : files.values()) {
                long size = f.commit();
                pending.remove(f);
                written.add(new Written(f.table(), f.key(), f.rows(), size));
            }
            return written;
        } catch (IOException | RuntimeException e) {
            pending.forEach(TableFile::abort);
            throw e;
        } finally {
            files.clear();
        }
    }

    /** Drops every open file. */
    void abort() {
        files.values().forEach(TableFile::abort);
        files.clear();
    }

    /** A file that reached the lake. */
    record Written(LakeTable table, String key, long rows, long bytes) {
    }
}
