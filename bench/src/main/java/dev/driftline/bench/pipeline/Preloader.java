package dev.driftline.bench.pipeline;

import static dev.driftline.bench.support.Progress.say;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.bench.support.KafkaClients;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.contracts.Topics;
import dev.driftline.contracts.baseline.BaselineCodec;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The pre-load phase: fills an input topic with inference events in the collector's format before anything is
 * measured, and publishes the model's baseline, as the collector and {@code driftline baseline publish} would.
 */
final class Preloader {
    private final PipelineRun run;
    private final ObjectMapper mapper = new ObjectMapper();

    Preloader(PipelineRun run) {
        this.run = run;
    }

    /** Produces every inference of the timeline (request and response) to {@code topic}; returns the body bytes. */
    long preload(PipelineTraffic traffic, String topic, EventTimeline timeline) throws Exception {
        Properties p = KafkaClients.bulkProducer(run.bootstrap(), "driftline-bench-preload");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1"); // no reordered retries; batches are large
        AtomicReference<Exception> failure = new AtomicReference<>();
        long inferences = timeline.inferences();
        long bytes = 0;
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (long i = 0; i < inferences; i++) {
                PipelineEvents gen = traffic.forInference(i);
                PipelineEvents.Inference inf = gen.next("bench-" + run.id() + "-" + i, timeline.time(i), null);
                bytes += inf.request().length + inf.response().length;
                for (ProducerRecord<byte[], byte[]> rec : gen.records(topic, inf)) {
                    producer.send(rec, (m, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                }
                if (failure.get() != null) {
                    break;
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("pre-loading failed: " + failure.get().getMessage(), failure.get());
        }
        double s = (System.nanoTime() - t0) / 1e9;
        say(String.format(Locale.ROOT, "    %d events, %.1f MB in %.1f s", inferences * 2, bytes / 1e6, s));
        return bytes;
    }

    /** Writes the baseline to the baselines topic (key = model), waiting for the broker's acknowledgement. */
    void publishBaseline(String topic, Baseline b) throws Exception {
        publishBaselines(topic, java.util.List.of(b));
    }

    /** Writes every baseline (key = model) with one producer, waiting for the broker's acknowledgements. */
    void publishBaselines(String topic, java.util.List<Baseline> baselines) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, run.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(Topics.MAX_RECORD_BYTES));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            java.util.List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            for (Baseline b : baselines) {
                sent.add(producer.send(new ProducerRecord<>(topic, b.model().getBytes(StandardCharsets.UTF_8),
                        mapper.writeValueAsBytes(BaselineCodec.toJson(b, mapper)))));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
    }
}
