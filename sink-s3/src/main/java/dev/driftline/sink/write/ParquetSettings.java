package dev.driftline.sink.write;

import java.util.Locale;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How the lake's Parquet files are written.
 *
 * @param codec        compression codec; ZSTD by default (good ratio, fast to read in Athena and DuckDB)
 * @param rowGroupSize row-group size in bytes (buffered in memory per open file before it is flushed)
 * @param pageSize     page size in bytes
 */
public record ParquetSettings(CompressionCodecName codec, long rowGroupSize, int pageSize) {

    public static final ParquetSettings DEFAULTS = new ParquetSettings(CompressionCodecName.ZSTD, 64L << 20, 1 << 20);

    public ParquetSettings {
        if (rowGroupSize < 1024 || pageSize < 1024) {
            throw new IllegalArgumentException("row group and page sizes must be at least 1 KiB");
        }
    }

    /** Codec by name: zstd, snappy, gzip or uncompressed. */
    public static CompressionCodecName codec(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "zstd" -> CompressionCodecName.ZSTD;
            case "snappy" -> CompressionCodecName.SNAPPY;
            case "gzip" -> CompressionCodecName.GZIP;
            case "uncompressed", "none" -> CompressionCodecName.UNCOMPRESSED;
            default -> throw new IllegalArgumentException("compression must be zstd, snappy, gzip or uncompressed: "
                    + name);
        };
    }
}
