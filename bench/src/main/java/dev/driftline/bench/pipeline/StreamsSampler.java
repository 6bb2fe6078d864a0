package dev.driftline.bench.pipeline;

import dev.driftline.bench.support.JitActivity;
import dev.driftline.bench.support.JvmCpu;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Where a phase's time goes, over its measured intervals only ({@link #start}..{@link #stop}, possibly several
 * passes): averages of {@link #THREAD_METRICS} over samples (and over stream threads), the bench JVM's CPU use
 * and its JIT compilers' share of it, and the machine's load average.
 */
final class StreamsSampler {
    /** Stream-thread metrics sampled while a Streams phase is measured. */
    static final List<String> THREAD_METRICS = List.of("process-ratio", "punctuate-ratio", "commit-ratio",
            "poll-ratio", "commit-latency-avg", "poll-records-avg", "process-records-avg");

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Map<String, double[]> sums = new TreeMap<>();
    private KafkaStreams streams;
    private long cpu0 = -1;
    private long wall0;
    private long cpuSum;
    private long jit0 = -1;
    /** CPU nanoseconds of the measured application's stream threads at start, by thread name. */
    private Map<String, Long> streamCpu0 = Map.of();
    private long streamCpuSum;
    private long jitSum;
    private long wallSum;
    private double loadSum;
    private int loadSamples;

    /** Starts a measured interval; {@code measured} is null for a phase without Kafka Streams. */
    void start(KafkaStreams measured) {
        streams = measured;
        cpu0 = JvmCpu.processCpuNanos();
        jit0 = JitActivity.compileMillis();
        streamCpu0 = streamThreadCpu();
        wall0 = System.nanoTime();
        sampleLoad();
    }

    void stop() {
        if (cpu0 >= 0) {
            cpuSum += JvmCpu.processCpuNanos() - cpu0;
            Map<String, Long> now = streamThreadCpu();
            streamCpu0.forEach((name, t0) -> {
                Long t1 = now.get(name);
                if (t1 != null) {
                    streamCpuSum += t1 - t0;
                }
            });
            long jit = JitActivity.compileMillis();
            jitSum = jit0 < 0 || jit < 0 || jitSum < 0 ? -1 : jitSum + jit - jit0;
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

    /**
     * CPU time of the application's stream threads in this JVM, by name (empty for a phase without Kafka Streams or
     * when it runs in other JVMs): the code under test's own cost, which the machine's load distorts less than a rate.
     */
    private Map<String, Long> streamThreadCpu() {
        if (streams == null || !THREADS.isThreadCpuTimeSupported()) {
            return Map.of();
        }
        Set<String> names = new HashSet<>();
        try {
            streams.metadataForLocalThreads().forEach(t -> names.add(t.threadName()));
        } catch (RuntimeException notRunning) { // only a running (or rebalancing) application has thread metadata
            return Map.of();
        }
        Map<String, Long> cpu = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (names.contains(t.getName())) {
                long ns = THREADS.getThreadCpuTime(t.getId());
                if (ns >= 0) {
                    cpu.put(t.getName(), ns);
                }
            }
        }
        return cpu;
    }

    /** CPU seconds the stream threads used while measured (0 when not known). */
    double streamThreadCpuSeconds() {
        return streamCpuSum / 1e9;
    }

    /** The JIT compilers' share of a core in this JVM while measured (NaN when the JVM does not tell). */
    double jitCores() {
        return wallSum == 0 || jitSum < 0 ? Double.NaN : jitSum * 1e6 / wallSum;
    }

    double loadAverage() {
        return loadSamples == 0 ? Double.NaN : loadSum / loadSamples;
    }
}
