package dev.driftline.remediation.it;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.driftline.contracts.Topic;
import dev.driftline.contracts.Topics;
import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.remediation.policy.RemediationPolicy;
import dev.driftline.remediation.service.RemediationSettings;
import dev.driftline.streams.app.TopicCreator;
import dev.driftline.testkit.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** What the remediation ITs share: topics under a fresh prefix, settings, producing, reading, waiting. */
final class RemediationItSupport {
    final KafkaBroker broker;
    final Topics topics;
    final String prefix;

    RemediationItSupport(KafkaBroker broker) throws Exception {
        this.broker = broker;
        this.prefix = "rem" + UUID.randomUUID().toString().substring(0, 8) + ".";
        this.topics = new Topics(prefix);
        TopicCreator.ensure(broker.admin(), topics, Optional.empty()); // the broker's shared admin: not closed here
    }

    static RemediationPolicy policy(String yaml) throws Exception {
        return RemediationPolicy.parse("policy.yaml", new ObjectMapper(new YAMLFactory()).readTree(yaml));
    }

    RemediationSettings settings(RemediationPolicy policy, Path stateDir, String awsEndpoint, String awsRegion,
                                 String kubernetesMaster) {
        return new RemediationSettings(broker.bootstrapServers(), new Properties(), topics,
                "remediation-" + prefix, stateDir, policy, Duration.ofMillis(200), true,
                Optional.ofNullable(awsEndpoint), Optional.ofNullable(awsRegion), Optional.ofNullable(kubernetesMaster),
                -1, "127.0.0.1", Duration.ofSeconds(30));
    }

    <V> void produce(Topic<String, V> topic, String key, V value) {
        Properties p = broker.producerProps();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    topic.valueSerde().serializer().serialize(topic.name(), value))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    <V> List<V> read(Topic<String, V> topic) {
        List<V> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : broker.readAll(topic.name())) {
            out.add(topic.valueSerde().deserializer().deserialize(topic.name(), r.value()));
        }
        return out;
    }

    /** The latest episode per model. */
    Map<String, Episode> episodes() {
        Map<String, Episode> latest = new LinkedHashMap<>();
        read(topics.remediationEpisodes).forEach(e -> latest.put(e.model(), e));
        return latest;
    }

    List<EpisodeEvent> events(String model) {
        return read(topics.remediationEvents).stream().filter(e -> e.model().equals(model))
                .sorted(java.util.Comparator.comparingLong(EpisodeEvent::at)).toList();
    }

    /** Polls the episodes topic until {@code done} holds for the model's latest episode. */
    Episode awaitEpisode(String model, Predicate<Episode> done, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Episode last = null;
        while (System.nanoTime() < deadline) {
            last = episodes().get(model);
            if (last != null && done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        fail("episode of " + model + " never " + what + " within " + timeout + "; last: " + last
                + "\nevents: " + events(model).stream().map(e -> e.to() + ": " + e.message()).toList());
        return null;
    }
}
