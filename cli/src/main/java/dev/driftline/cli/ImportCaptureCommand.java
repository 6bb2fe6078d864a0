package dev.driftline.cli;

import dev.driftline.config.UserInputException;
import dev.driftline.collector.CloudEvent;
import dev.driftline.collector.CollectorKeys;
import dev.driftline.collector.CollectorSettings;
import dev.driftline.collector.EventRecords;
import dev.driftline.config.Config;
import dev.driftline.drift.capture.CapturedInference;
import dev.driftline.drift.capture.DataCaptureReader;
import dev.driftline.collector.privacy.PayloadRedactor;
import dev.driftline.collector.privacy.RedactionRule;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code driftline import capture}: SageMaker Data Capture JSONL → inference events on Kafka, in exactly the
 * collector's format (CloudEvents binary binding, key = inference id), so the streaming jobs cannot tell imported
 * traffic from live traffic. The collector's per-model redaction (from --config) applies here too.
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Publish SageMaker Data Capture JSONL files (one file, or every *.jsonl under a directory)",
            "as KServe-style request/response inference events. Stops at the first unreadable line (exit 2, naming",
            "file and line); events published before it stay published."})
public final class ImportCaptureCommand implements Callable<Integer> {
    static final String SOURCE = "sagemaker-data-capture";

    @Option(names = "--from", required = true, description = "A .jsonl file or a directory of them (searched recursively).")
    Path from;

    @Option(names = "--model", required = true, description = "Model name the events are recorded under.")
    String model;

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--config", description = "Collector config file: topics.prefix and collector.redaction.* apply.")
    Path configFile;

    @Override
    public Integer call() throws Exception {
        Config config = Config.builder(CollectorKeys.ALL).openPrefix(CollectorKeys.REDACTION_MODEL_PREFIX)
                .file(configFile).env(System.getenv()).flag(CollectorKeys.BOOTSTRAP_SERVERS, bootstrapServers).build();
        CollectorSettings settings = CollectorSettings.from(config);
        List<Path> files = JsonLinesFiles.of(from);
        RedactionRule rule = settings.redaction().get(model);
        PayloadRedactor redactor = new PayloadRedactor(new com.fasterxml.jackson.databind.ObjectMapper());
        DataCaptureReader reader = new DataCaptureReader();
        Properties p = new Properties();
        p.putAll(settings.kafkaProperties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        long[] counts = new long[2]; // lines, events
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            JsonLinesFiles.forEachLine(files, (f, n, text) -> {
                CapturedInference c = reader.read(text, f.toString(), n);
                counts[0]++;
                if (c.request() != null) {
                    byte[] body = rule == null ? c.request() : redactor.redact(c.request(), rule,
                            settings.hasher().orElse(null));
                    producer.send(EventRecords.toRecord(settings.eventsTopic(), event(c, body,
                            CollectorSettings.TYPE_REQUEST)));
                    counts[1]++;
                }
                if (c.response() != null) {
                    producer.send(EventRecords.toRecord(settings.eventsTopic(), event(c, c.response(),
                            CollectorSettings.TYPE_RESPONSE)));
                    counts[1]++;
                }
                if (counts[0] % 10_000 == 0) {
                    System.err.printf("import: %d lines, %d events ...%n", counts[0], counts[1]);
                }
            });
            producer.flush();
        } catch (dev.driftline.drift.io.InputFormatException e) {
            throw new UserInputException(e.getMessage() + " (" + counts[1] + " events from earlier lines were published)");
        } catch (PayloadRedactor.NotRedactableException e) {
            throw new UserInputException("model " + model + " has redaction rules but a payload is not JSON; nothing "
                    + "unredacted was published for it");
        }
        System.out.printf("imported %d capture lines as %d events to %s%n", counts[0], counts[1],
                settings.eventsTopic());
        return 0;
    }

    private CloudEvent event(CapturedInference c, byte[] body, String type) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("specversion", "1.0");
        a.put("id", c.id());
        a.put("type", type);
        a.put("source", SOURCE);
        a.put("time", c.time().toString());
        a.put("inferenceservicename", model);
        a.put("datacontenttype", "application/json");
        return new CloudEvent(a, body);
    }

}
