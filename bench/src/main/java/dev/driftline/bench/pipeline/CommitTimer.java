package dev.driftline.bench.pipeline;

import static dev.driftline.bench.support.Progress.say;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Times a Kafka Streams application (B, C and C's warm-up) the same way: by its group's committed offsets of the
 * input topic, from the first sample that shows a committed offset (so start-up, rebalance and state creation are
 * excluded) until they reach the topic's end offsets (so committing the transactions is included), or the cap.
 */
final class CommitTimer {
    private final Admin admin;
    private final Duration secondsCap;

    /** @param secondsCap {@code --seconds}: a measured phase stopped by it says so */
    CommitTimer(Admin admin, Duration secondsCap) {
        this.admin = admin;
        this.secondsCap = secondsCap;
    }

    /**
     * Polls the group's committed offsets until they reach {@code end} (or {@code cap}) and adds the pass to
     * {@code passes}; what was committed at the first sample is not counted.
     */
    void measure(String group, Map<TopicPartition, Long> end, long total, long startNanos, KafkaStreams streams,
                 Passes passes, Duration cap) throws Exception {
        measure(group, end, total, startNanos, streams, () -> failed(streams), () -> { }, () -> { }, passes, cap);
    }

    /**
     * The same for an application that may run elsewhere (phase C in child JVMs: {@code streams} null, so no
     * stream-thread metrics): {@code failed} tells when it has stopped for good; {@code atStart} and {@code atStop}
     * run when the measured interval starts and ends.
     */
    void measure(String group, Map<TopicPartition, Long> end, long total, long startNanos, KafkaStreams streams,
                 BooleanSupplier failed, Runnable atStart, Runnable atStop, Passes passes, Duration cap)
            throws Exception {
        long t0 = -1;
        long d0 = 0;
        long startupDeadline = startNanos + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            Thread.sleep(PipelineRun.POLL_MS);
            long done = committed(group, end);
            long now = System.nanoTime();
            if (t0 < 0 && done > 0) {
                t0 = now;
                d0 = done;
                atStart.run();
                passes.sampler.start(streams);
            } else if (t0 >= 0) {
                passes.sampler.sample();
            }
            boolean capped = t0 >= 0 && now - t0 > cap.toNanos();
            if ((done >= total && t0 >= 0 && now > t0) || capped) {
                passes.sampler.stop();
                atStop.run();
                if (done < total && cap.equals(secondsCap)) {
                    say("    stopped at the --seconds cap: " + done + " of " + total + " events committed");
                }
                passes.add(done - d0, (now - t0) / 1e9, (t0 - startNanos) / 1e9, done >= total);
                return;
            }
            if (failed.getAsBoolean()) {
                throw new IllegalStateException("Kafka Streams application " + group + " failed (see the log)");
            }
            if (t0 < 0 && now > startupDeadline) {
                throw new IllegalStateException(group + " committed nothing within 180 s");
            }
        }
    }

    /** Whether the application has stopped for good (error or shut down). */
    static boolean failed(KafkaStreams s) {
        KafkaStreams.State st = s.state();
        return st == KafkaStreams.State.ERROR || st == KafkaStreams.State.NOT_RUNNING
                || st == KafkaStreams.State.PENDING_ERROR;
    }

    /** The group's committed offsets of {@code end}'s partitions, summed. */
    long committed(String group, Map<TopicPartition, Long> end) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long sum = 0;
        for (TopicPartition tp : end.keySet()) {
            OffsetAndMetadata om = m.get(tp);
            if (om != null) {
                sum += om.offset();
            }
        }
        return sum;
    }
}
