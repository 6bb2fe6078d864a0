package dev.driftline.cli;

import dev.driftline.config.UserInputException;
import dev.driftline.contracts.labels.LabelCodec;
import dev.driftline.drift.capture.GroundTruthLabel;
import dev.driftline.drift.capture.GroundTruthReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code driftline import ground-truth}: SageMaker ground-truth JSONL → {@code driftline.labels}, one transaction
 * per object with its checkpoint, like {@link ImportCaptureCommand}.
 */
@Command(name = "ground-truth", mixinStandardHelpOptions = true,
        description = {"Publish SageMaker Model Monitor ground-truth files to Kafka as labels.",
            "%nReads ground-truth JSONL (a file, every *.jsonl under a directory, or every .jsonl object under "
                    + "s3://BUCKET/PREFIX in SageMaker's yyyy/mm/dd/hh/ layout) and publishes labels on <prefix>labels "
                    + "(key = inference id). One transaction per object with its checkpoint: a rerun skips what was "
                    + "imported. Stops at the first unreadable line or object (exit 2, naming object and line)."})
public final class ImportGroundTruthCommand implements Callable<Integer> {
    @Mixin
    ImportSourceOptions source = new ImportSourceOptions();

    @Option(names = "--model", required = true, description = "Model the labels belong to.")
    String model;

    @Mixin
    KafkaOptions kafka;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        GroundTruthReader reader = new GroundTruthReader();
        CaptureLayoutFilter filter = CaptureLayoutFilter.of(null, source.since, source.until);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers);
        String topic = kafka.topics().labels.name();
        String checkpointId = source.checkpointId("ground-truth", model);
        TransactionalImport.Result result;
        try (S3Client s3 = source.isS3() ? source.aws.s3() : null) {
            List<JsonLinesObject> objects = source.objects(filter, s3);
            if (objects.isEmpty()) {
                throw new UserInputException(source.from + ": no objects match --since/--until");
            }
            TransactionalImport importer = new TransactionalImport(p, checkpointId, new ImportCheckpoints(
                    kafka.bootstrapServers, kafka.topics(), checkpointId), clock, System.err);
            result = importer.run(objects, (text, object, line, send) -> {
                for (GroundTruthLabel l : reader.read(text, model, clock.instant(), object, line)) {
                    send.accept(new ProducerRecord<>(topic, l.inferenceId().getBytes(StandardCharsets.UTF_8),
                            LabelCodec.INSTANCE.encode(l)));
                }
            });
        } catch (TransactionalImport.ObjectFailed e) {
            throw e.forUser();
        }
        System.out.printf("imported %d labels to %s (%d objects now, %d imported before)%n", result.records(), topic,
                result.published(), result.skipped());
        return 0;
    }
}
