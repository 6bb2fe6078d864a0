package dev.driftline.drift.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.drift.model.FeatureType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TypeInferenceTest {
    @TempDir
    Path dir;

    private static List<Object> cells(Object... cs) {
        return Arrays.asList(cs);
    }

    /** {@code numbers} numeric strings "0".."n-1" (or "i.5" when fractional) followed by {@code others} strings. */
    private static List<Object> mixed(int numbers, int others, boolean fractional) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < numbers; i++) {
            out.add(fractional ? i + ".5" : Integer.toString(i));
        }
        for (int i = 0; i < others; i++) {
            out.add("oops" + i);
        }
        return out;
    }

    @Test
    void booleans() {
        assertThat(TypeInference.infer(cells("true", "FALSE", " True ", null, "NA"))).isEqualTo(FeatureType.BOOLEAN);
        assertThat(TypeInference.infer(cells(true, false, true))).isEqualTo(FeatureType.BOOLEAN);
        // 0/1 are numbers, not booleans
        assertThat(TypeInference.infer(cells("0", "1", "1"))).isEqualTo(FeatureType.INTEGRAL);
        assertThat(TypeInference.infer(cells("true", "false", "maybe"))).isEqualTo(FeatureType.STRING);
    }

    @Test
    void integral() {
        assertThat(TypeInference.infer(cells("1", "-2", "+3", " 42 ", "", "nan"))).isEqualTo(FeatureType.INTEGRAL);
        assertThat(TypeInference.infer(cells(1, 2L, new java.math.BigInteger("12345678901234567890"))))
                .isEqualTo(FeatureType.INTEGRAL);
    }

    @Test
    void fractional() {
        assertThat(TypeInference.infer(cells("1", "2.5", "3"))).isEqualTo(FeatureType.FRACTIONAL);
        assertThat(TypeInference.infer(cells("1e3", "2"))).isEqualTo(FeatureType.FRACTIONAL);
        assertThat(TypeInference.infer(cells("1.0", "2.0"))).as("a decimal point means fractional")
                .isEqualTo(FeatureType.FRACTIONAL);
        assertThat(TypeInference.infer(cells(1.5, 2.0))).isEqualTo(FeatureType.FRACTIONAL);
        assertThat(TypeInference.infer(cells(new BigDecimal("1.50"), 2))).isEqualTo(FeatureType.FRACTIONAL);
    }

    @Test
    void strings() {
        assertThat(TypeInference.infer(cells("red", "green", "3"))).isEqualTo(FeatureType.STRING);
        assertThat(TypeInference.infer(cells("Infinity", "1"))).as("non-finite is not a number")
                .isEqualTo(FeatureType.STRING);
    }

    @Test
    void onlyMissingValuesIsString() {
        assertThat(TypeInference.infer(cells(null, "", "NA", "n/a", "NaN", "null", "None", "?", Double.NaN)))
                .isEqualTo(FeatureType.STRING);
        assertThat(TypeInference.infer(List.of())).isEqualTo(FeatureType.STRING);
    }

    @Test
    void missingMarkers() {
        for (String m : List.of("", "  ", "NA", "na", "N/A", "NaN", "NULL", "None", "?", " null ")) {
            assertThat(Cells.isMissing(m)).as("'%s'", m).isTrue();
        }
        assertThat(Cells.isMissing(null)).isTrue();
        assertThat(Cells.isMissing(Double.NaN)).isTrue();
        assertThat(Cells.isMissing(Float.NaN)).isTrue();
        for (Object v : List.of("0", "nil", "-", "NAN!", 0, false, "none of them")) {
            assertThat(Cells.isMissing(v)).as("'%s'", v).isFalse();
        }
    }

    @Test
    void ninetyFivePercentNumbersMakeANumericColumn() {
        assertThat(TypeInference.infer(mixed(95, 5, false))).isEqualTo(FeatureType.INTEGRAL);
        assertThat(TypeInference.infer(mixed(19, 1, false))).isEqualTo(FeatureType.INTEGRAL);
        assertThat(TypeInference.infer(mixed(95, 5, true))).isEqualTo(FeatureType.FRACTIONAL);
        assertThat(TypeInference.infer(mixed(94, 6, false))).isEqualTo(FeatureType.STRING);
        assertThat(TypeInference.infer(mixed(18, 1, false))).as("94.7 %").isEqualTo(FeatureType.STRING);
        assertThat(TypeInference.infer(mixed(190, 10, true))).isEqualTo(FeatureType.FRACTIONAL);
    }

    @Test
    void missingValuesDoNotCountAgainstTheNumericShare() {
        List<Object> c = mixed(95, 5, false);
        for (int i = 0; i < 50; i++) {
            c.add(i % 2 == 0 ? null : "NA");
        }
        assertThat(TypeInference.infer(c)).isEqualTo(FeatureType.INTEGRAL);
    }

    @Test
    void columnValuesCountsTheMismatchesOfAMostlyNumericColumn() {
        List<Object> c = mixed(95, 5, false);
        c.add(null);
        c.add("NA");
        c.add("");
        FeatureType type = TypeInference.infer(c);
        ColumnValues v = ColumnValues.of("n", type, c);

        assertThat(v.type()).isEqualTo(FeatureType.INTEGRAL);
        assertThat(v.present()).isEqualTo(95);
        assertThat(v.numbers()).hasSize(95).startsWith(0, 1, 2).endsWith(94);
        assertThat(v.missing()).isEqualTo(3);
        assertThat(v.typeMismatches()).isEqualTo(5);
        assertThat(v.categories()).isEmpty();
    }

    @Test
    void integralColumnRejectsFractionsButAcceptsWholeDecimals() {
        ColumnValues v = ColumnValues.of("n", FeatureType.INTEGRAL, cells("1", "2.5", "3.0", 4, 5.5, "x", null));
        assertThat(v.numbers()).containsExactly(1, 3, 4);
        assertThat(v.typeMismatches()).isEqualTo(3);
        assertThat(v.missing()).isEqualTo(1);
    }

    @Test
    void categoricalAndBooleanColumnValues() {
        ColumnValues s = ColumnValues.of("s", FeatureType.STRING, cells("a", 3, true, "NA", null, List.of(1)));
        assertThat(s.categories()).containsExactly("a", "3", "true");
        assertThat(s.missing()).isEqualTo(2);
        assertThat(s.typeMismatches()).isEqualTo(1);
        assertThat(s.present()).isEqualTo(3);

        ColumnValues b = ColumnValues.of("b", FeatureType.BOOLEAN, cells("TRUE", false, "yes", ""));
        assertThat(b.categories()).containsExactly("true", "false");
        assertThat(b.typeMismatches()).isEqualTo(1);
        assertThat(b.missing()).isEqualTo(1);
    }

    @Test
    void inferenceFromFilesOfBothFormats() throws IOException {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "flag,count,price,name\ntrue,1,2.5,a\nfalse,2,3,b\nNA,,NA,\n");
        Table t = TableReader.read(csv);
        assertThat(t.columns().stream().map(c -> TypeInference.infer(t.column(c))).toList())
                .containsExactly(FeatureType.BOOLEAN, FeatureType.INTEGRAL, FeatureType.FRACTIONAL,
                        FeatureType.STRING);

        Path jsonl = dir.resolve("t.jsonl");
        Files.writeString(jsonl, """
                {"flag": true, "count": 1, "price": 2.5, "name": "a"}
                {"flag": false, "count": 2, "price": 3, "name": "b"}
                {"flag": null, "count": null, "price": null, "name": null}
                """);
        Table j = TableReader.read(jsonl);
        assertThat(j.columns().stream().map(c -> TypeInference.infer(j.column(c))).toList())
                .containsExactly(FeatureType.BOOLEAN, FeatureType.INTEGRAL, FeatureType.FRACTIONAL,
                        FeatureType.STRING);
    }
}
