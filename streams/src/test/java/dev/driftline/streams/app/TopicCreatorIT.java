package dev.driftline.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.contracts.Topics;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

@WithKafka
class TopicCreatorIT {
    @Test
    void createsMissingTopicsAsDeclaredAndIsIdempotent(KafkaBroker kafka) throws Exception {
        Topics topics = new Topics(kafka.uniqueTopic("creator-it") + ".");
        List<String> created = TopicCreator.ensure(kafka.admin(), topics, Optional.empty());
        assertThat(created).hasSize(topics.all().size());
        assertThat(TopicCreator.ensure(kafka.admin(), topics, Optional.empty())).isEmpty();
        Config baselines = kafka.admin().describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC,
                topics.baselines.name()))).all().get().values().iterator().next();
        assertThat(baselines.get("cleanup.policy").value()).isEqualTo("compact");
        Config events = kafka.admin().describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC,
                topics.inferenceEvents.name()))).all().get().values().iterator().next();
        assertThat(events.get("retention.ms").value()).isEqualTo(Long.toString(7L * 24 * 3600 * 1000));
        assertThat(kafka.admin().describeTopics(List.of(topics.inferenceEvents.name())).allTopicNames().get()
                .get(topics.inferenceEvents.name()).partitions()).hasSize(6);
        // a wide model's profiles are over Kafka's default 1 MiB: every topic takes records up to the limit
        for (Config c : kafka.admin().describeConfigs(topics.all().stream().map(t -> new ConfigResource(
                ConfigResource.Type.TOPIC, t.name())).toList()).all().get().values()) {
            assertThat(c.get("max.message.bytes").value()).isEqualTo(Integer.toString(Topics.MAX_RECORD_BYTES));
        }
    }
}
