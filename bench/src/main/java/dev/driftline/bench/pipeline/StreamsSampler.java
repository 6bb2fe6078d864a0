package dev.driftline.bench.pipeline;

import dev.driftline.bench.support.JvmCpu;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Where a phase's time goes, over its measured intervals only ({@link #start}..{@link #stop}, possibly several
 * passes): averages of {@link #THREAD_METRICS} over samples (and over stream threads), the bench JVM's CPU use,
 * and the machine's load average.
 */
final class StreamsSampler {
    /** Stream-thread metrics sampled while a Streams phase is measured. */
    static final List<String> THREAD_METRICS = List.of("process-ratio", "punctuate-ratio", "commit-ratio",
            "poll-ratio", "commit-latency-avg", "poll-records-avg", "process-records-avg");

    private final Map<String, double[]> sums = new TreeMap<>();
    private KafkaStreams streams;
    private long cpu0 = -1;
    private long wall0;
    private long cpuSum;
    private long wallSum;
    private double loadSum;
    private int loadSamples;

    /** Starts a measured interval; {@code measured} is null for a phase without Kafka Streams. */
    void start(KafkaStreams measured) {
        streams = measured;
        cpu0 = JvmCpu.processCpuNanos();
        wall0 = System.nanoTime();
        sampleLoad();
    }

    void stop() {
        if (cpu0 >= 0) {
            cpuSum += JvmCpu.processCpuNanos() - cpu0;
            wallSum += System.nanoTime() - wall0;
            cpu0 = -1;
        }
        sampleLoad();
    }

    private void sampleLoad() {
        double load = JvmCpu.systemLoadAverage();
        if (load >= 0) {
            loadSum += load;
            loadSamples++;
        }
    }

    void sample() {
        sampleLoad();
        if (streams == null) {
            return;
        }
        Map<String, double[]> now = new HashMap<>();
        streams.metrics().forEach((name, metric) -> {
            if (name.group().equals("stream-thread-metrics") && THREAD_METRICS.contains(name.name())
                    && metric.metricValue() instanceof Number n && Double.isFinite(n.doubleValue())) {
                double[] v = now.computeIfAbsent(name.name(), k -> new double[2]);
                v[0] += n.doubleValue();
                v[1]++;
            }
        });
        now.forEach((k, v) -> {
            double[] acc = sums.computeIfAbsent(k, x -> new double[2]);
            acc[0] += v[0] / v[1];
            acc[1]++;
        });
    }

    Map<String, Double> thread() {
        Map<String, Double> out = new TreeMap<>();
        sums.forEach((k, v) -> out.put(k, v[1] == 0 ? Double.NaN : v[0] / v[1]));
        return out;
    }

    double cpuCores() {
        return wallSum == 0 ? Double.NaN : (double) cpuSum / wallSum;
    }

    double loadAverage() {
        return loadSamples == 0 ? Double.NaN : loadSum / loadSamples;
    }
}
