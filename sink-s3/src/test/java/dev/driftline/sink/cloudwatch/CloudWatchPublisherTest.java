package dev.driftline.sink.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.contracts.Topics;
import dev.driftline.contracts.drift.DriftReport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;

/** The publish loop: offsets are committed only after CloudWatch accepted the poll's data; a failed poll is re-read. */
class CloudWatchPublisherTest {
    private static final Topics TOPICS = new Topics();
    private static final TopicPartition TP = new TopicPartition(TOPICS.drift.name(), 0);

    @Test
    void commitsOnlyAfterAPublishAndReReadsAfterAFailure() throws Exception {
        List<Long> commits = new CopyOnWriteArrayList<>();
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name()) {
            @Override
            public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
                super.commitSync(offsets);
                commits.add(offsets.get(TP).offset());
            }
        };
        consumer.updateBeginningOffsets(Map.of(TP, 0L));
        long end = Instant.now().minusSeconds(600).toEpochMilli();
        List<ConsumerRecord<byte[], byte[]>> records = List.of(record(0, CloudWatchSamples.report("churn", end - 3_600_000, end, 1)),
                record(1, CloudWatchSamples.report("churn", end - 3_600_000, end, 2)),
                new ConsumerRecord<>(TP.topic(), 0, 2, key(), "not json".getBytes(StandardCharsets.UTF_8)));
        List<PutMetricDataRequest> calls = new CopyOnWriteArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(1);
        CloudWatchClient client = new CloudWatchClient() {
            @Override
            public PutMetricDataResponse putMetricData(PutMetricDataRequest r) {
                calls.add(r);
                if (failuresLeft.getAndDecrement() > 0) {
                    throw CloudWatchException.builder().statusCode(500)
                            .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalServiceError").build()).build();
                }
                return PutMetricDataResponse.builder().build();
            }

            @Override
            public String serviceName() {
                return "monitoring";
            }

            @Override
            public void close() {
            }
        };
        CloudWatchMetrics metrics = new CloudWatchMetrics(new SimpleMeterRegistry());
        MetricPutter putter = new MetricPutter(client, new CloudWatchSettings.Retry(1, Duration.ZERO, Duration.ZERO),
                metrics, Clock.systemUTC(), d -> { });
        CloudWatchPublisher publisher = new CloudWatchPublisher(consumer, TOPICS,
                new ModelMonitorMetrics(MetricNaming.defaults()), putter, metrics, Duration.ZERO);

        List<Long> commitsAfterFirstPoll = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(TP));
            records.forEach(consumer::addRecord);
        });
        consumer.schedulePollTask(() -> {
            commitsAfterFirstPoll.addAll(commits);
            records.forEach(consumer::addRecord); // the broker delivers again from the rewound position
        });
        consumer.schedulePollTask(done::countDown);
        Thread t = new Thread(() -> {
            try {
                publisher.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(publisher.stop(Duration.ofSeconds(10))).isTrue();
        t.join();

        assertThat(commitsAfterFirstPoll).as("nothing committed while CloudWatch failed").isEmpty();
        assertThat(commits).containsExactly(3L);
        assertThat(calls).hasSize(2).allSatisfy(r -> assertThat(r.metricData())
                .as("the newest revision of the window only").hasSize(7));
        assertThat(metrics.publishedDatums()).isEqualTo(7);
    }

    private static byte[] key() {
        return "churn".getBytes(StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, DriftReport r) {
        return new ConsumerRecord<>(TP.topic(), 0, offset, key(),
                TOPICS.drift.valueSerde().serializer().serialize(TP.topic(), r));
    }
}
