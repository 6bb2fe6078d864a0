package dev.driftline.bench.support;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where library log lines (slf4j-simple writes to {@link System#err}, looked up at every line; Kafka clients and
 * Kafka Streams, Vert.x, Parquet) go while a benchmark runs: to a file, so the console keeps only the benchmark's
 * own {@link Progress} lines, which are written to the console captured here before the switch.
 */
public final class LibraryLog {
    private static PrintStream console;

    private LibraryLog() {
    }

    /** Sends library logs to {@code file} (appended; parent dirs created) until {@link #restore()}. */
    public static synchronized void toFile(Path file) throws IOException {
        restore();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        PrintStream log = new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8);
        console = System.err;
        System.setErr(log);
    }

    /** Puts {@link System#err} back. */
    public static synchronized void restore() {
        if (console != null) {
            PrintStream log = System.err;
            System.setErr(console);
            console = null;
            log.close();
        }
    }

    /** The console's error stream: the real one while library logs go to a file. */
    static synchronized PrintStream console() {
        return console != null ? console : System.err;
    }
}
