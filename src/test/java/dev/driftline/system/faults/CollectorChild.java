package dev.driftline.system.faults;

import dev.driftline.system.DriftlineProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code driftline collector} as a user starts it ({@code --bootstrap-servers}, {@code --port 0},
 * {@code --host 127.0.0.1}, settings as {@code DRIFTLINE_*} variables), in its own JVM; knows the port it printed
 * and asks its {@code /readyz}.
 */
final class CollectorChild implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("driftline collector: listening on port (\\d+)");
    private static final HttpClient PROBE = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final DriftlineProcess process;
    private final int port;

    private CollectorChild(DriftlineProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts it and returns once it listens (it has then also found Kafka: start-up waits for it). */
    static CollectorChild start(Path dir, String bootstrap, String heap, Map<String, String> env)
            throws IOException, InterruptedException {
        DriftlineProcess p = DriftlineProcess.start("collector", dir, heap, env, List.of("collector",
                "--bootstrap-servers", bootstrap, "--port", "0", "--host", "127.0.0.1"));
        try {
            p.awaitLog("driftline collector: listening on port", Duration.ofSeconds(120));
        } catch (AssertionError | InterruptedException e) {
            p.close();
            throw e;
        }
        Matcher m = LISTENING.matcher(p.logText());
        if (!m.find()) {
            p.close();
            throw new IllegalStateException("no port in " + p.log());
        }
        return new CollectorChild(p, Integer.parseInt(m.group(1)));
    }

    DriftlineProcess process() {
        return process;
    }

    URI eventsUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** {@code GET /readyz} is 200; false on 503 or when the collector cannot be reached. */
    boolean ready() {
        try {
            return PROBE.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
