package dev.driftline.bench.pipeline;

import static dev.driftline.bench.support.Progress.say;

import dev.driftline.contracts.Topics;
import dev.driftline.streams.app.StreamsSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Phase C's pipeline as {@code --instances} child JVMs ({@link StreamsProcess}) of the same application id, sampled
 * by {@link InstanceSampler}: the measured interval's CPU is theirs, and each reports its events, partitions and
 * memory.
 */
final class ChildPipelines implements MeasuredPipeline {
    private final List<StreamsProcess> processes = new ArrayList<>();
    private final InstanceSampler sampler;
    private final long delay;
    private long[] creditsAtStart;
    private long[] creditsAtStop;
    private long[] cpuAtStart;
    private long[] cpuAtStop;
    private long wallAtStart;
    private long wallAtStop;

    /** @param warmupLoaded whether the warm-up's copy of the traffic is there (each child then warms up on it) */
    ChildPipelines(PipelineRun run, Admin admin, StreamsSettings s, Topics topics, Path stateRoot,
                   boolean warmupLoaded) throws Exception {
        PipelineBenchmark.Options o = run.options();
        long warmMs = warmupLoaded ? o.warmup().toMillis() : 0;
        String warmupPrefix = PipelinePhase.warmupPrefix(run);
        delay = warmMs * 1_000_000L;
        say(String.format(Locale.ROOT, "    %d child JVM(s) (-Xmx%s), application %s%s", o.instances(),
                o.childHeap(), s.applicationId(), warmMs > 0 ? ", each after its own " + o.warmup().toSeconds()
                + " s warm-up on " + warmupPrefix + "*" : ""));
        try {
            for (int i = 1; i <= o.instances(); i++) {
                processes.add(StreamsProcess.start(run, i, o.topicPrefix(), s.applicationId(),
                        stateRoot.resolve("children"), warmupPrefix, PipelinePhase.warmupAppId(run), warmMs));
            }
        } catch (Exception e) {
            processes.forEach(StreamsProcess::close);
            throw e;
        }
        sampler = new InstanceSampler(admin, s.applicationId(), topics.inferenceEvents.name(), processes);
    }

    @Override
    public long startDelayNanos() {
        return delay;
    }

    @Override
    public KafkaStreams streams() {
        return null;
    }

    @Override
    public boolean failed() {
        return processes.stream().anyMatch(p -> !p.alive());
    }

    @Override
    public void atStart() {
        creditsAtStart = sampler.mark();
        cpuAtStart = processes.stream().mapToLong(StreamsProcess::cpuNanos).toArray();
        wallAtStart = System.nanoTime();
    }

    @Override
    public void atStop() {
        creditsAtStop = sampler.mark();
        cpuAtStop = processes.stream().mapToLong(StreamsProcess::cpuNanos).toArray();
        wallAtStop = System.nanoTime();
        say("    input partitions by instance: " + sampler.assignment());
    }

    /** The measured interval's CPU is the children's (all of them), not this JVM's. */
    @Override
    public Measured adjust(Measured m) {
        double cores = 0;
        for (int i = 0; i < processes.size(); i++) {
            cores += cpuCores(i);
        }
        return new Measured(m.startupSeconds(), m.processed(), m.seconds(), m.complete(), m.thread(), cores,
                Double.NaN, 0, m.loadAverage(), m.passes());
    }

    private double cpuCores(int i) {
        if (cpuAtStart == null || cpuAtStop == null || cpuAtStart[i] < 0 || cpuAtStop[i] < 0
                || wallAtStop <= wallAtStart) {
            return Double.NaN;
        }
        return (double) (cpuAtStop[i] - cpuAtStart[i]) / (wallAtStop - wallAtStart);
    }

    /** The sum of the children's counts (NaN until every child has told its own). */
    @Override
    public double late(String reason) {
        return processes.stream().mapToDouble(p -> p.late(reason)).sum();
    }

    @Override
    public void figures(PipelineFigures c) throws Exception {
        sampler.mark(); // a last RSS sample before the children stop
        List<PipelineFigures.InstanceFigures> out = new ArrayList<>();
        double seconds = c.measured.seconds();
        for (int i = 0; i < processes.size(); i++) {
            InstanceSampler.Instance in = sampler.instances.get(i);
            long events = creditsAtStop == null || creditsAtStart == null ? 0 : creditsAtStop[i] - creditsAtStart[i];
            out.add(new PipelineFigures.InstanceFigures(in.process.instance, in.process.pid(), in.process.clientId,
                    List.copyOf(in.partitions), events, seconds <= 0 ? 0 : events / seconds, in.maxRssBytes,
                    in.hwmBytes, cpuCores(i)));
        }
        c.instances = out;
        c.assignmentChanges = sampler.assignmentChanges;
    }

    @Override
    public void close() throws Exception {
        sampler.close();
        List<StreamsProcess> died = processes.stream().filter(p -> !p.alive()).toList();
        for (StreamsProcess p : processes) {
            p.close();
        }
        for (StreamsProcess p : died) {
            say("    instance " + p.instance + " had stopped by itself (exit " + p.exitCode()
                    + "); its log's errors and end:");
            p.logTail(8).forEach(line -> say("      | " + line));
        }
    }
}
