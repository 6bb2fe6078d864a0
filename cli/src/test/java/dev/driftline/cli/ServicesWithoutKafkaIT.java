package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.bench.support.Ports;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every service started against a Kafka that is not there, as a process with the shipped logging configuration:
 * it says what it waits for in driftline's words, gives up after its start-up timeout with one final line and a
 * non-zero exit code, and no Kafka client warning (nor a stack trace) reaches the console.
 */
class ServicesWithoutKafkaIT {
    @ParameterizedTest
    @ValueSource(strings = {"streams", "sink", "collector", "remediation"})
    void unreachableKafkaIsOneClearLineAndANonZeroExit(String service, @TempDir Path dir) throws Exception {
        String servers = "127.0.0.1:" + Ports.freeLoopbackPort(); // nothing listens there
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the shipped logging configuration (simplelogger.properties of cli/src/main), not the tests' own
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(java, "-Djava.io.tmpdir=" + dir, "-cp", classPath,
                Main.class.getName(), service, "--bootstrap-servers", servers,
                "--startup-timeout", "3s"));
        if (!service.equals("remediation")) {
            cmd.addAll(List.of("--config", Files.writeString(dir.resolve("empty.properties"), "").toString()));
        }
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits on its own").isTrue();
        } finally {
            p.destroyForcibly();
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        String all = "stdout:\n" + stdout + "\nstderr:\n" + stderr;
        assertThat(p.exitValue()).as(all).isNotZero();
        assertThat(seconds).as("gives up after about the start-up timeout").isLessThan(30);
        assertThat(stderr).as(all).contains("driftline " + service + ": waiting for Kafka at " + servers
                + " (not reachable: connection refused) — is the broker running? Set --bootstrap-servers or "
                + "KAFKA_BOOTSTRAP_SERVERS");
        assertThat(stderr).as(all).contains("driftline " + service + ": Kafka at " + servers
                + " is not reachable (connection refused); gave up after 3s");
        assertThat(all).as("no Kafka client log lines, no stack trace")
                .doesNotContain("WARN").doesNotContain("org.apache.kafka").doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(stdout).as(all).isBlank();
    }
}
