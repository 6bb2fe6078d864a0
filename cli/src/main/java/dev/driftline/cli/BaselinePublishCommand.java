package dev.driftline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.config.UserInputException;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.contracts.Topics;
import dev.driftline.contracts.baseline.BaselineCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftline baseline publish}: make a baseline the model's current one for the streaming jobs. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publish a baseline to the streaming jobs.",
            "%nWrites it to the compacted <prefix>baselines topic (key = model), where the streaming jobs pick "
                    + "it up as the model's current reference. The file is validated first."})
public final class BaselinePublishCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Baseline JSON (from `baseline build` or `import-sagemaker`).")
    Path baseline;

    @picocli.CommandLine.Mixin
    KafkaOptions kafka;


    @Override
    public Integer call() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode json;
        Baseline b;
        try {
            json = mapper.readTree(Files.readAllBytes(baseline));
            b = BaselineCodec.fromJson(json, baseline.toString());
        } catch (IOException | RuntimeException e) {
            throw new UserInputException(baseline + ": not a readable baseline: " + e.getMessage());
        }
        String topic = kafka.topics().baselines.name();
        ensureCompactedTopic(topic);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(Topics.MAX_RECORD_BYTES));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            var meta = producer.send(new ProducerRecord<>(topic, b.model(),
                    mapper.writeValueAsString(json).getBytes(StandardCharsets.UTF_8))).get(60, TimeUnit.SECONDS);
            System.out.printf("published baseline of %s (%d columns) to %s partition %d offset %d%n", b.model(),
                    b.features().size(), topic, meta.partition(), meta.offset());
        }
        return 0;
    }

    private void ensureCompactedTopic(String topic) throws InterruptedException {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers);
        try (Admin admin = Admin.create(p)) {
            NewTopic t = new NewTopic(topic, Optional.of(1), Optional.empty()).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(Topics.MAX_RECORD_BYTES)));
            admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka at " + kafka.bootstrapServers + " did not answer within 30 s");
        }
    }
}
