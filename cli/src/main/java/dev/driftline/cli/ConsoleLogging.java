package dev.driftline.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where library and Kafka log lines go while a command runs. The console is for driftline's own lines: by default
 * {@code driftline demo} sends every log line (slf4j-simple's output, Kafka's clients, Kafka Streams, Vert.x,
 * Parquet; anything written to {@link System#err}) to {@code <data-dir>/driftline.log}, and {@code --verbose} keeps
 * them on the console as the other commands do.
 *
 * <p>How: slf4j-simple is configured (simplelogger.properties) without {@code org.slf4j.simpleLogger.logFile}, i.e. it
 * writes to {@code System.err} and looks {@code System.err} up at every line. So the switch swaps
 * {@code System.err} for the log file, at any point before the first library line, and needs no slf4j
 * re-initialisation; picocli's error writer is pinned to the real console by {@link Main#commandLine()} first, so
 * a command's final error line still reaches the terminal. {@link #restore()} (run by {@link Main} after every
 * command) puts the console back, which matters when commands run in one JVM (tests).
 *
 * <p>The data dir and the demo's reset: {@code DemoRun.resetDataDir} empties the data dir at start and refuses a
 * non-empty dir without its marker file {@code .driftline-demo}. The log therefore never creates the dir nor a file
 * in a dir the demo has not claimed: lines are kept in memory (a bounded buffer) until the marker exists and was
 * written by this run (its time is not older than the switch), i.e. until after the reset; then the buffer is
 * written to {@code driftline.log} and every further line appended. A log file deleted under it (a later reset) is
 * opened anew. If the marker never appears (the demo failed before its reset, e.g. a non-empty foreign dir), the
 * buffered lines go to the console when the command ends, so nothing is hidden.
 */
public final class ConsoleLogging {
    /** The log file's name inside the demo's data dir. */
    public static final String LOG_FILE = "driftline.log";
    private static final String MARKER = ".driftline-demo";

    private static PrintStream console;
    private static DeferredFile file;

    private ConsoleLogging() {
    }

    /**
     * The demo's switch: unless {@code verbose}, library logs go to {@code <dataDir>/driftline.log}. Prints one line
     * on {@code out} saying where the logs go.
     */
    public static synchronized void forDemo(boolean verbose, Path dataDir, PrintStream out) {
        Path log = dataDir.resolve(LOG_FILE);
        if (verbose) {
            out.println("demo: --verbose: library and Kafka logs stay on this console");
            return;
        }
        restore();
        console = System.err;
        file = new DeferredFile(log, dataDir.resolve(MARKER), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        System.setErr(new PrintStream(file, true, StandardCharsets.UTF_8));
        out.println("demo: library and Kafka logs go to " + log + " (--verbose shows them here)");
    }

    /** Puts the console back (when a switch is on); lines still waiting for the data dir are printed to it. */
    public static synchronized void restore() {
        if (console == null) {
            return;
        }
        System.err.flush();
        System.setErr(console);
        byte[] pending = file.closeAndTakePending();
        if (pending.length > 0) {
            console.write(pending, 0, pending.length);
            console.flush();
        }
        console = null;
        file = null;
    }

    /** Whether library logs currently go to a file. */
    static synchronized boolean redirected() {
        return console != null;
    }

    /**
     * Appends to {@code path} once {@code marker} (next to it) exists and is not older than {@code since}; until then
     * keeps up to {@link #MAX_PENDING} bytes in memory. Re-opens the file when it was deleted.
     */
    static final class DeferredFile extends OutputStream {
        static final int MAX_PENDING = 4 << 20;
        private final Path path;
        private final Path marker;
        private final FileTime since;
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
        private OutputStream out;
        private boolean closed;

        DeferredFile(Path path, Path marker, Instant since) {
            this.path = path;
            this.marker = marker;
            this.since = FileTime.from(since);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                return;
            }
            if (ready()) {
                try {
                    out.write(b, off, len);
                    return;
                } catch (IOException e) {
                    closeFile();
                }
            }
            if (pending.size() + len <= MAX_PENDING) {
                pending.write(b, off, len);
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            if (out != null) {
                out.flush();
            }
        }

        /** True when lines can go to the file: opens it (writing what is pending first) when the dir is claimed. */
        private boolean ready() {
            try {
                if (out != null && Files.exists(path)) {
                    return true;
                }
                closeFile();
                if (!Files.exists(marker) || Files.getLastModifiedTime(marker).compareTo(since) < 0) {
                    return false;
                }
                out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                if (pending.size() > 0) {
                    pending.writeTo(out);
                    pending.reset();
                }
                return true;
            } catch (IOException e) {
                closeFile();
                return false;
            }
        }

        private void closeFile() {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // the next write opens it again
                }
                out = null;
            }
        }

        synchronized byte[] closeAndTakePending() {
            if (!closed && pending.size() > 0) {
                ready(); // the dir may have been claimed since the last line: then they go to the file
            }
            closed = true;
            closeFile();
            byte[] b = pending.toByteArray();
            pending.reset();
            return b;
        }

        @Override
        public synchronized void close() {
            closed = true;
            closeFile();
        }
    }
}
