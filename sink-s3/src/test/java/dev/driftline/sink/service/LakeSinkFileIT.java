package dev.driftline.sink.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftline.sink.LakeColumn;
import dev.driftline.sink.LakeLocation;
import dev.driftline.sink.PyArrow;
import dev.driftline.sink.LakeTable;
import dev.driftline.sink.LakeTraffic;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink on a real broker writing a local lake ({@code file://}): all six tables, read back with DuckDB. */
@WithKafka
class LakeSinkFileIT {

    @Test
    void writesEveryCommittedRecordOfAllSixTablesExactlyOnce(KafkaBroker kafka, @TempDir Path dir) throws Exception {
        LakeTraffic traffic = LakeTraffic.send(kafka, 600, 0);
        SinkMetrics m = SinkRuns.runToEnd(SinkRuns.settings(kafka.bootstrapServers(), traffic,
                LakeLocation.parse(dir.toUri().toString()), Optional.empty(), 50), traffic);
        traffic.assertLake(dir);
        assertThat(m.rows(LakeTable.INFERENCE_LOG)).isEqualTo(600);
        assertThat(m.files(LakeTable.INFERENCE_LOG)).as("batches of 50 records rotate").isGreaterThan(12);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .as("no temporary file left").allMatch(n -> n.endsWith(".parquet") && !n.startsWith("."));
        }
        crossCheckWithPyArrow(dir, traffic);
    }

    /** A second, independent reader: pyarrow from the machine's wheels, when there is one (logged otherwise). */
    private static void crossCheckWithPyArrow(Path lake, LakeTraffic traffic) throws Exception {
        Optional<Path> pyarrow = PyArrow.install();
        if (pyarrow.isEmpty()) {
            System.err.println("LakeSinkFileIT: no pyarrow wheel on this machine (DRIFTLINE_WHEEL_DIRS); "
                    + "the DuckDB read-back above is the only check");
            return;
        }
        List<String> names = Arrays.stream(LakeTable.values()).map(LakeTable::tableName).toList();
        JsonNode read = PyArrow.read(pyarrow.get(), lake, names);
        for (LakeTable t : LakeTable.values()) {
            JsonNode r = read.get(t.tableName());
            assertThat(r.get("rows").asLong()).as("pyarrow rows of " + t.tableName())
                    .isEqualTo(traffic.expectedRows.get(t));
            List<String> columns = new ArrayList<>();
            r.get("columns").forEach(c -> columns.add(c.get(0).asText()));
            List<String> expected = new ArrayList<>(t.columns().stream().map(LakeColumn::name).toList());
            expected.addAll(LakeTable.PARTITION_COLUMNS);
            assertThat(columns).as("pyarrow columns of " + t.tableName()).containsExactlyElementsOf(expected);
            r.get("columns").forEach(c -> {
                if (c.get(0).asText().endsWith("_at") || c.get(0).asText().equals("event_time")) {
                    assertThat(c.get(1).asText()).isEqualTo("timestamp[ms, tz=UTC]");
                }
            });
        }
    }

    @Test
    void aSecondRunOfTheSameGroupAddsNothingAndAFreshGroupRewritesTheSameKeys(KafkaBroker kafka, @TempDir Path dir)
            throws Exception {
        LakeTraffic traffic = LakeTraffic.send(kafka, 200, 0);
        SinkSettings s0 = SinkRuns.settings(kafka.bootstrapServers(), traffic,
                LakeLocation.parse(dir.toUri().toString()), Optional.empty(), 60);
        // boundaries from the data only (no wall-clock rotation), so both runs must cut the same files
        SinkSettings s = new SinkSettings(s0.bootstrapServers(), s0.kafkaProperties(), s0.topicPrefix(), s0.lake(),
                s0.groupId(), s0.tables(), s0.endpointUrl(), s0.region(), s0.kmsKeyId(), s0.partSize(), s0.parquet(),
                new Rotation(60, 128L << 20, java.time.Duration.ofHours(1), java.time.Duration.ofHours(1)), -1,
                "127.0.0.1");
        SinkRuns.runToEnd(s, traffic);
        java.util.List<String> first = keys(dir);
        // a fresh group replays everything from offset 0: data-only boundaries give the same keys
        SinkSettings replay = new SinkSettings(s.bootstrapServers(), s.kafkaProperties(), s.topicPrefix(), s.lake(),
                s.groupId() + "-replay", s.tables(), s.endpointUrl(), s.region(), s.kmsKeyId(), s.partSize(),
                s.parquet(), s.rotation(), -1, "127.0.0.1");
        SinkRuns.runToEnd(replay, traffic);
        assertThat(keys(dir)).isEqualTo(first);
        traffic.assertLake(dir);
    }

    private static java.util.List<String> keys(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
