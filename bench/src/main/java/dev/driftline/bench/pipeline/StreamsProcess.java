package dev.driftline.bench.pipeline;

import dev.driftline.bench.process.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One pipeline child JVM of phase C ({@link StreamsMain}), parent side: started with this JVM's class path, its
 * own state directory and client id ({@code KAFKA_CLIENT_ID}, so its group members can be told apart), standard
 * input kept open; {@link #close()} closes it, which stops the child cleanly, and kills it if it does not exit.
 */
final class StreamsProcess implements AutoCloseable {
    final int instance;
    final String clientId;
    final Path log;
    private final Process process;

    private StreamsProcess(int instance, String clientId, Path log, Process process) {
        this.instance = instance;
        this.clientId = clientId;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts instance {@code instance} (1-based) of application {@code appId} on {@code prefix}; with {@code warmupMs}
     * > 0 it first runs the pipeline on {@code warmupPrefix} under {@code warmupAppId} for that long.
     */
    static StreamsProcess start(PipelineRun run, int instance, String prefix, String appId, Path stateRoot,
                                String warmupPrefix, String warmupAppId, long warmupMs) throws IOException {
        PipelineBenchmark.Options o = run.options();
        String clientId = "driftline-bench-" + run.id() + "-i" + instance;
        Path dir = stateRoot.resolve("instance-" + instance);
        Files.createDirectories(dir);
        List<String> args = new ArrayList<>(List.of("--bootstrap", run.bootstrap(), "--prefix", prefix,
                "--app-id", appId, "--state-dir", dir.resolve("state").toString(),
                "--window-ms", Long.toString(o.window().toMillis())));
        if (warmupMs > 0) {
            args.addAll(List.of("--warmup-prefix", warmupPrefix, "--warmup-app-id", warmupAppId,
                    "--warmup-state-dir", dir.resolve("warmup-state").toString(), "--warmup-ms", Long.toString(warmupMs)));
        }
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(o.childHeap(), StreamsMain.class, args));
        pb.environment().put("KAFKA_CLIENT_ID", clientId);
        if (o.streamThreads() != null) {
            pb.environment().put("KAFKA_NUM_STREAM_THREADS", Integer.toString(o.streamThreads()));
        }
        Path log = stateRoot.resolve("instance-" + instance + ".log");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new StreamsProcess(instance, clientId, log, pb.start());
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Whether a consumer group member's client id is this instance's (Kafka Streams appends "-StreamThread-N-…"). */
    boolean owns(String memberClientId) {
        return memberClientId != null && memberClientId.startsWith(clientId + "-");
    }

    /** The child's CPU time so far (user + system), or -1 when the platform does not tell. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    }

    /** The last {@code n} lines of the child's log (it lives in the run's temporary directory, removed at the end). */
    List<String> logTail(int n) {
        try {
            List<String> lines = Files.readAllLines(log);
            List<String> out = new ArrayList<>(lines.stream().filter(l -> !l.startsWith("\tat ")
                    && (l.contains(" ERROR ") || l.startsWith("Exception in thread") || l.startsWith("Caused by")
                    || l.contains("OutOfMemoryError"))).limit(12).toList());
            out.add("…");
            out.addAll(lines.subList(Math.max(0, lines.size() - n), lines.size()));
            return out;
        } catch (IOException | RuntimeException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }

    /** The child's latest count of late rows for {@code reason} ({@link LateCounts}), or NaN before its first. */
    double late(String reason) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith(LateCounts.PREFIX)) {
                    return LateCounts.parse(lines.get(i), reason);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no log yet: not known
        }
        return Double.NaN;
    }

    /** The exit code, or null while it runs. */
    Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(45, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
