package dev.driftline.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code driftline bench load} as a child JVM and reads its JSON result. */
final class LoadProcess {
    /** What the generator measured. */
    record Result(double acceptedPerSecond, long failed, double p50Ms, double p99Ms, double p999Ms) {
    }

    private LoadProcess() {
    }

    static Result run(int port, int connections, int rate, IngestBenchmark.Options o) throws IOException,
            InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "bench", "load", "--port", Integer.toString(port),
                "--connections", Integer.toString(connections), "--rate", Integer.toString(rate),
                "--seconds", Long.toString(o.duration().toSeconds()),
                "--warmup-seconds", Long.toString(o.warmup().toSeconds()),
                "--payload-bytes", Integer.toString(o.payloadBytes())));
        Path out = Files.createTempFile("driftline-load", ".json");
        Path err = Files.createTempFile("driftline-load", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            long limit = o.duration().plus(o.warmup()).toSeconds() + 120;
            if (!p.waitFor(limit, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("load generator did not finish within " + limit + " s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || text.isEmpty()) {
                throw new IOException("load generator failed (exit " + p.exitValue() + "): "
                        + Files.readString(err, StandardCharsets.UTF_8).strip());
            }
            String last = text.substring(text.lastIndexOf('\n') + 1);
            JsonNode j = new ObjectMapper().readTree(last);
            return new Result(j.get("accepted").asDouble() / j.get("seconds").asDouble(), j.get("failed").asLong(),
                    j.get("p50_ms").asDouble(), j.get("p99_ms").asDouble(), j.get("p999_ms").asDouble());
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
