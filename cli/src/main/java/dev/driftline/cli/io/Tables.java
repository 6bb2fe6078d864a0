package dev.driftline.cli.io;

import dev.driftline.drift.io.Table;
import dev.driftline.drift.io.TableReader;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a table for the CLI: {@code .parquet} through {@link ParquetTableReader} (Parquet stays out of the pure
 * drift core), everything else through {@link TableReader} (CSV, JSON Lines).
 */
public final class Tables {
    private Tables() {
    }

    public static Table read(Path file) {
        Path name = file.getFileName();
        if (name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".parquet")) {
            return ParquetTableReader.read(file);
        }
        return TableReader.read(file);
    }
}
