package dev.driftline.sink.service;

import dev.driftline.sink.write.FileLakeStore;
import dev.driftline.sink.write.LakeStore;
import dev.driftline.sink.write.S3LakeStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * A running sink: the lake store, the consumer and the {@link LakeSink} loop on a thread of its own. {@link #close}
 * writes what is open, commits and stops.
 */
public final class SinkService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);
    private final LakeSink sink;
    private final LakeStore store;
    private final Thread thread;
    private final SinkMetrics metrics;
    private final KafkaClientMetrics consumerMetrics;
    private volatile Throwable failure;

    private SinkService(LakeSink sink, LakeStore store, SinkMetrics metrics, KafkaClientMetrics consumerMetrics) {
        this.sink = sink;
        this.store = store;
        this.metrics = metrics;
        this.consumerMetrics = consumerMetrics;
        this.thread = new Thread(this::runLoop, "driftline-sink");
    }

    /** Opens the lake and starts consuming. */
    public static SinkService start(SinkSettings s, MeterRegistry registry) throws IOException {
        LakeStore store = store(s);
        SinkMetrics metrics = new SinkMetrics(registry);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                SinkConsumers.properties(s.bootstrapServers(), s.groupId(), s.kafkaProperties()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(consumer); // lag, fetch rates, …
        consumerMetrics.bindTo(registry);
        LakeSink sink = new LakeSink(consumer, store, SinkConsumers.topics(s.topicPrefix(), s.tables()),
                s.rotation(), s.parquet(), metrics, Clock.systemUTC());
        SinkService service = new SinkService(sink, store, metrics, consumerMetrics);
        service.thread.start();
        return service;
    }

    /** The lake store of the settings: a local directory, or S3 through the AWS SDK's default credentials. */
    public static LakeStore store(SinkSettings s) throws IOException {
        if (!s.lake().isS3()) {
            return new FileLakeStore(s.lake().directory());
        }
        return new S3LakeStore(s3Client(s.endpointUrl().orElse(null), s.region().orElse(null)), s.lake().bucket(),
                s.lake().prefix(), s.partSize(), s.kmsKeyId());
    }

    /**
     * An S3 client: region as given, else the SDK's chain, else us-east-1; with an endpoint URL (moto, MinIO)
     * path-style addressing.
     */
    public static S3Client s3Client(String endpointUrl, String region) {
        S3ClientBuilder b = S3Client.builder().region(region(region));
        if (endpointUrl != null) {
            b.endpointOverride(URI.create(endpointUrl)).forcePathStyle(true);
        }
        return b.build();
    }

    public static Region region(String configured) {
        if (configured != null) {
            return Region.of(configured);
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException e) {
            LOG.info("no AWS region configured (sink.region, AWS_REGION or a profile); using us-east-1");
            return Region.US_EAST_1;
        }
    }

    private void runLoop() {
        try {
            sink.run();
        } catch (Throwable t) {
            failure = t;
            LOG.error("the sink stopped: {}", t.toString(), t);
        }
    }

    /** True while the loop runs. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Why the loop ended, if it failed. */
    public Throwable failure() {
        return failure;
    }

    public SinkMetrics metrics() {
        return metrics;
    }

    public String lake() {
        return store.describe();
    }

    /** Writes what is open, commits, stops; waits up to {@code timeout}. */
    public void close(Duration timeout) {
        try {
            if (!sink.stop(timeout)) {
                LOG.warn("the sink did not stop within {}", timeout);
            }
            thread.join(timeout.toMillis());
            consumerMetrics.close();
            store.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("closing the lake store: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(60));
    }
}
