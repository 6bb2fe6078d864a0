package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.bench.process.BrokerProcess;
import dev.driftline.bench.support.Ports;
import dev.driftline.collector.Collector;
import dev.driftline.collector.CollectorKeys;
import dev.driftline.collector.CollectorSettings;
import dev.driftline.config.Config;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `driftline broker` as a real process, stopped and restarted under a running collector: while it is down every
 * POST is answered 503 + Retry-After (not queued, not hung); after the restart on the same data directory POSTs
 * are accepted again, and every event that was ever answered 202 is on the topic.
 */
class BrokerRestartIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String BODY = "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1.5]}]}";

    @Test
    void acknowledgedEventsSurviveABrokerRestartAndDowntimeIsAnswered503(@TempDir Path dir) throws Exception {
        int port = Ports.freeLoopbackPort();
        int controllerPort = Ports.freeLoopbackPort();
        Set<String> acked = new HashSet<>();
        BrokerProcess broker = BrokerProcess.start(dir, port, controllerPort, Duration.ofSeconds(60));
        String bootstrap = broker.bootstrapServers();
        CollectorSettings settings = CollectorSettings.from(Config.builder(CollectorKeys.ALL).env(Map.of())
                .flag(CollectorKeys.BOOTSTRAP_SERVERS, bootstrap).flag(CollectorKeys.PORT, 0)
                .flag(CollectorKeys.HOST, "127.0.0.1").flag(CollectorKeys.PRINT_CONFIG, false).build());
        try (Collector collector = Collector.start(settings)) {
            awaitReady(collector, true);
            for (int i = 0; i < 20; i++) {
                assertThat(postUntilAccepted(collector, "before-" + i)).isEqualTo(202);
                acked.add("before-" + i);
            }

            broker.close(); // SIGTERM: a clean stop; the data directory stays
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> r = post(collector, "down-" + i);
                assertThat(r.statusCode()).as("while the broker is down").isEqualTo(503);
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            }
            awaitReady(collector, false);

            broker = BrokerProcess.start(dir, port, controllerPort, Duration.ofSeconds(60));
            awaitReady(collector, true);
            for (int i = 0; i < 20; i++) {
                assertThat(postUntilAccepted(collector, "after-" + i)).isEqualTo(202);
                acked.add("after-" + i);
            }
            Set<String> onTopic = keys(bootstrap, settings.eventsTopic());
            assertThat(onTopic).containsAll(acked);
            assertThat(onTopic).anyMatch(k -> k.startsWith("before-")).anyMatch(k -> k.startsWith("after-"));
        } finally {
            broker.close();
        }
    }

    /**
     * A sender that retries on 503, as the collector asks it to (Retry-After): a cold broker's first acks can
     * exceed the ack timeout. What matters is that every 202 is on the topic, which the test checks at the end.
     */
    private static int postUntilAccepted(Collector c, String id) throws Exception {
        int status = 0;
        for (int attempt = 0; attempt < 50 && status != 202; attempt++) {
            status = post(c, id).statusCode();
            if (status != 202) {
                assertThat(status).as("only 503 is retried").isEqualTo(503);
                Thread.sleep(200);
            }
        }
        return status;
    }

    private static HttpResponse<String> post(Collector c, String id) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.port() + "/"))
                .timeout(Duration.ofSeconds(10)).header("Ce-Specversion", "1.0").header("Ce-Id", id)
                .header("Ce-Type", "org.kubeflow.serving.inference.request").header("Ce-Source", "it")
                .header("Ce-Inferenceservicename", "restart").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitReady(Collector c, boolean ready) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (c.ready() != ready && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(c.ready()).isEqualTo(ready);
    }

    private static Set<String> keys(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            return all.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
        }
    }
}
