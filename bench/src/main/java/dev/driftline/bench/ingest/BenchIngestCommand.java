package dev.driftline.bench.ingest;

import dev.driftline.bench.process.BrokerOption;
import dev.driftline.bench.support.JsonOut;
import dev.driftline.config.UserInputException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code driftline bench ingest}: collector throughput and latency against the HTTP and Kafka ceilings. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Benchmark the collector: sustained events/s and latency over HTTP.",
            "%nDrives the collector with KServe V2 request/response CloudEvents over HTTP from a separate "
                    + "load-generator process (concurrent keep-alive connections) and reports sustained events/s and "
                    + "latency. In the same run it measures the same HTTP library answering 202 without Kafka "
                    + "(bare_http) and Apache Kafka's producer alone (raw_producer) on the same broker.",
            "%nPrints one JSON object on stdout; progress goes to stderr. Runs 4 phases of --seconds each."})
public final class BenchIngestCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "30", description = "Measured seconds per phase (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "10", description = "Unmeasured warm-up per phase (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--payload-bytes", defaultValue = "350", description = "Body size of each event (default: ${DEFAULT-VALUE}).")
    int payloadBytes;

    @Option(names = "--connections", defaultValue = "256", description = "Concurrent keep-alive connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--rate", defaultValue = "10000", description = "Fixed rate (events/s) of the latency phase (default: ${DEFAULT-VALUE}).")
    int rate;

    @Mixin
    BrokerOption broker;

    @Option(names = "--topic-prefix", defaultValue = "driftline-bench.",
            description = "Topic prefix, kept apart from real traffic (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || payloadBytes < 64 || connections < 1 || rate < 1) {
            throw new UserInputException("--seconds >= 1, --payload-bytes >= 64, --connections >= 1, --rate >= 1");
        }
        IngestBenchmark.Options o = new IngestBenchmark.Options(Duration.ofSeconds(seconds),
                Duration.ofSeconds(warmupSeconds), payloadBytes, connections, rate, topicPrefix);
        JsonOut.printPretty(broker.run(bootstrap -> new IngestBenchmark(o, bootstrap).run()));
        return 0;
    }
}
