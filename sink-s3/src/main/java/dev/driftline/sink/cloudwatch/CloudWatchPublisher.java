package dev.driftline.sink.cloudwatch;

import dev.driftline.contracts.Topic;
import dev.driftline.contracts.Topics;
import dev.driftline.contracts.drift.DriftReport;
import dev.driftline.contracts.modelquality.ModelQualityWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish loop: reads the drift and model-quality topics with its own consumer group and publishes each window's
 * figures ({@link ModelMonitorMetrics}) through {@link MetricPutter}, committing offsets only after the poll's data are
 * published (or skipped for good). When CloudWatch keeps failing, the poll's partitions are rewound and read again
 * after a pause: the streaming pipeline never waits for CloudWatch, and no window is lost. Within one poll, only the
 * newest revision of a window is published.
 */
public final class CloudWatchPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(CloudWatchPublisher.class);
    private final Consumer<byte[], byte[]> consumer;
    private final Topic<String, DriftReport> driftTopic;
    private final Topic<String, ModelQualityWindow> qualityTopic;
    private final ModelMonitorMetrics mapping;
    private final MetricPutter putter;
    private final CloudWatchMetrics metrics;
    private final Duration pause;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile boolean running = true;

    public CloudWatchPublisher(Consumer<byte[], byte[]> consumer, Topics topics, ModelMonitorMetrics mapping,
                               MetricPutter putter, CloudWatchMetrics metrics, Duration pauseAfterFailure) {
        this.consumer = consumer;
        this.driftTopic = topics.drift;
        this.qualityTopic = topics.modelQuality;
        this.mapping = mapping;
        this.putter = putter;
        this.metrics = metrics;
        this.pause = pauseAfterFailure;
    }

    /** Runs until {@link #stop}. */
    public void run() throws InterruptedException {
        try {
            consumer.subscribe(List.of(driftTopic.name(), qualityTopic.name()));
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    putter.publish(data(records));
                    consumer.commitSync();
                } catch (MetricPutter.TransientFailure e) {
                    metrics.pollFailed();
                    LOG.warn("CloudWatch kept failing ({}); reading the last {} records again in {}", e.getMessage(),
                            records.count(), pause);
                    rewind(records);
                    stopRequested.await(pause.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(10));
            stopped.countDown();
        }
    }

    /** Asks the loop to stop (it commits nothing more) and waits up to {@code timeout} for it. */
    public boolean stop(Duration timeout) throws InterruptedException {
        running = false;
        stopRequested.countDown();
        consumer.wakeup();
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The data of a poll: the newest revision of each window, in order of the records. */
    List<Datum> data(ConsumerRecords<byte[], byte[]> records) {
        Map<String, DriftReport> reports = new LinkedHashMap<>();
        Map<String, ModelQualityWindow> windows = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                if (r.topic().equals(driftTopic.name())) {
                    DriftReport d = driftTopic.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    reports.merge(d.model() + "|" + d.windowStart(), d, (a, b) -> b.revision() >= a.revision() ? b : a);
                } else if (r.topic().equals(qualityTopic.name())) {
                    ModelQualityWindow w = qualityTopic.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    windows.merge(w.model() + "|" + w.modelVersion() + "|" + w.windowStart(), w,
                            (a, b) -> b.version() >= a.version() ? b : a);
                }
            } catch (RuntimeException e) {
                LOG.error("skipping unreadable record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
                metrics.recordSkipped(r.topic());
            }
        }
        List<Datum> out = new ArrayList<>();
        reports.values().forEach(d -> {
            List<Datum> data = mapping.drift(d);
            if (!data.isEmpty()) {
                metrics.windowPublished("drift");
            }
            out.addAll(data);
        });
        windows.values().forEach(w -> {
            List<Datum> data = mapping.modelQuality(w);
            if (!data.isEmpty()) {
                metrics.windowPublished("model_quality");
            }
            out.addAll(data);
        });
        return out;
    }

    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            consumer.seek(tp, records.records(tp).get(0).offset());
        }
    }
}
