package dev.driftline.bench.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.inference.InferenceRowsCodec;
import dev.driftline.drift.model.InferenceRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * The Kafka records of {@code driftline bench sink}'s topic from {@link SinkRecords}' rows, in the format asked for:
 * {@link Format#V2} as the pipeline writes {@code inference.records} (one {@code InferenceRowsCodec} value per
 * request holding its rows, key = model), {@link Format#V1} as it wrote them before (one JSON value per row, key =
 * inference id), which the sink still reads. Seeded like the rows: the same seed gives the same records.
 */
public final class SinkTopicRecords {
    /** The value format of {@code inference.records}. */
    public enum Format {
        V1, V2;

        /** {@code v1} or {@code v2}, as the command line and the JSON spell it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The format named {@code v1} or {@code v2} (any case), else an IllegalArgumentException saying so. */
        public static Format of(String label) {
            for (Format f : values()) {
                if (f.label().equalsIgnoreCase(label.trim())) {
                    return f;
                }
            }
            throw new IllegalArgumentException("'" + label + "' is not an inference.records format: v1 or v2");
        }
    }

    /** One Kafka record and the rows it holds (a v1 record holds one). */
    record Out(byte[] key, byte[] value, long timestamp, List<SinkRecords.Generated> rows) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SinkRecords rows;
    private final Format format;
    private SinkRecords.Generated pending;

    SinkTopicRecords(SinkRecords rows, Format format) {
        this.rows = rows;
        this.format = format;
    }

    boolean hasNext() {
        return pending != null || rows.hasNext();
    }

    Out next() {
        if (!hasNext()) {
            throw new NoSuchElementException("all records generated");
        }
        SinkRecords.Generated first = pending != null ? pending : rows.next();
        pending = null;
        if (format == Format.V1) {
            return new Out(first.key(), first.value(), first.timestamp(), List.of(first));
        }
        List<SinkRecords.Generated> request = new ArrayList<>(4);
        request.add(first);
        while (rows.hasNext()) {
            SinkRecords.Generated g = rows.next();
            if (!Arrays.equals(g.key(), first.key())) {
                pending = g;
                break;
            }
            request.add(g);
        }
        List<InferenceRecord> records = request.stream().map(SinkRecords.Generated::record).toList();
        return new Out(first.record().model().getBytes(StandardCharsets.UTF_8),
                InferenceRowsCodec.INSTANCE.encode(records), first.timestamp(), request);
    }

    /**
     * A row as one line of the JSON-lines file DuckDB loads, with the Kafka record it went out in: the row's v1
     * value with {@code kafka_partition}, {@code kafka_offset} and {@code kafka_timestamp} appended and, for a v2
     * record, {@code schema_version} 2 (the sink writes the version each row came in).
     */
    byte[] jsonLine(SinkRecords.Generated row, int partition, long offset, long timestamp) {
        if (format == Format.V1) {
            return SinkRecords.jsonLine(row.value(), partition, offset, timestamp);
        }
        try {
            ObjectNode n = (ObjectNode) JSON.readTree(row.value());
            n.put("schema_version", InferenceRowsCodec.VERSION);
            return SinkRecords.jsonLine(JSON.writeValueAsBytes(n), partition, offset, timestamp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
