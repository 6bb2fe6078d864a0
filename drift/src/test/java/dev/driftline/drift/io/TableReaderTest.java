package dev.driftline.drift.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    // ---- CSV ----

    @Test
    void readsCsvWithHeaderQuotingAndLineNumbers() throws IOException {
        Path f = write("train.csv", "age,city,score\n"
                + "31,\"Paris, FR\",0.5\n"
                + "45,Berlin,1.25\n"
                + "\n"
                + "27,\"Rome \"\"centro\"\"\",NA\n");
        Table t = TableReader.read(f);

        assertThat(t.source()).isEqualTo(f.toString());
        assertThat(t.columns()).containsExactly("age", "city", "score");
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.column("city")).containsExactly("Paris, FR", "Berlin", "Rome \"centro\"");
        assertThat(t.column("age")).containsExactly("31", "45", "27"); // CSV cells stay text
        assertThat(t.column("score")).containsExactly("0.5", "1.25", "NA");
        assertThat(t.lineOf(0)).isEqualTo(2);
        assertThat(t.lineOf(1)).isEqualTo(3);
        assertThat(t.lineOf(2)).as("after the blank line").isEqualTo(5);
    }

    @Test
    void csvEmptyFieldsAreMissingAndMarkersAreRecognised() throws IOException {
        Table t = TableReader.read(write("m.csv", "a,b\n,x\nnull,\nN/A,?\n"));
        assertThat(t.column("a")).containsExactly(null, "null", "N/A");
        assertThat(t.column("b")).containsExactly("x", null, "?");
        assertThat(t.column("a")).allMatch(Cells::isMissing);
        assertThat(Cells.isMissing(t.cell(0, 1))).isFalse();
        assertThat(Cells.isMissing(t.cell(1, 1))).isTrue();
        assertThat(Cells.isMissing(t.cell(2, 1))).isTrue();
    }

    @Test
    void csvWrongFieldCountNamesFileAndLine() throws IOException {
        Path f = write("bad.csv", "a,b,c\n1,2,3\n4,5\n7,8,9\n");
        assertThatThrownBy(() -> TableReader.read(f))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(f + ":3:")
                .hasMessageContaining("expected 3 fields as in the header, found 2");
    }

    @Test
    void csvTooManyFieldsOnTheLastLineWithoutNewline() throws IOException {
        Path f = write("bad.csv", "a,b\n1,2\n3,4\n5,6,7");
        assertThatThrownBy(() -> TableReader.read(f))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(f + ":4:")
                .hasMessageContaining("found 3");
    }

    @Test
    void csvDuplicateHeaderNamesTheColumn() throws IOException {
        Path f = write("dup.csv", "id,age,id\n1,2,3\n");
        assertThatThrownBy(() -> TableReader.read(f))
                .isInstanceOf(InputFormatException.class)
                .hasMessage(f + ":1 (column id): duplicate column name");
    }

    @Test
    void csvEmptyHeaderName() throws IOException {
        Path f = write("blank.csv", "id,,x\n1,2,3\n");
        assertThatThrownBy(() -> TableReader.read(f))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(f + ":1:")
                .hasMessageContaining("empty column name");
    }

    @Test
    void emptyCsvNeedsAHeader() throws IOException {
        Path f = write("empty.csv", "");
        assertThatThrownBy(() -> TableReader.read(f))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(f + ":1:")
                .hasMessageContaining("header row is required");
    }

    @Test
    void csvWithOnlyAHeaderHasNoRows() throws IOException {
        Table t = TableReader.read(write("h.csv", "a,b\n"));
        assertThat(t.columns()).containsExactly("a", "b");
        assertThat(t.size()).isZero();
    }

    // ---- JSON Lines ----

    @Test
    void readsJsonLinesWithTypedScalarsAndUnionOfKeys() throws IOException {
        Path f = write("w.jsonl", """
                {"age": 31, "score": 0.5, "ok": true, "city": "Paris"}

                {"age": 45, "city": null, "extra": "x"}
                {"score": 2.5e3, "nested": {"a": 1}}
                """);
        Table t = TableReader.read(f);

        assertThat(t.columns()).containsExactly("age", "score", "ok", "city", "extra", "nested");
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.lineOf(0)).isEqualTo(1);
        assertThat(t.lineOf(1)).isEqualTo(3);
        assertThat(t.lineOf(2)).isEqualTo(4);
        assertThat(t.column("age")).containsExactly(31, 45, null);
        assertThat(t.cell(0, t.indexOf("score"))).isInstanceOf(Number.class);
        assertThat(((Number) t.cell(2, t.indexOf("score"))).doubleValue()).isEqualTo(2500.0);
        assertThat(t.column("ok")).containsExactly(true, null, null);
        assertThat(t.column("city")).containsExactly("Paris", null, null);
        assertThat(t.column("extra")).containsExactly(null, "x", null);
        // a nested value stays as it is, so it can be counted as a type mismatch
        assertThat(t.cell(2, t.indexOf("nested"))).isNotNull().isNotInstanceOf(String.class);
        assertThat(Cells.asNumber(t.cell(2, t.indexOf("nested")))).isNull();
    }

    @Test
    void ndjsonIsJsonLinesToo() throws IOException {
        Table t = TableReader.read(write("w.NDJSON", "{\"a\": 1}\n{\"a\": 2}\n"));
        assertThat(t.column("a")).containsExactly(1, 2);
    }

    @Test
    void bigNumbersKeepTheirValue() throws IOException {
        Table t = TableReader.read(write("big.jsonl", "{\"a\": 12345678901234}\n{\"a\": 0.1}\n"));
        assertThat(((Number) t.cell(0, 0)).longValue()).isEqualTo(12345678901234L);
        assertThat(Cells.isIntegral(t.cell(0, 0))).isTrue();
        assertThat(new BigDecimal(t.cell(1, 0).toString())).isEqualByComparingTo("0.1");
    }

    @Test
    void invalidJsonNamesFileAndLine() throws IOException {
        Path f = write("bad.jsonl", "{\"a\": 1}\n{\"a\": 2,,}\n{\"a\": 3}\n");
        assertThatThrownBy(() -> TableReader.read(f))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(f + ":2:")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void trailingGarbageAfterTheObjectIsInvalidJson() throws IOException {
        // e.g. a JSON array pasted line by line: each line ends with a comma
        Path f = write("array.jsonl", "{\"a\": 1}\n{\"a\": 2},\n{\"a\": 3}\n");
        assertThatThrownBy(() -> TableReader.read(f))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(f + ":2:")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void aLineThatIsNotAnObjectNamesFileAndLine() throws IOException {
        Path f = write("arr.jsonl", "{\"a\": 1}\n{\"a\": 2}\n[1, 2]\n");
        assertThatThrownBy(() -> TableReader.read(f))
                .isInstanceOf(InputFormatException.class)
                .hasMessage(f + ":3: expected a JSON object per line");

        Path scalar = write("scalar.jsonl", "42\n");
        assertThatThrownBy(() -> TableReader.read(scalar))
                .isInstanceOf(InputFormatException.class)
                .hasMessage(scalar + ":1: expected a JSON object per line");
    }

    // ---- files ----

    @Test
    void unknownExtensionIsExplained() throws IOException {
        Path f = write("data.xlsx", "whatever");
        assertThatThrownBy(() -> TableReader.read(f))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(f.toString())
                .hasMessageContainingAll("unknown file type", ".csv", ".jsonl");
    }

    @Test
    void parquetIsRecognisedButNotSupportedYet() throws IOException {
        Path f = write("data.parquet", "PAR1");
        assertThatThrownBy(() -> TableReader.read(f))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(f.toString())
                .hasMessageContainingAll("Parquet", "not supported yet", "CSV or JSON Lines");
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nope.csv");
        assertThatThrownBy(() -> TableReader.read(f))
                .isInstanceOf(InputFormatException.class)
                .hasMessage(f + ": no such file");
    }

    @Test
    void tableNamesUnknownColumns() throws IOException {
        Table t = TableReader.read(write("t.csv", "a,b\n1,2\n"));
        assertThatThrownBy(() -> t.column("c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column 'c'")
                .hasMessageContaining("[a, b]");
    }

    @Test
    void tableRowsAreNotSharedWithTheCaller() {
        java.util.List<Object[]> rows = new java.util.ArrayList<>();
        rows.add(new Object[] {"1"});
        Table t = new Table("mem", java.util.List.of("a"), rows, java.util.List.of(2L));
        rows.clear();
        assertThat(t.size()).isEqualTo(1);
        assertThat(Arrays.asList(t.cell(0, 0), t.cell(0, 5))).containsExactly("1", null);
    }
}
