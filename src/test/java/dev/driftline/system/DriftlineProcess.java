package dev.driftline.system;

import static org.assertj.core.api.Assertions.fail;

import dev.driftline.cli.Main;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code driftline <command>} as its own JVM, started as a user would start it (the command line, env
 * variables), with this module's test class path, its output in {@code <dir>/<name>.log}. The system tests start
 * every service this way so that a kill, a SIGTERM or a crash is a real process's.
 */
public final class DriftlineProcess implements AutoCloseable {
    private final String name;
    private final Path log;
    private final Process process;

    private DriftlineProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code driftline <args…>} in {@code dir} with the given heap limit (e.g. {@code 512m}) and extra
     * environment (added to this JVM's own).
     */
    public static DriftlineProcess start(String name, Path dir, String heap, Map<String, String> env,
            List<String> args) throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // its own tmp: a SIGKILLed JVM leaves RocksDB's extracted library (15 MB) behind in java.io.tmpdir
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Files.writeString(log, "# " + String.join(" ", args) + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new DriftlineProcess(name, log, pb.start());
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The whole log so far. */
    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    public String tail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Waits until the log contains {@code text}; fails with the log's tail if the process dies or time runs out. */
    public void awaitLog(String text, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!logText().contains(text)) {
            if (!process.isAlive()) {
                fail("%s exited (%d) before logging \"%s\"; its log %s ends:%n%s", name, process.exitValue(), text,
                        log, tail(40));
            }
            if (System.nanoTime() > deadline) {
                fail("%s did not log \"%s\" within %s; its log %s ends:%n%s", name, text, limit, log, tail(40));
            }
            Thread.sleep(200);
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or committed. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait for the exit; returns the exit code (fails if the process outlives {@code limit}). */
    public int sigterm(Duration limit) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("%s did not stop within %s of SIGTERM; its log %s ends:%n%s", name, limit, log, tail(40));
        }
        return process.exitValue();
    }

    /** Exit code once the process has ended by itself (fails if it is still running after {@code limit}). */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("%s still runs after %s; its log %s ends:%n%s", name, limit, log, tail(40));
        }
        return process.exitValue();
    }

    /** Stops a process left running by a failed test (SIGTERM, then SIGKILL after 20 s). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** This module's build directory ({@code target/}), parent of test-classes on the class path. */
    public static Path buildDir() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith("test-classes")) {
                return Path.of(entry).getParent();
            }
        }
        return Path.of("target").toAbsolutePath();
    }
}
