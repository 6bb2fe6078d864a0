package dev.driftline.bench.pipeline;

import dev.driftline.bench.support.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Phase A, the broker/client ceiling: a plain {@code KafkaConsumer} loop (read_committed, no deserialisation) over
 * the input topic, timed from its first poll to its last record. Whole passes (seek to the beginning) after an
 * unmeasured warm-up, until at least {@code --min-seconds} were measured.
 */
final class RawConsumerPhase {
    private final PipelineRun run;

    RawConsumerPhase(PipelineRun run) {
        this.run = run;
    }

    Measured measure(Map<TopicPartition, Long> end, long total) {
        PipelineBenchmark.Options o = run.options();
        Passes passes = new Passes();
        Properties props = KafkaClients.readCommittedConsumer(run.bootstrap(), "driftline-bench-raw-consumer");
        // A pass ends with a fetch parked at the end of the log; the next pass's seek must wait for it to return,
        // which with the default fetch.max.wait.ms (500 ms) would be timed as half a second of reading.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>(end.keySet());
            consumer.assign(parts);
            // looked up once: seekToBeginning + position() per pass sometimes waited a minute for the look-up
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(parts);
            Passes warmup = new Passes();
            while (warmup.seconds < o.warmup().toSeconds()) {
                pass(consumer, begin, total, warmup, o.warmup());
            }
            do {
                pass(consumer, begin, total, passes, o.cap());
            } while (passes.seconds < o.minSeconds().toSeconds() && passes.complete);
        }
        return passes.measured();
    }

    private static void pass(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> begin, long total,
                             Passes passes, Duration cap) {
        begin.forEach(consumer::seek); // no offset look-up inside the measured loop
        passes.sampler.start(null);
        long count = 0;
        long t0 = System.nanoTime();
        while (count < total && System.nanoTime() - t0 < cap.toNanos()) {
            count += consumer.poll(Duration.ofMillis(PipelineRun.POLL_MS)).count();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        passes.sampler.stop();
        passes.add(count, s, 0, count >= total);
    }
}
