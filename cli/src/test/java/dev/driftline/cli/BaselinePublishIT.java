package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.contracts.baseline.BaselineCodec;
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

/** baseline build → publish → the compacted topic holds it under the model's key, readable by the core. */
@WithKafka
class BaselinePublishIT {
    @Test
    void buildThenPublish(KafkaBroker kafka, @TempDir Path dir) throws Exception {
        Path csv = dir.resolve("train.csv");
        StringBuilder sb = new StringBuilder("x,city\n");
        for (int i = 0; i < 500; i++) {
            sb.append(i % 17).append(',').append(i % 3 == 0 ? "Oslo" : "Lima").append('\n');
        }
        Files.writeString(csv, sb);
        Path baseline = dir.resolve("b.json");
        String prefix = kafka.uniqueTopic("publish-it") + ".";
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("baseline", "build", "--input", csv.toString(), "--model", "iris", "--output",
                baseline.toString())).as(err.toString()).isZero();
        cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("baseline", "publish", baseline.toString(), "--bootstrap-servers",
                kafka.bootstrapServers(), "--topic-prefix", prefix)).as(err.toString()).isZero();
        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(prefix + "baselines");
        assertThat(records).hasSize(1);
        assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("iris");
        Baseline b = BaselineCodec.fromJson(new ObjectMapper().readTree(records.get(0).value()), "topic");
        assertThat(b.model()).isEqualTo("iris");
        assertThat(b.features()).hasSize(2);
        assertThat(kafka.admin().describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, prefix + "baselines"))).all().get()
                .values().iterator().next().get("cleanup.policy").value()).isEqualTo("compact");
    }

    @Test
    void anUnreadableBaselineExits2(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\":\"other\"}");
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("baseline", "publish", bad.toString(), "--bootstrap-servers", "127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("bad.json");
    }
}
