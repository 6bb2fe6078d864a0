package dev.driftline.bench.pipeline;

/**
 * Accumulates the passes of a throughput phase: A and B repeat whole passes over the topic until they have measured
 * long enough, and report the events of all passes over their measured time.
 */
final class Passes {
    final StreamsSampler sampler = new StreamsSampler();
    long processed;
    double seconds;
    double startupSeconds;
    int passes;
    boolean complete = true;

    void add(long n, double s, double startup, boolean whole) {
        processed += n;
        seconds += s;
        startupSeconds += startup;
        passes++;
        complete &= whole;
    }

    Measured measured() {
        return new Measured(passes == 0 ? 0 : startupSeconds / passes, processed, seconds, complete,
                sampler.thread(), sampler.cpuCores(), sampler.jitCores(), sampler.streamThreadCpuSeconds(),
                sampler.loadAverage(), passes);
    }
}
