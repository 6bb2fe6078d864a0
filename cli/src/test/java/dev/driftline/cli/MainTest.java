package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's contract: help, exit codes and messages that name what is wrong. */
class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("broker", "collector", "bench", "config");
    }

    @Test
    void benchPipelineUpToAnUnknownStageExits2ListingTheStages() {
        assertThat(run("bench", "pipeline", "--up-to", "merge")).isEqualTo(2);
        assertThat(err.toString()).contains("--up-to 'merge' is not a pipeline stage: pairing, normalize, window, "
                + "records, all");
    }

    @Test
    void benchPipelineUpToAStageRunsInThisJvmOnly() {
        assertThat(run("bench", "pipeline", "--up-to", "normalize", "--models", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("--up-to runs phase C in this JVM");
    }

    @Test
    void collectorWithoutBootstrapServersExits2NamingTheKey() {
        assertThat(run("collector", "--port", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("bootstrap-servers").contains("required");
    }

    @Test
    void unreadableConfigFileExits2NamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");
        assertThat(run("collector", "--bootstrap-servers", "127.0.0.1:1", "--config", missing.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(missing.toString());
    }

    @Test
    void badValueInConfigFileExits2NamingKeyAndFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.properties");
        Files.writeString(file, "collector.ack-timeout = soon\n");
        assertThat(run("collector", "--bootstrap-servers", "127.0.0.1:1", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("collector.ack-timeout").contains("soon").contains(file.toString());
    }

    @Test
    void unknownKeyInConfigFileIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.properties");
        Files.writeString(file, "collector.prot = 8080\n");
        assertThat(run("collector", "--bootstrap-servers", "127.0.0.1:1", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown key 'collector.prot'");
    }

    @Test
    void brokerRefusesTheSamePortTwice() {
        assertThat(run("broker", "--port", "19999", "--controller-port", "19999")).isEqualTo(2);
        assertThat(err.toString()).contains("--controller-port");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("collector", "--no-such-flag")).isEqualTo(2);
        assertThat(err.toString()).contains("--no-such-flag");
    }
}
