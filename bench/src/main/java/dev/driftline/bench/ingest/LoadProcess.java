package dev.driftline.bench.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.bench.process.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the load generator ({@link LoadMain}, i.e. {@code driftline bench load}) as a child JVM and reads its JSON result. */
final class LoadProcess {
    /** What the generator measured. */
    record Result(double acceptedPerSecond, long failed, double p50Ms, double p99Ms, double p999Ms) {
    }

    private LoadProcess() {
    }

    static Result run(int port, int connections, int rate, IngestBenchmark.Options o) throws IOException,
            InterruptedException {
        List<String> cmd = ChildJvm.command("512m", LoadMain.class, List.of("--port", Integer.toString(port),
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
