package dev.driftline.cli;

import dev.driftline.config.UserInputException;
import dev.driftline.collector.CloudEvent;
import dev.driftline.collector.CollectorKeys;
import dev.driftline.collector.CollectorSettings;
import dev.driftline.collector.EventRecords;
import dev.driftline.config.Config;
import dev.driftline.contracts.Topics;
import dev.driftline.drift.capture.CapturedInference;
import dev.driftline.drift.capture.DataCaptureReader;
import dev.driftline.collector.privacy.PayloadRedactor;
import dev.driftline.collector.privacy.RedactionRule;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code driftline import capture}: SageMaker Data Capture JSONL → inference events on Kafka, in exactly the
 * collector's format (CloudEvents binary binding, key = inference id), so the streaming jobs cannot tell imported
 * traffic from live traffic. The collector's per-model redaction (from --config) applies here too. Local files and
 * S3 objects alike are published one transaction per object and checkpointed ({@link TransactionalImport}), so a
 * killed import reruns to the same result.
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Publish SageMaker Data Capture files to Kafka as inference events, exactly once.",
            "%nReads Data Capture JSONL (a file, every *.jsonl under a directory, or every .jsonl object under "
                    + "s3://BUCKET/PREFIX in SageMaker's <endpoint>/<variant>/yyyy/mm/dd/hh/ layout) and publishes "
                    + "KServe-style request/response inference events; an object in that layout gives its events the "
                    + "CloudEvent attribute endpoint (ce_endpoint) = its <variant> folder, which the streams job uses "
                    + "as the model version when the payload names none.",
            "%nEach object is published in one Kafka transaction together with its checkpoint record on "
                    + "<prefix>import.checkpoints: a rerun (after a kill, an error or Ctrl-C) skips the objects already "
                    + "imported and publishes the rest, so readers in read_committed mode see every event once. Stops "
                    + "at the first unreadable line or object (exit 2, naming the object and line); nothing of that "
                    + "object is published. Progress goes to stderr.",
            "%nS3: the AWS SDK's default credentials and region; --endpoint-url for moto or MinIO."})
public final class ImportCaptureCommand implements Callable<Integer> {
    static final String SOURCE = "sagemaker-data-capture";
    /** No filter: {@link CaptureLayoutFilter#keeps} then only checks that a path is in the Data Capture layout. */
    private static final CaptureLayoutFilter ANY_HOUR = new CaptureLayoutFilter(Optional.empty(), Optional.empty(),
            Optional.empty());

    @Mixin
    ImportSourceOptions source = new ImportSourceOptions();

    @Option(names = "--variant", paramLabel = "NAME",
            description = "Only this production variant's folder (<endpoint>/<variant>/yyyy/…), e.g. AllTraffic.")
    String variant;

    @Option(names = "--model", required = true, description = "Model name the events are recorded under.")
    String model;

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--config", description = "Collector config file: topics.prefix and collector.redaction.* apply.")
    Path configFile;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        Config config = Config.builder(CollectorKeys.ALL).openPrefix(CollectorKeys.REDACTION_MODEL_PREFIX)
                .file(configFile).env(System.getenv()).flag(CollectorKeys.BOOTSTRAP_SERVERS, bootstrapServers).build();
        CollectorSettings settings = CollectorSettings.from(config);
        CaptureLayoutFilter filter = CaptureLayoutFilter.of(variant, source.since, source.until);
        RedactionRule rule = settings.redaction().get(model);
        PayloadRedactor redactor = new PayloadRedactor(new com.fasterxml.jackson.databind.ObjectMapper());
        DataCaptureReader reader = new DataCaptureReader();
        Properties p = new Properties();
        p.putAll(settings.kafkaProperties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        String checkpointId = source.checkpointId("capture", model);
        Topics topics = new Topics(config.get(CollectorKeys.TOPIC_PREFIX));
        TransactionalImport.Result result;
        try (S3Client s3 = source.isS3() ? source.aws.s3() : null) {
            List<JsonLinesObject> objects = source.objects(filter, s3);
            if (objects.isEmpty()) {
                throw new UserInputException(source.from + ": no objects match --variant/--since/--until");
            }
            Map<String, String> variants = new HashMap<>(); // object name → variant; the mapper gets the name only
            for (JsonLinesObject o : objects) {
                String v = variantOf(o.layoutKey());
                if (v != null) {
                    variants.put(o.name(), v);
                }
            }
            TransactionalImport importer = new TransactionalImport(p, checkpointId, new ImportCheckpoints(
                    settings.bootstrapServers(), topics, checkpointId), clock, System.err);
            result = importer.run(objects, (text, object, line, send) -> {
                CapturedInference c = reader.read(text, object, line);
                String variant = variants.get(object);
                if (c.request() != null) {
                    byte[] body = rule == null ? c.request() : redactor.redact(c.request(), rule,
                            settings.hasher().orElse(null));
                    send.accept(EventRecords.toRecord(settings.eventsTopic(), event(c, body,
                            CollectorSettings.TYPE_REQUEST, variant)));
                }
                if (c.response() != null) {
                    send.accept(EventRecords.toRecord(settings.eventsTopic(), event(c, c.response(),
                            CollectorSettings.TYPE_RESPONSE, variant)));
                }
            });
        } catch (TransactionalImport.ObjectFailed e) {
            if (e.getCause() instanceof PayloadRedactor.NotRedactableException) {
                throw new UserInputException(e.getMessage() + ": model " + model + " has redaction rules but a "
                        + "payload is not JSON; nothing of this object was published");
            }
            throw e.forUser();
        }
        System.out.printf("imported %d capture lines as %d events to %s (%d objects now, %d imported before)%n",
                result.lines(), result.records(), settings.eventsTopic(), result.published(), result.skipped());
        return 0;
    }

    /**
     * The production variant of a Data Capture object: the {@code <variant>} folder of its layout key (its path below
     * {@code --from}), {@code <endpoint>/<variant>/yyyy/mm/dd/hh/<file>}, parsed as {@link CaptureLayoutFilter} does
     * for {@code --variant}, so an object's label is the name {@code --variant} selects it by; null when the key is
     * not in that layout (e.g. {@code --from} a single file or a folder below the variant: nothing names it there).
     */
    static String variantOf(String layoutKey) {
        String[] s = layoutKey.split("/");
        int n = s.length; // …, variant, yyyy, mm, dd, hh, file
        return n >= 6 && !s[n - 6].isEmpty() && ANY_HOUR.keeps(layoutKey) ? s[n - 6] : null;
    }

    /**
     * The CloudEvent the collector would have written for this capture line. {@code endpoint} ({@code ce_endpoint},
     * KServe's {@code Ce-Endpoint} revision label) is the variant, so the streams job tells a canary variant's rows
     * from the stable one's as it does KServe revisions; left out for objects outside the layout (no variant known).
     */
    private CloudEvent event(CapturedInference c, byte[] body, String type, String variant) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("specversion", "1.0");
        a.put("id", c.id());
        a.put("type", type);
        a.put("source", SOURCE);
        a.put("time", c.time().toString());
        a.put("inferenceservicename", model);
        a.put("datacontenttype", "application/json");
        if (variant != null) {
            a.put("endpoint", variant);
        }
        return new CloudEvent(a, body);
    }
}
