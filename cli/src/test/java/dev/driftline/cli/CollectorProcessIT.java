package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.bench.support.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `driftline collector` as a process: it serves, and SIGTERM stops it cleanly with exit code 0. */
class CollectorProcessIT {
    @Test
    void sigtermDrainsAndExitsZero(@TempDir Path dir) throws Exception {
        int port = Ports.freeLoopbackPort();
        // nothing listens: with --startup-timeout 0s the collector starts anyway, not ready
        int deadKafka = Ports.freeLoopbackPort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("collector.log");
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "collector", "--bootstrap-servers", "127.0.0.1:" + deadKafka,
                "--port", Integer.toString(port), "--host", "127.0.0.1", "--startup-timeout", "0s"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            int health = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (health != 200 && System.nanoTime() < deadline && p.isAlive()) {
                try {
                    health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (java.io.IOException notYet) {
                    Thread.sleep(200);
                }
            }
            assertThat(health).as(Files.readString(log)).isEqualTo(200);
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(log)).isZero();
            assertThat(Files.readString(log)).contains("collector stopped");
        } finally {
            p.destroyForcibly();
        }
    }
}
