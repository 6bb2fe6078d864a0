package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Data Capture files become the collector's event format on a real broker; redaction applies. */
@WithKafka
class ImportCaptureIT {
    private static String line(String id, String csvIn, String csvOut) {
        return "{\"captureData\":{\"endpointInput\":{\"observedContentType\":\"text/csv\",\"mode\":\"INPUT\","
                + "\"data\":\"" + csvIn + "\",\"encoding\":\"CSV\"},\"endpointOutput\":{\"observedContentType\":"
                + "\"text/csv\",\"mode\":\"OUTPUT\",\"data\":\"" + csvOut + "\",\"encoding\":\"CSV\"}},"
                + "\"eventMetadata\":{\"eventId\":\"" + id + "\",\"inferenceTime\":\"2019-11-20T23:33:12Z\"},"
                + "\"eventVersion\":\"0\"}";
    }

    private static int run(StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void importsADirectoryOfCaptureFiles(KafkaBroker kafka, @TempDir Path dir) throws Exception {
        Path hour = Files.createDirectories(dir.resolve("endpoint/AllTraffic/2019/11/20/23"));
        Files.writeString(hour.resolve("a.jsonl"), line("e1", "132,25,113.2", "0.0107") + "\n"
                + line("e2", "140,20,99.0", "0.2") + "\n");
        Files.writeString(hour.resolve("b.jsonl"), line("e3", "150,22,101.5", "0.7") + "\n");
        Files.writeString(dir.resolve("loose.jsonl"), line("e4", "1,2,3", "0.5") + "\n"); // outside the layout
        String prefix = kafka.uniqueTopic("import-it") + ".";
        Path config = dir.resolve("c.properties");
        Files.writeString(config, "topics.prefix=" + prefix + "\n");
        StringWriter err = new StringWriter();
        assertThat(run(err, "import", "capture", "--from", dir.toString(), "--model", "xgb", "--bootstrap-servers",
                kafka.bootstrapServers(), "--config", config.toString())).as(err.toString()).isZero();
        List<ConsumerRecord<byte[], byte[]>> events = kafka.readAll(prefix + "inference.events");
        assertThat(events).hasSize(8);
        ConsumerRecord<byte[], byte[]> first = events.stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("e1")
                        && new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8).endsWith("request"))
                .findFirst().orElseThrow();
        assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo("{\"instances\":[[132,25,113.2]]}");
        assertThat(new String(first.headers().lastHeader("ce_inferenceservicename").value(), StandardCharsets.UTF_8))
                .isEqualTo("xgb");
        assertThat(new String(first.headers().lastHeader("ce_time").value(), StandardCharsets.UTF_8))
                .isEqualTo("2019-11-20T23:33:12Z");
        assertThat(new String(first.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/json");
        // ce_endpoint = the variant folder, on request and response (the version for V1 payloads downstream);
        // left out when the object is not in <endpoint>/<variant>/yyyy/mm/dd/hh/
        for (ConsumerRecord<byte[], byte[]> r : events) {
            String id = new String(r.key(), StandardCharsets.UTF_8);
            if (id.equals("e4")) {
                assertThat(r.headers().lastHeader("ce_endpoint")).as(id).isNull();
            } else {
                assertThat(new String(r.headers().lastHeader("ce_endpoint").value(), StandardCharsets.UTF_8)).as(id)
                        .isEqualTo("AllTraffic");
            }
        }
    }

    @Test
    void aBadLineStopsWithFileAndLine(KafkaBroker kafka, @TempDir Path dir) throws Exception {
        Path f = dir.resolve("cap.jsonl");
        Files.writeString(f, line("e1", "1,2", "0.1") + "\n{broken\n");
        StringWriter err = new StringWriter();
        assertThat(run(err, "import", "capture", "--from", f.toString(), "--model", "m", "--bootstrap-servers",
                kafka.bootstrapServers())).isEqualTo(2);
        assertThat(err.toString()).contains("cap.jsonl:2");
    }

    @Test
    void groundTruthBecomesLabels(KafkaBroker kafka, @TempDir Path dir) throws Exception {
        Path f = dir.resolve("gt.jsonl");
        Files.writeString(f, "{\"groundTruthData\": {\"data\": \"1\", \"encoding\": \"CSV\"}, "
                + "\"eventMetadata\": {\"eventId\": \"e1\", \"inferenceTime\": \"2019-11-20T23:40:00Z\"}}\n");
        String prefix = kafka.uniqueTopic("gt-it") + ".";
        StringWriter err = new StringWriter();
        assertThat(run(err, "import", "ground-truth", "--from", f.toString(), "--model", "xgb", "--bootstrap-servers",
                kafka.bootstrapServers(), "--topic-prefix", prefix)).as(err.toString()).isZero();
        List<ConsumerRecord<byte[], byte[]>> labels = kafka.readAll(prefix + "labels");
        assertThat(labels).hasSize(1);
        assertThat(new String(labels.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("e1");
        assertThat(new String(labels.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"inference_id\":\"e1\","
                + "\"row\":0,\"model\":\"xgb\",\"label\":1,\"event_time\":\"2019-11-20T23:40:00Z\"}");
    }
}
