package dev.driftline.cli.io;

import dev.driftline.drift.io.InputFormatException;
import dev.driftline.drift.io.Table;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads a Parquet file into a {@link Table}: one column per top-level primitive field, one row per record, the row
 * number (1-based) standing in for the line. Cells: INT32/INT64 → {@code Long}, FLOAT/DOUBLE → {@code Double},
 * BOOLEAN → {@code Boolean}, BINARY (strings) → {@code String}, DECIMAL → {@code BigDecimal}, null → {@code null}.
 * Nested or repeated columns are refused naming the column. No Hadoop file system or configuration: the file is read
 * through parquet-java's {@link LocalInputFile} with a {@link PlainParquetConfiguration}.
 */
public final class ParquetTableReader {
    /** Julian day number of 1970-01-01, for INT96 timestamps. */
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private ParquetTableReader() {
    }

    /** Extracts one cell of a column from a record whose field is present (repetition count 1). */
    @FunctionalInterface
    private interface CellReader {
        Object read(Group record, int field);
    }

    public static Table read(Path file) {
        String source = file.toString();
        if (!Files.exists(file)) {
            throw new InputFormatException(source, 0, null, "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new InputFormatException(source, 0, null, "not a regular file");
        }
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        List<Object[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        MessageType schema;
        CellReader[] readers;
        // Named after the file, so parquet-java's own messages ("X is not a Parquet file ...") name it.
        LocalInputFile input = new LocalInputFile(file) {
            @Override
            public String toString() {
                return source;
            }
        };
        try (ParquetFileReader reader = ParquetFileReader.open(input, options)) {
            schema = reader.getFooter().getFileMetaData().getSchema();
            readers = cellReaders(source, schema);
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
            long row = 0;
            PageReadStore pages;
            while ((pages = nextRowGroup(reader, source, row)) != null) {
                RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0, n = pages.getRowCount(); i < n; i++) {
                    row++;
                    Group record;
                    try {
                        record = records.read();
                    } catch (RuntimeException e) {
                        throw new InputFormatException(source + ":" + row + ": corrupt Parquet data: " + describe(e), e);
                    }
                    Object[] cells = new Object[readers.length];
                    for (int c = 0; c < readers.length; c++) {
                        if (record.getFieldRepetitionCount(c) > 0) {
                            cells[c] = readers[c].read(record, c);
                        }
                    }
                    rows.add(cells);
                    lines.add(row);
                }
            }
        } catch (InputFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String detail = describe(e);
            throw new InputFormatException(detail.contains(source) ? detail
                    : source + ": not a readable Parquet file: " + detail, e);
        }
        List<String> columns = new ArrayList<>(readers.length);
        for (Type t : schema.getFields()) {
            columns.add(t.getName());
        }
        return new Table(source, columns, rows, lines);
    }

    private static PageReadStore nextRowGroup(ParquetFileReader reader, String source, long rowsSoFar)
            throws IOException {
        try {
            return reader.readNextRowGroup();
        } catch (IOException | RuntimeException e) {
            throw new InputFormatException(source + ":" + (rowsSoFar + 1) + ": corrupt Parquet row group: "
                    + describe(e), e);
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** One reader per top-level field; refuses groups (structs, lists, maps) and repeated fields by name. */
    private static CellReader[] cellReaders(String source, MessageType schema) {
        List<Type> fields = schema.getFields();
        CellReader[] out = new CellReader[fields.size()];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            Type t = fields.get(i);
            if (!seen.add(t.getName())) {
                throw new InputFormatException(source, 0, t.getName(), "duplicate column name");
            }
            if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
                throw new InputFormatException(source, 0, t.getName(), "nested or repeated Parquet column ("
                        + t.toString().strip().replaceAll("\\s+", " ")
                        + ") is not supported; only top-level primitive columns are read: flatten or drop it");
            }
            out[i] = cellReader(t.asPrimitiveType());
        }
        return out;
    }

    private static CellReader cellReader(PrimitiveType p) {
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
            int scale = d.getScale();
            return switch (p.getPrimitiveTypeName()) {
                case INT32 -> (g, f) -> BigDecimal.valueOf(g.getInteger(f, 0), scale);
                case INT64 -> (g, f) -> BigDecimal.valueOf(g.getLong(f, 0), scale);
                default -> (g, f) -> new BigDecimal(new BigInteger(g.getBinary(f, 0).getBytes()), scale);
            };
        }
        boolean unsigned = logical instanceof IntLogicalTypeAnnotation a && !a.isSigned();
        return switch (p.getPrimitiveTypeName()) {
            case BOOLEAN -> (g, f) -> g.getBoolean(f, 0);
            case INT32 -> unsigned
                    ? (g, f) -> Integer.toUnsignedLong(g.getInteger(f, 0))
                    : (g, f) -> (long) g.getInteger(f, 0);
            case INT64 -> unsigned
                    ? (g, f) -> unsignedLong(g.getLong(f, 0))
                    : (g, f) -> g.getLong(f, 0);
            // Through the float's shortest text, so 0.1f reads as 0.1 rather than 0.10000000149011612.
            case FLOAT -> (g, f) -> Double.parseDouble(Float.toString(g.getFloat(f, 0)));
            case DOUBLE -> (g, f) -> g.getDouble(f, 0);
            case INT96 -> (g, f) -> int96EpochNanos(g.getInt96(f, 0));
            case FIXED_LEN_BYTE_ARRAY -> {
                if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
                    yield (g, f) -> uuid(g.getBinary(f, 0)).toString();
                }
                if (logical instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
                    yield (g, f) -> (double) float16(g.getBinary(f, 0));
                }
                yield (g, f) -> g.getBinary(f, 0).toStringUsingUTF8();
            }
            // STRING, ENUM, JSON and un-annotated BINARY (older writers' strings) alike.
            case BINARY -> (g, f) -> g.getBinary(f, 0).toStringUsingUTF8();
        };
    }

    private static Number unsignedLong(long v) {
        return v >= 0 ? Long.valueOf(v) : new BigInteger(Long.toUnsignedString(v));
    }

    /** Legacy INT96 timestamps (Impala, older Spark): nanoseconds of the day, then the Julian day, little-endian. */
    private static long int96EpochNanos(Binary b) {
        ByteBuffer buf = ByteBuffer.wrap(b.getBytes()).order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = buf.getLong();
        long julianDay = buf.getInt();
        return (julianDay - JULIAN_EPOCH_DAY) * NANOS_PER_DAY + nanosOfDay;
    }

    private static UUID uuid(Binary b) {
        ByteBuffer buf = ByteBuffer.wrap(b.getBytes());
        return new UUID(buf.getLong(), buf.getLong());
    }

    /** IEEE 754 half precision, stored little-endian. */
    static float float16(Binary b) {
        byte[] bytes = b.getBytes();
        int h = (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8;
        int sign = (h >>> 15) & 1;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        float magnitude;
        if (exponent == 0) {
            magnitude = mantissa * 0x1p-24f; // subnormal
        } else if (exponent == 0x1f) {
            magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            magnitude = Float.intBitsToFloat((exponent + 112) << 23 | mantissa << 13);
        }
        return sign == 1 ? -magnitude : magnitude;
    }
}
