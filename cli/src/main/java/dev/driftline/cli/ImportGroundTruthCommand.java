package dev.driftline.cli;

import dev.driftline.config.UserInputException;
import dev.driftline.contracts.labels.LabelCodec;
import dev.driftline.drift.capture.GroundTruthLabel;
import dev.driftline.drift.capture.GroundTruthReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
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

    @picocli.CommandLine.Mixin
    KafkaOptions kafka;


    @Override
    public Integer call() throws Exception {
        List<Path> files = JsonLinesFiles.of(from);
        GroundTruthReader reader = new GroundTruthReader();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        long[] labels = {0};
        String topic = kafka.topics().labels.name();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            JsonLinesFiles.forEachLine(files, (f, n, text) -> {
                for (GroundTruthLabel l : reader.read(text, model, Clock.systemUTC().instant(), f.toString(), n)) {
                    producer.send(new ProducerRecord<>(topic, l.inferenceId(), LabelCodec.INSTANCE.encode(l)));
                    labels[0]++;
                }
            });
            producer.flush();
        } catch (dev.driftline.drift.io.InputFormatException e) {
            throw new UserInputException(e.getMessage() + " (" + labels[0] + " labels from earlier lines were published)");
        }
        System.out.printf("imported %d labels to %s%n", labels[0], topic);
        return 0;
    }
}
