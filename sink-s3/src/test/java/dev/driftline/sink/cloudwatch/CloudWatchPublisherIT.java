package dev.driftline.sink.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.config.Config;
import dev.driftline.contracts.Topic;
import dev.driftline.contracts.Topics;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.WithKafka;
import dev.driftline.testkit.WithMoto;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/**
 * Acceptance 3 of issue 14: a drift report and a model-quality window with known figures go through a real broker and
 * the publisher (the code path of {@code driftline cloudwatch publish}) into moto's CloudWatch, and {@code
 * GetMetricData} reads them back under Model Monitor's namespaces, metric names and dimensions at the window's end.
 */
@WithKafka
@WithMoto
class CloudWatchPublisherIT {
    @BeforeEach
    void credentials() {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @AfterEach
    void clear() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void windowsAreReadBackUnderModelMonitorNames(KafkaBroker kafka, MotoServer moto) throws Exception {
        String prefix = kafka.uniqueTopic("cw") + ".";
        Topics topics = new Topics(prefix);
        kafka.createTopic(topics.drift.name(), 1);
        kafka.createTopic(topics.modelQuality.name(), 1);
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
        long start = end.minus(Duration.ofHours(1)).toEpochMilli();
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(kafka.producerProps())) {
            send(p, topics.drift, "churn", CloudWatchSamples.report("churn", start, end.toEpochMilli(), 1));
            send(p, topics.modelQuality, "churn", CloudWatchSamples.quality("churn", "", start, end.toEpochMilli()));
            send(p, topics.modelQuality, "churn", CloudWatchSamples.quality("churn", "v2", start, end.toEpochMilli()));
        }
        Config config = Config.builder(CloudWatchKeys.ALL).openPrefix(CloudWatchKeys.ENDPOINT_MODEL_PREFIX)
                .flag(CloudWatchKeys.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                .flag(CloudWatchKeys.TOPIC_PREFIX, prefix).flag(CloudWatchKeys.GROUP_ID, prefix + "cloudwatch")
                .flag(CloudWatchKeys.ENDPOINT_URL, moto.endpoint().toString()).flag(CloudWatchKeys.REGION, "us-east-1")
                .flag(CloudWatchKeys.METRICS_PORT, -1)
                .openFlag(CloudWatchKeys.ENDPOINT_MODEL_PREFIX + "churn", "churn-prod").build();
        try (CloudWatchService service = CloudWatchService.start(CloudWatchSettings.from(config),
                new SimpleMeterRegistry())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (service.metrics().publishedDatums() < 11 && System.nanoTime() < deadline && service.isRunning()) {
                Thread.sleep(200);
            }
            assertThat(service.metrics().publishedDatums()).isEqualTo(11); // 7 drift/data quality + 4 model quality
        }

        CloudWatchClient cw = moto.closeWithServer(moto.configure(CloudWatchClient.builder()).build());
        List<Dimension> dims = List.of(Dimension.builder().name("EndpointName").value("churn-prod").build(),
                Dimension.builder().name("ScheduleName").value("driftline-churn").build());
        String data = "/aws/sagemaker/Endpoints/data-metric";
        String quality = "/aws/sagemaker/Endpoints/model-metrics";
        GetMetricDataResponse r = cw.getMetricData(b -> b.startTime(end.minus(Duration.ofMinutes(10)))
                .endTime(end.plus(Duration.ofMinutes(10))).metricDataQueries(
                        query("age", data, "feature_baseline_drift_age", dims),
                        query("city", data, "feature_baseline_drift_city", dims),
                        query("nonnull", data, "feature_non_null_age", dims),
                        query("violations", data, "constraint_violations_baseline_drift_check", dims),
                        query("accuracy", quality, "accuracy", dims),
                        query("f1", quality, "f1", dims)));
        Map<String, MetricDataResult> byId = new java.util.HashMap<>();
        r.metricDataResults().forEach(m -> byId.put(m.id(), m));
        assertValue(byId.get("age"), end, 0.27);
        assertValue(byId.get("city"), end, 0.05);
        assertValue(byId.get("nonnull"), end, 0.95);
        assertValue(byId.get("violations"), end, 2.0);
        assertValue(byId.get("accuracy"), end, 0.82);
        assertValue(byId.get("f1"), end, 0.6667);

        Map<TopicPartition, OffsetAndMetadata> committed = kafka.admin()
                .listConsumerGroupOffsets(prefix + "cloudwatch").partitionsToOffsetAndMetadata().get();
        assertThat(committed.get(new TopicPartition(topics.drift.name(), 0)).offset()).isEqualTo(1);
        assertThat(committed.get(new TopicPartition(topics.modelQuality.name(), 0)).offset()).isEqualTo(2);
    }

    private static <V> void send(KafkaProducer<byte[], byte[]> p, Topic<String, V> topic, String key, V value)
            throws Exception {
        p.send(new ProducerRecord<>(topic.name(), key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                topic.valueSerde().serializer().serialize(topic.name(), value))).get();
    }

    private static MetricDataQuery query(String id, String namespace, String metric, List<Dimension> dims) {
        return MetricDataQuery.builder().id(id).metricStat(s -> s.stat("Maximum").period(60)
                .metric(m -> m.namespace(namespace).metricName(metric).dimensions(dims))).build();
    }

    private static void assertValue(MetricDataResult r, Instant at, double value) {
        assertThat(r).as("a result").isNotNull();
        assertThat(r.timestamps()).as(r.id() + " timestamps").containsExactly(at);
        assertThat(r.values()).as(r.id() + " values").containsExactly(value);
    }
}
