package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The demo's console: library logs to <data-dir>/driftline.log, in a way that survives the demo's reset. */
class ConsoleLoggingTest {
    private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private PrintStream realErr;

    @BeforeEach
    void captureConsole() {
        realErr = System.err;
        System.setErr(new PrintStream(consoleBytes, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void back() {
        ConsoleLogging.restore();
        System.setErr(realErr);
    }

    private String console() {
        return consoleBytes.toString(StandardCharsets.UTF_8);
    }

    /** What DemoRun.resetDataDir does: empty the dir, write the marker. */
    private static void reset(Path dir) throws Exception {
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(".driftline-demo"), "made by driftline demo\n");
    }

    @Test
    void logsWaitInMemoryUntilTheDemoClaimedItsDirThenGoToTheFile(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("demo-data");
        ConsoleLogging.forDemo(false, dir, out);
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).isEqualTo("demo: library and Kafka logs go to "
                + dir.resolve("driftline.log") + " (--verbose shows them here)" + System.lineSeparator());
        System.err.println("before the reset");
        assertThat(dir).doesNotExist(); // the reset would refuse a non-empty dir without its marker
        reset(dir);
        LoggerFactory.getLogger("org.apache.kafka.clients.SomeClient").warn("a Kafka warning");
        ConsoleLogging.restore();
        assertThat(console()).isEmpty();
        String log = Files.readString(dir.resolve("driftline.log"));
        assertThat(log).contains("before the reset").contains("a Kafka warning");
        System.err.println("after restore");
        assertThat(console()).contains("after restore");
    }

    @Test
    void aPreviousRunsMarkerDoesNotCountAndADeletedLogIsOpenedAgain(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("demo-data");
        reset(dir);
        Files.writeString(dir.resolve("driftline.log"), "last run\n");
        Files.setLastModifiedTime(dir.resolve(".driftline-demo"), FileTime.from(Instant.now().minusSeconds(600)));
        ConsoleLogging.forDemo(false, dir, out);
        System.err.println("line 1");
        assertThat(Files.readString(dir.resolve("driftline.log"))).isEqualTo("last run\n");
        reset(dir);
        System.err.println("line 2");
        Files.delete(dir.resolve("driftline.log"));
        System.err.println("line 3");
        ConsoleLogging.restore();
        assertThat(Files.readString(dir.resolve("driftline.log"))).isEqualTo("line 3" + System.lineSeparator());
        assertThat(console()).isEmpty();
    }

    @Test
    void whenTheDirIsNeverClaimedTheLinesReachTheConsoleAtTheEnd(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("not-the-demos");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("precious.txt"), "x");
        ConsoleLogging.forDemo(false, dir, out);
        System.err.println("the demo failed");
        assertThat(console()).isEmpty();
        ConsoleLogging.restore();
        assertThat(console()).isEqualTo("the demo failed" + System.lineSeparator());
        assertThat(dir.resolve("driftline.log")).doesNotExist();
    }

    @Test
    void verboseLeavesTheConsoleAlone(@TempDir Path tmp) {
        ConsoleLogging.forDemo(true, tmp.resolve("d"), out);
        assertThat(ConsoleLogging.redirected()).isFalse();
        System.err.println("shown");
        assertThat(console()).isEqualTo("shown" + System.lineSeparator());
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).contains("--verbose");
    }
}
