package dev.driftline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.drift.capture.GroundTruthLabel;
import dev.driftline.drift.capture.GroundTruthReader;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code driftline import ground-truth}: SageMaker ground-truth JSONL → {@code driftline.labels}. */
@Command(name = "ground-truth", mixinStandardHelpOptions = true,
        description = {"Publish SageMaker Model Monitor ground-truth JSONL (a file, or every *.jsonl under a directory)",
            "as labels on <prefix>labels (key = inference id). Stops at the first unreadable line (exit 2, naming",
            "file and line)."})
public final class ImportGroundTruthCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, description = "A .jsonl file or a directory of them.")
    Path from;

    @Option(names = "--model", required = true, description = "Model the labels belong to.")
    String model;

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--topic-prefix", defaultValue = "driftline.", description = "Topic prefix (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Override
    public Integer call() throws Exception {
        List<Path> files;
        if (!Files.exists(from)) {
            throw new UserInputException(from + ": no such file or directory");
        }
        try (Stream<Path> s = Files.isRegularFile(from) ? Stream.of(from) : Files.walk(from)) {
            files = s.filter(f -> Files.isRegularFile(f) && (f.equals(from) || f.toString().endsWith(".jsonl")))
                    .sorted().toList();
        }
        GroundTruthReader reader = new GroundTruthReader();
        ObjectMapper mapper = new ObjectMapper();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        long labels = 0;
        String topic = prefix + "labels";
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            for (Path f : files) {
                try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    String text;
                    long n = 0;
                    while ((text = r.readLine()) != null) {
                        n++;
                        if (text.isBlank()) {
                            continue;
                        }
                        for (GroundTruthLabel l : reader.read(text, model, Clock.systemUTC().instant(), f.toString(), n)) {
                            producer.send(new ProducerRecord<>(topic, l.inferenceId(),
                                    mapper.writeValueAsBytes(reader.toJson(l))));
                            labels++;
                        }
                    }
                }
            }
            producer.flush();
        } catch (dev.driftline.drift.io.InputFormatException e) {
            throw new UserInputException(e.getMessage() + " (" + labels + " labels from earlier lines were published)");
        }
        System.out.printf("imported %d labels to %s%n", labels, topic);
        return 0;
    }
}
