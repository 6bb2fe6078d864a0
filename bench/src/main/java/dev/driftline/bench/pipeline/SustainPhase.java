package dev.driftline.bench.pipeline;

import static dev.driftline.bench.support.Progress.say;

import dev.driftline.bench.support.KafkaTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The sustained phase ({@code --sustain-seconds}), after C on C's still-running pipeline: live traffic over the
 * same models ({@link LiveTraffic}, event time = now) at {@value #SHARE} of the events/s C measured, while the
 * pipeline's total input lag (end offsets − the application group's committed offsets) is sampled every second;
 * {@link LagTrend} decides whether it grows.
 */
final class SustainPhase {
    static final double SHARE = 0.8;

    /** What the phase saw. */
    record Figures(double offeredEventsPerSecond, long sentEvents, double seconds, List<LagTrend.Sample> lag,
                   double slope, boolean growing) {
        long first() {
            return lag.isEmpty() ? -1 : lag.get(0).lag();
        }

        long last() {
            return lag.isEmpty() ? -1 : lag.get(lag.size() - 1).lag();
        }

        long max() {
            return lag.stream().mapToLong(LagTrend.Sample::lag).max().orElse(-1);
        }
    }

    private final PipelineRun run;
    private final Admin admin;

    SustainPhase(PipelineRun run, Admin admin) {
        this.run = run;
        this.admin = admin;
    }

    Figures run(String group, String inputTopic, double measuredEventsPerSecond, BooleanSupplier failed)
            throws Exception {
        PipelineBenchmark.Options o = run.options();
        double events = SHARE * measuredEventsPerSecond;
        PipelineTraffic traffic = run.traffic(21);
        say(String.format(Locale.ROOT, "S sustained: live traffic over %d models at %.0f events/s (%.0f %% of C's %.0f)"
                + " for %d s, sampling the input lag every second", o.models(), events, SHARE * 100,
                measuredEventsPerSecond, o.sustain().toSeconds()));
        List<LagTrend.Sample> samples = new ArrayList<>();
        long sent;
        double seconds;
        try (LiveTraffic live = new LiveTraffic(run, traffic::forInference, inputTopic, o.window().toMillis(),
                events / 2, "sustain", "driftline-bench-sustain")) {
            long t0 = System.nanoTime();
            long end = t0 + o.sustain().toNanos();
            long next = t0 + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < end) {
                Thread.sleep(Math.max(1, (next - System.nanoTime()) / 1_000_000));
                next += TimeUnit.SECONDS.toNanos(1);
                if (live.failure.get() != null) {
                    throw new IllegalStateException("sustained traffic failed: " + live.failure.get(), live.failure.get());
                }
                if (failed.getAsBoolean()) {
                    throw new IllegalStateException("the pipeline stopped during the sustained phase (see the log)");
                }
                samples.add(new LagTrend.Sample((System.nanoTime() - t0) / 1e9, lag(group, inputTopic)));
            }
            seconds = (System.nanoTime() - t0) / 1e9;
            sent = live.sent.get() * 2;
        }
        double slope = LagTrend.secondHalfSlope(samples);
        boolean growing = LagTrend.growing(samples, events);
        say(String.format(Locale.ROOT, "    sent %d events in %.1f s; lag first %d, last %d, max %d; slope of the second "
                + "half %.1f events/s: %s", sent, seconds, samples.isEmpty() ? -1 : samples.get(0).lag(),
                samples.isEmpty() ? -1 : samples.get(samples.size() - 1).lag(),
                samples.stream().mapToLong(LagTrend.Sample::lag).max().orElse(-1), slope,
                growing ? "growing" : "not growing"));
        return new Figures(events, sent, seconds, samples, slope, growing);
    }

    /** End offsets (read_committed) minus the group's committed offsets, over the input partitions. */
    private long lag(String group, String topic) throws Exception {
        Map<TopicPartition, Long> end = KafkaTopics.endOffsets(admin, topic);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            OffsetAndMetadata om = committed.get(e.getKey());
            lag += Math.max(0, e.getValue() - (om == null ? 0 : om.offset()));
        }
        return lag;
    }
}
