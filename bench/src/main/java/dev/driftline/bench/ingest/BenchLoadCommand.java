package dev.driftline.bench.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.bench.support.JsonOut;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code driftline bench load}: the load generator alone, as its own process (the way KServe's logger is a
 * separate process), so its JIT, GC and threads do not share a JVM with the server under test. Used by
 * {@code bench ingest}; usable by hand against any collector. Prints one JSON line.
 */
@Command(name = "load", mixinStandardHelpOptions = true, hidden = true,
        description = "Send KServe V2 CloudEvents to a collector URL and print accepted/s and latency as JSON.")
public final class BenchLoadCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--port", required = true)
    int port;

    @Option(names = "--connections", defaultValue = "256")
    int connections;

    @Option(names = "--seconds", defaultValue = "10")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "5")
    int warmupSeconds;

    @Option(names = "--rate", defaultValue = "0", description = "Events/s (open loop); 0 = closed loop, as fast as answered.")
    int rate;

    @Option(names = "--payload-bytes", defaultValue = "350")
    int payloadBytes;

    @Override
    public Integer call() throws Exception {
        KServeEvents events = new KServeEvents(payloadBytes, 64, 42);
        LoadGenerator.Result r;
        try (LoadGenerator gen = new LoadGenerator(host, port, connections, events)) {
            r = rate > 0 ? gen.fixedRate(rate, Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(seconds))
                    : gen.closedLoop(Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(seconds));
        }
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("accepted", r.accepted());
        o.put("failed", r.failed());
        o.put("seconds", r.seconds());
        o.put("p50_ms", r.percentileMillis(50));
        o.put("p99_ms", r.percentileMillis(99));
        o.put("p999_ms", r.percentileMillis(99.9));
        JsonOut.printLine(o);
        return 0;
    }
}
