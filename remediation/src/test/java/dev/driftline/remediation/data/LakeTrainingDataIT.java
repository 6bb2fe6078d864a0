package dev.driftline.remediation.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineBuilder;
import dev.driftline.drift.io.Table;
import dev.driftline.drift.io.TableReader;
import dev.driftline.remediation.policy.PolicySection;
import dev.driftline.sink.LakeTable;
import dev.driftline.sink.ObjectKeys;
import dev.driftline.sink.rows.LakeRow;
import dev.driftline.sink.rows.SourceRecord;
import dev.driftline.sink.rows.TableRows;
import dev.driftline.sink.write.FileLakeStore;
import dev.driftline.sink.write.ParquetSettings;
import dev.driftline.sink.write.TableFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local lake written by the sink's own code (inference_log and labels through TableRows and TableFile) exported by
 * {@link LakeTrainingData} with DuckDB: the labelled rows of the period only, one column per feature plus the label
 * named as in the baseline, readable by drift's TableReader; a second prepare does not export again; too few rows
 * fail clearly.
 */
class LakeTrainingDataIT {
    private static final Instant TRIGGER = Instant.parse("2026-11-21T12:00:00Z");

    @TempDir
    Path lake;
    @TempDir
    Path out;
    private long offset;

    private void write(FileLakeStore store, LakeTable t, String key, Instant ts, String value) throws Exception {
        long off = offset++;
        SourceRecord r = new SourceRecord(t.topic("driftline."), 0, off, ts.toEpochMilli(),
                key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), List.of());
        List<LakeRow> rows = TableRows.of(t).rows(r);
        TableFile file = new TableFile(t, store.create(ObjectKeys.key(t, rows.get(0).model(),
                rows.get(0).partitionTime(), r.topic(), 0, off)), ParquetSettings.DEFAULTS, Map.of());
        for (LakeRow row : rows) {
            file.write(row);
        }
        file.commit();
    }

    private static String inference(String model, String id, int row, Instant t, double x, String city) {
        return "{\"schema_version\":1,\"model\":\"" + model + "\",\"inference_id\":\"" + id + "\",\"row\":" + row
                + ",\"event_time\":\"" + t + "\",\"features\":{\"x\":" + x + ",\"city\":\"" + city
                + "\",\"extra\":1},\"predictions\":{\"p\":1},\"label\":null}";
    }

    private static String label(String id, int row, String model, String label) {
        return "{\"inference_id\":\"" + id + "\",\"row\":" + row + (model == null ? "" : ",\"model\":\"" + model
                + "\"") + ",\"label\":" + label + "}";
    }

    @BeforeEach
    void writeLake() throws Exception {
        try (FileLakeStore store = new FileLakeStore(lake)) {
            // 4 labelled rows in the period (one label naming no model, one corrected), 1 unlabelled, 1 labelled
            // but 8 days before the trigger, 1 of another model
            Instant t = TRIGGER.minus(Duration.ofHours(5));
            write(store, LakeTable.INFERENCE_LOG, "wine", t, inference("wine", "a", 0, t, 1.5, "Oslo, NO"));
            write(store, LakeTable.INFERENCE_LOG, "wine", t, inference("wine", "a", 1, t, 2.5, "Bergen"));
            write(store, LakeTable.INFERENCE_LOG, "wine", t.plusSeconds(60), inference("wine", "b", 0,
                    t.plusSeconds(60), 3.5, "Oslo, NO"));
            write(store, LakeTable.INFERENCE_LOG, "wine", t.plusSeconds(120), inference("wine", "c", 0,
                    t.plusSeconds(120), 4.5, "Bergen"));
            write(store, LakeTable.INFERENCE_LOG, "wine", t.plusSeconds(180), inference("wine", "d", 0,
                    t.plusSeconds(180), 5.5, "Bergen"));
            Instant old = TRIGGER.minus(Duration.ofDays(8));
            write(store, LakeTable.INFERENCE_LOG, "wine", old, inference("wine", "old", 0, old, 9.5, "Bergen"));
            write(store, LakeTable.INFERENCE_LOG, "fraud", t, inference("fraud", "f", 0, t, 7.5, "Oslo"));
            Instant arrived = TRIGGER.minus(Duration.ofHours(1));
            write(store, LakeTable.LABELS, "a", arrived, label("a", 0, "wine", "6"));
            write(store, LakeTable.LABELS, "a", arrived, label("a", 1, null, "5"));
            write(store, LakeTable.LABELS, "b", arrived, label("b", 0, "wine", "4"));
            write(store, LakeTable.LABELS, "b", arrived.plusSeconds(1), label("b", 0, "wine", "7")); // corrected
            write(store, LakeTable.LABELS, "c", arrived, label("c", 0, "wine", "6"));
            write(store, LakeTable.LABELS, "old", old.plusSeconds(60), label("old", 0, "wine", "3"));
            write(store, LakeTable.LABELS, "f", arrived, label("f", 0, "fraud", "1"));
        }
    }

    private TrainingDataSettings settings(int minRows) {
        return TrainingDataSettings.from(new PolicySection("policy.yaml", "models.wine.data",
                new ObjectMapper().valueToTree(Map.of("source", "lake", "lake", lake.toUri().toString(),
                        "output", out.toUri().toString(), "min-rows", minRows))));
    }

    /** A baseline with features x and city and label quality (the lake's "extra" feature is not the model's). */
    private static Baseline baseline() {
        List<Object[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(new Object[] {String.valueOf(i * 0.5), i % 2 == 0 ? "Oslo" : "Bergen", String.valueOf(i % 3)});
            lines.add(i + 2L);
        }
        return new BaselineBuilder(Clock.fixed(TRIGGER, ZoneOffset.UTC)).build(new Table("train.csv",
                List.of("x", "city", "quality"), rows, lines), "wine", Optional.of(List.of("x", "city")),
                Optional.of("quality"), Optional.empty(), Map.of());
    }

    @Test
    void exportsTheLabelledRowsOfThePeriodOnceAsCsvTheTableReaderReads() throws Exception {
        LakeTrainingData data = LakeTrainingData.local(settings(4), m -> m.equals("wine") ? Optional.of(baseline())
                : Optional.empty());
        String location = data.prepare("wine-e1", "wine", TRIGGER.toEpochMilli());
        Path dir = out.resolve("wine-e1");
        assertThat(location).isEqualTo(dir.toUri().toString());
        Path csv = dir.resolve(LakeTrainingData.LOCAL_FILE);
        assertThat(Files.readAllLines(csv)).containsExactly("x,city,quality", "1.5,\"Oslo, NO\",6", "2.5,Bergen,5",
                "3.5,\"Oslo, NO\",7", "4.5,Bergen,6");
        Table t = TableReader.read(csv);
        assertThat(t.columns()).containsExactly("x", "city", "quality");
        assertThat(t.size()).isEqualTo(4);
        assertThat(dir.toFile().list()).containsExactly(LakeTrainingData.LOCAL_FILE); // no temporary file left

        // a second prepare returns the finished export without querying (the lake is gone) nor rewriting it
        long modified = Files.getLastModifiedTime(csv).toMillis();
        deleteTree(lake);
        assertThat(data.prepare("wine-e1", "wine", TRIGGER.toEpochMilli())).isEqualTo(location);
        assertThat(Files.getLastModifiedTime(csv).toMillis()).isEqualTo(modified);
        assertThat(Files.readAllLines(csv)).hasSize(5);
    }

    @Test
    void withoutABaselineTheFeaturesOfThePeriodAndALabelColumn() throws Exception {
        LakeTrainingData data = LakeTrainingData.local(settings(1), m -> Optional.empty());
        data.prepare("wine-e2", "wine", TRIGGER.toEpochMilli());
        List<String> lines = Files.readAllLines(out.resolve("wine-e2").resolve(LakeTrainingData.LOCAL_FILE));
        assertThat(lines.get(0)).isEqualTo("city,extra,x,label");
        assertThat(lines).hasSize(5);
        assertThat(data.prepare("fraud-e1", "fraud", TRIGGER.toEpochMilli())).endsWith("/fraud-e1/");
        assertThat(Files.readAllLines(out.resolve("fraud-e1").resolve(LakeTrainingData.LOCAL_FILE)))
                .containsExactly("city,extra,x,label", "Oslo,1,7.5,1");
    }

    @Test
    void fewerLabelledRowsThanMinRowsFailBeforeWriting() {
        LakeTrainingData data = LakeTrainingData.local(settings(100), m -> Optional.of(baseline()));
        assertThatThrownBy(() -> data.prepare("wine-e3", "wine", TRIGGER.toEpochMilli()))
                .isInstanceOf(TrainingDataException.class)
                .hasMessageContaining("only 4 labelled rows of model wine between 2026-11-14T12:00:00Z and "
                        + "2026-11-21T12:00:00Z").hasMessageContaining("min-rows 100");
        assertThat(out.resolve("wine-e3")).doesNotExist();
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
