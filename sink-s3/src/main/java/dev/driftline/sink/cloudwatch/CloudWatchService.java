package dev.driftline.sink.cloudwatch;

import dev.driftline.contracts.Topics;
import dev.driftline.sink.service.SinkConsumers;
import dev.driftline.sink.service.SinkService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;

/** A running CloudWatch publisher: client, consumer and the {@link CloudWatchPublisher} loop on a thread of its own. */
public final class CloudWatchService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CloudWatchService.class);
    private final CloudWatchPublisher publisher;
    private final CloudWatchClient client;
    private final KafkaClientMetrics consumerMetrics;
    private final CloudWatchMetrics metrics;
    private final Thread thread;
    private volatile Throwable failure;

    private CloudWatchService(CloudWatchPublisher publisher, CloudWatchClient client,
                              KafkaClientMetrics consumerMetrics, CloudWatchMetrics metrics) {
        this.publisher = publisher;
        this.client = client;
        this.consumerMetrics = consumerMetrics;
        this.metrics = metrics;
        this.thread = new Thread(this::runLoop, "driftline-cloudwatch");
    }

    /** Connects and starts publishing. */
    public static CloudWatchService start(CloudWatchSettings s, MeterRegistry registry) {
        CloudWatchClient client = client(s.endpointUrl().orElse(null), s.region().orElse(null), false);
        CloudWatchMetrics metrics = new CloudWatchMetrics(registry);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                SinkConsumers.properties(s.bootstrapServers(), s.groupId(), s.kafkaProperties()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(registry);
        MetricPutter putter = new MetricPutter(client, s.retry(), metrics, Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()));
        CloudWatchPublisher publisher = new CloudWatchPublisher(consumer, new Topics(s.topicPrefix()),
                new ModelMonitorMetrics(s.naming()), putter, metrics, s.retry().maxBackoff());
        CloudWatchService service = new CloudWatchService(publisher, client, consumerMetrics, metrics);
        service.thread.start();
        return service;
    }

    /**
     * A CloudWatch client: region as given, else the SDK's chain, else us-east-1; credentials from the SDK's default
     * chain. {@code sdkRetries=false} leaves retrying to {@link MetricPutter}, which knows when to give up.
     */
    public static CloudWatchClient client(String endpointUrl, String region, boolean sdkRetries) {
        CloudWatchClientBuilder b = CloudWatchClient.builder().region(SinkService.region(region));
        if (endpointUrl != null) {
            b.endpointOverride(URI.create(endpointUrl));
        }
        if (!sdkRetries) {
            b.overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()));
        }
        return b.build();
    }

    private void runLoop() {
        try {
            publisher.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
            LOG.error("the CloudWatch publisher stopped: {}", t.toString(), t);
        }
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    public Throwable failure() {
        return failure;
    }

    public CloudWatchMetrics metrics() {
        return metrics;
    }

    /** Stops the loop (what is published stays committed) and closes the clients. */
    public void close(Duration timeout) {
        try {
            if (!publisher.stop(timeout)) {
                LOG.warn("the CloudWatch publisher did not stop within {}", timeout);
            }
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumerMetrics.close();
            client.close();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
