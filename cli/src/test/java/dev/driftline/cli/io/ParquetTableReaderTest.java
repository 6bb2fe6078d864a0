package dev.driftline.cli.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.cli.Main;
import dev.driftline.drift.io.InputFormatException;
import dev.driftline.drift.io.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/** Parquet input for the CLI: cells and types, refusals that name what is wrong, and the commands end to end. */
class ParquetTableReaderTest {
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message training {
              optional int32 age;
              optional int64 visits;
              optional double income;
              optional float score;
              optional boolean member;
              optional binary city (STRING);
              required int32 price (DECIMAL(9,2));
            }""");

    @TempDir
    Path dir;

    @Test
    void readsTopLevelPrimitiveColumnsWithNulls() throws IOException {
        Path file = dir.resolve("train.parquet");
        write(file, SCHEMA, CompressionCodecName.SNAPPY, List.of(
                row(SCHEMA, 34, 7L, 52_000.5, 0.1f, true, "Oslo", 1999),
                row(SCHEMA, null, null, null, null, null, null, 5),
                row(SCHEMA, 61, 3_000_000_000L, -1.25, 2.5f, false, "Zürich", -100)));

        Table t = Tables.read(file);

        assertThat(t.source()).isEqualTo(file.toString());
        assertThat(t.columns()).containsExactly("age", "visits", "income", "score", "member", "city", "price");
        assertThat(t.size()).isEqualTo(3);
        assertThat(cells(t, 0)).containsExactly(34L, 7L, 52_000.5, 0.1, true, "Oslo", new BigDecimal("19.99"));
        assertThat(cells(t, 1)).containsExactly(null, null, null, null, null, null, new BigDecimal("0.05"));
        assertThat(cells(t, 2)).containsExactly(61L, 3_000_000_000L, -1.25, 2.5, false, "Zürich",
                new BigDecimal("-1.00"));
        assertThat(t.cell(0, 0)).isInstanceOf(Long.class);
        assertThat(t.cell(0, 2)).isInstanceOf(Double.class);
        assertThat(t.cell(0, 3)).isInstanceOf(Double.class);
        assertThat(List.of(t.lineOf(0), t.lineOf(1), t.lineOf(2))).containsExactly(1L, 2L, 3L);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
    void readsEveryCommonCodecAcrossRowGroups(CompressionCodecName codec) throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(
                "message m { required int64 id; optional binary label (STRING); }");
        Path file = dir.resolve("many-" + codec + ".parquet");
        int n = 20_000;
        Group[] rows = new Group[n];
        for (int i = 0; i < n; i++) {
            rows[i] = row(schema, (long) i, i % 7 == 0 ? null : "label-" + (i % 13));
        }
        // A small row group size forces several row groups, so row numbers must carry across them.
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration()).withType(schema).withCompressionCodec(codec)
                .withRowGroupSize(64 * 1024L).withPageSize(8 * 1024).build()) {
            for (Group g : rows) {
                w.write(g);
            }
        }

        Table t = Tables.read(file);

        assertThat(t.size()).isEqualTo(n);
        for (int i = 0; i < n; i += 997) {
            assertThat(t.cell(i, 0)).isEqualTo((long) i);
            assertThat(t.cell(i, 1)).isEqualTo(i % 7 == 0 ? null : "label-" + (i % 13));
            assertThat(t.lineOf(i)).isEqualTo(i + 1L);
        }
        assertThat(t.cell(n - 1, 0)).isEqualTo(n - 1L);
        assertThat(t.lineOf(n - 1)).isEqualTo((long) n);
    }

    @Test
    void emptyFileKeepsItsColumns() throws IOException {
        Path file = dir.resolve("empty.parquet");
        write(file, SCHEMA, CompressionCodecName.SNAPPY, List.of());

        Table t = Tables.read(file);

        assertThat(t.columns()).hasSize(7);
        assertThat(t.size()).isZero();
    }

    @Test
    void nestedColumnIsRefusedNamingIt() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("""
                message m {
                  optional int32 age;
                  optional group address { optional binary city (STRING); }
                }""");
        Path file = dir.resolve("nested.parquet");
        write(file, schema, CompressionCodecName.SNAPPY, List.of());

        assertThatThrownBy(() -> Tables.read(file))
                .isInstanceOf(InputFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("column address")
                .hasMessageContaining("nested or repeated");
    }

    @Test
    void repeatedColumnIsRefusedNamingIt() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(
                "message m { optional int32 age; repeated double scores; }");
        Path file = dir.resolve("repeated.parquet");
        write(file, schema, CompressionCodecName.SNAPPY, List.of());

        assertThatThrownBy(() -> Tables.read(file))
                .isInstanceOf(InputFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("column scores");
    }

    @Test
    void fileThatIsNotParquetIsRefusedNamingIt() throws IOException {
        Path file = dir.resolve("corrupt.parquet");
        Files.writeString(file, "age,income\n34,52000\n");

        assertThatThrownBy(() -> Tables.read(file))
                .isInstanceOf(InputFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("Parquet");
    }

    @Test
    void truncatedAndDamagedFilesAreRefusedNamingThem() throws IOException {
        Path good = dir.resolve("good.parquet");
        write(good, SCHEMA, CompressionCodecName.SNAPPY, List.of(
                row(SCHEMA, 34, 7L, 52_000.5, 0.1f, true, "Oslo", 1999)));
        byte[] bytes = Files.readAllBytes(good);

        Path truncated = dir.resolve("truncated.parquet");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> Tables.read(truncated))
                .isInstanceOf(InputFormatException.class).hasMessageContaining(truncated.toString());

        // Valid magic numbers and footer length, garbage in between.
        Path damaged = dir.resolve("damaged.parquet");
        byte[] garbage = bytes.clone();
        new Random(7).nextBytes(garbage);
        System.arraycopy(bytes, 0, garbage, 0, 4);
        System.arraycopy(bytes, bytes.length - 8, garbage, bytes.length - 8, 8);
        Files.write(damaged, garbage);
        assertThatThrownBy(() -> Tables.read(damaged))
                .isInstanceOf(InputFormatException.class).hasMessageContaining(damaged.toString());

        Path empty = dir.resolve("zero.parquet");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> Tables.read(empty))
                .isInstanceOf(InputFormatException.class).hasMessageContaining(empty.toString());
    }

    @Test
    void missingFileIsRefusedNamingIt() {
        Path file = dir.resolve("nope.parquet");
        assertThatThrownBy(() -> Tables.read(file))
                .isInstanceOf(InputFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("no such file");
    }

    @Test
    void otherFormatsStillGoThroughTheCoreReader() throws IOException {
        Path csv = dir.resolve("train.csv");
        Files.writeString(csv, "age,city\n34,Oslo\n");

        Table t = Tables.read(csv);

        assertThat(t.columns()).containsExactly("age", "city");
        assertThat(cells(t, 0)).containsExactly("34", "Oslo");
    }

    @Test
    void driftCompareReadsParquetEndToEnd() throws Exception {
        Path ref = dir.resolve("reference.parquet");
        Path cur = dir.resolve("current.parquet");
        write(ref, SCHEMA, CompressionCodecName.SNAPPY, sample(new Random(1), 400, 0.0));
        write(cur, SCHEMA, CompressionCodecName.ZSTD, sample(new Random(2), 300, 25.0));

        Run r = run("drift", "compare", "--reference", ref.toString(), "--current", cur.toString(),
                "--format", "json");

        assertThat(r.exit).as(r.err).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out);
        assertThat(json.get("features").has("age")).isTrue();
        assertThat(json.get("features").has("income")).isTrue();
        assertThat(json.get("features").has("city")).isTrue();
        assertThat(json.get("features").get("age").get("n_reference").asLong()).isGreaterThan(300);
        assertThat(json.get("features").get("age").get("n_current").asLong()).isGreaterThan(200);
        assertThat(json.get("features").get("age").get("drift").asBoolean()).isTrue();
    }

    @Test
    void baselineBuildReadsParquetEndToEnd() throws Exception {
        Path input = dir.resolve("x.parquet");
        Path output = dir.resolve("out/baseline.json");
        write(input, SCHEMA, CompressionCodecName.SNAPPY, sample(new Random(3), 250, 0.0));

        Run r = run("baseline", "build", "--input", input.toString(), "--model", "credit", "--output",
                output.toString());

        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.out).contains("250 rows");
        String baseline = Files.readString(output);
        assertThat(baseline).contains("\"age\"", "\"income\"", "\"city\"", "\"member\"");
    }

    @Test
    void unreadableParquetExits2NamingTheFile() throws Exception {
        Path bad = dir.resolve("bad.parquet");
        Files.writeString(bad, "not parquet at all");
        Path good = dir.resolve("good.parquet");
        write(good, SCHEMA, CompressionCodecName.SNAPPY, sample(new Random(4), 10, 0.0));

        Run r = run("drift", "compare", "--reference", good.toString(), "--current", bad.toString());

        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains(bad.toString());
    }

    // --- helpers ---

    private record Run(int exit, String out, String err) {
    }

    /** Runs the command line with System.out captured (the commands print there) and restored afterwards. */
    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try (PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            exit = cl.execute(args);
        } finally {
            System.setOut(original);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    private static List<Group> sample(Random rnd, int n, double shift) {
        String[] cities = {"Oslo", "Bergen", "Zürich", "Basel"};
        Group[] rows = new Group[n];
        for (int i = 0; i < n; i++) {
            rows[i] = row(SCHEMA,
                    rnd.nextInt(20) == 0 ? null : (int) Math.round(40 + shift + rnd.nextGaussian() * 10),
                    (long) rnd.nextInt(50),
                    rnd.nextInt(25) == 0 ? null : 50_000 + rnd.nextGaussian() * 8_000,
                    (float) rnd.nextDouble(),
                    rnd.nextBoolean(),
                    rnd.nextInt(30) == 0 ? null : cities[rnd.nextInt(cities.length)],
                    rnd.nextInt(100_000));
        }
        return List.of(rows);
    }

    /** A record of the schema's fields in order; null leaves a field out. */
    private static Group row(MessageType schema, Object... values) {
        Group g = new SimpleGroupFactory(schema).newGroup();
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            if (v instanceof Integer x) {
                g.add(i, x);
            } else if (v instanceof Long x) {
                g.add(i, x);
            } else if (v instanceof Double x) {
                g.add(i, x);
            } else if (v instanceof Float x) {
                g.add(i, x);
            } else if (v instanceof Boolean x) {
                g.add(i, x);
            } else {
                g.add(i, (String) v);
            }
        }
        return g;
    }

    private static void write(Path file, MessageType schema, CompressionCodecName codec, List<Group> rows)
            throws IOException {
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration()).withType(schema).withCompressionCodec(codec)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
            for (Group g : rows) {
                w.write(g);
            }
        }
    }

    private static Object[] cells(Table t, int row) {
        Object[] out = new Object[t.columns().size()];
        for (int c = 0; c < out.length; c++) {
            out[c] = t.cell(row, c);
        }
        return out;
    }
}
