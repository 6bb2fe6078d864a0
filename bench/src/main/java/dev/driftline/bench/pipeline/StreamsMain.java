package dev.driftline.bench.pipeline;

import dev.driftline.streams.app.DriftlineStreams;
import dev.driftline.streams.app.StreamsSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The entry point of a pipeline child JVM that {@link StreamsProcess} starts for phase C: {@link DriftlineStreams}
 * with the settings of {@link PipelineRun#settings} (Kafka client properties from {@code KAFKA_*} variables, as the
 * parent sets {@code KAFKA_CLIENT_ID} and {@code KAFKA_NUM_STREAM_THREADS}), optionally after an unmeasured warm-up
 * run of the pipeline on the warm-up topics in this same JVM (so the measured run is JIT-compiled). Runs until its
 * standard input closes (the parent closes it, or dies), then closes the pipeline and exits 0; exits 3 when Kafka
 * Streams stops by itself (error). Progress lines go to stdout, which the parent writes to a log file.
 *
 * <p>Arguments, {@code --name value} pairs: {@code --bootstrap --prefix --app-id --state-dir --window-ms}, and
 * optionally {@code --warmup-prefix --warmup-app-id --warmup-state-dir --warmup-ms}.
 */
public final class StreamsMain {
    private StreamsMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        for (String k : new String[] {"--bootstrap", "--prefix", "--app-id", "--state-dir", "--window-ms"}) {
            if (!a.containsKey(k)) {
                System.err.println("usage: " + StreamsMain.class.getName() + " --bootstrap B --prefix P --app-id A "
                        + "--state-dir D --window-ms W [--warmup-prefix P --warmup-app-id A --warmup-state-dir D "
                        + "--warmup-ms W]; missing " + k);
                System.exit(2);
            }
        }
        Duration window = Duration.ofMillis(Long.parseLong(a.get("--window-ms")));
        StdinWatch stdin = new StdinWatch(System.in);
        if (a.containsKey("--warmup-app-id")) {
            long ms = Long.parseLong(a.get("--warmup-ms"));
            StreamsSettings w = PipelineRun.settings(a.get("--bootstrap"), null, System.getenv(),
                    a.get("--warmup-prefix"), a.get("--warmup-app-id"), Path.of(a.get("--warmup-state-dir")), window,
                    null, null);
            System.out.println("streams child: warm-up " + w.applicationId() + " for " + ms + " ms");
            try (DriftlineStreams app = DriftlineStreams.start(w, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
                long deadline = System.currentTimeMillis() + ms;
                while (System.currentTimeMillis() < deadline && !stdin.closed) {
                    Thread.sleep(100);
                }
            }
        }
        if (stdin.closed) {
            return;
        }
        StreamsSettings s = PipelineRun.settings(a.get("--bootstrap"), null, System.getenv(), a.get("--prefix"),
                a.get("--app-id"), Path.of(a.get("--state-dir")), window, null, null);
        System.out.println("streams child: starting " + s.applicationId() + " client.id "
                + s.kafkaProperties().getProperty("client.id"));
        int rc = 0;
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (DriftlineStreams app = DriftlineStreams.start(s, registry)) {
            KafkaStreams.State last = null;
            String lastLate = null;
            while (!stdin.closed) {
                KafkaStreams.State st = app.kafkaStreams().state();
                if (st != last) {
                    System.out.println("streams child: state " + st);
                    last = st;
                }
                String late = LateCounts.line(registry);
                if (!late.equals(lastLate)) { // the parent reads the last such line (StreamsProcess.late)
                    System.out.println(late);
                    lastLate = late;
                }
                if (CommitTimer.failed(app.kafkaStreams())) {
                    rc = 3;
                    break;
                }
                Thread.sleep(100);
            }
        }
        System.out.println("streams child: closed (exit " + rc + ")");
        System.exit(rc);
    }

    /** Reads standard input to its end on a daemon thread; {@link #closed} once it has. */
    private static final class StdinWatch {
        volatile boolean closed;

        StdinWatch(InputStream in) {
            Thread t = new Thread(() -> {
                try {
                    while (in.read() >= 0) {
                        // nothing is sent; only the end matters
                    }
                } catch (Exception e) {
                    // treat as closed
                }
                closed = true;
            }, "stdin-watch");
            t.setDaemon(true);
            t.start();
        }
    }
}
