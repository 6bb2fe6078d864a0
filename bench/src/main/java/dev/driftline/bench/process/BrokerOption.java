package dev.driftline.bench.process;

import dev.driftline.bench.support.Progress;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --bootstrap-servers} of the benchmarks that need a broker (a picocli mixin): run against the given broker,
 * or start a throw-away {@link BrokerProcess} for the run and remove it afterwards.
 */
public final class BrokerOption {
    @Option(names = "--bootstrap-servers", description = "Use this broker; by default a broker process is started and removed.")
    String bootstrapServers;

    /** A benchmark run against a broker. */
    @FunctionalInterface
    public interface Run<T> {
        T on(String bootstrapServers) throws Exception;
    }

    /** Runs the benchmark on the given broker, or on a broker process started for it and stopped after it. */
    public <T> T run(Run<T> benchmark) throws Exception {
        if (bootstrapServers != null) {
            return benchmark.on(bootstrapServers);
        }
        Progress.say("starting a broker process ...");
        try (BrokerProcess broker = BrokerProcess.start(Duration.ofSeconds(60))) {
            T result = benchmark.on(broker.bootstrapServers());
            Progress.say("stopping the broker ...");
            return result;
        }
    }
}
