package dev.driftline.drift.kserve;

import static dev.driftline.drift.kserve.KServeFixtures.normalize;
import static dev.driftline.drift.kserve.KServeFixtures.schema;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.drift.model.InferenceRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** KServe V1 ({@code instances} / {@code predictions}) payloads. */
class KServeV1Test {

    @Test
    void decimalsReadAsTheSameDoublesAsDoubleParseDouble() {
        // The payload mapper reads decimals with Jackson's fast parser: it must round exactly as the JDK does.
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        List<String> texts = new java.util.ArrayList<>(List.of("0.1", "2.2250738585072014E-308", "4.9e-324",
                "1.7976931348623157e308", "9007199254740993.0", "0.30000000000000004", "123456789012345678901234.5",
                "1.00000000000000011102230246251565404236316680908203125", "-0.0", "3.14159265358979323846"));
        for (int i = 0; i < 2000; i++) {
            double d = switch (i % 4) {
                case 0 -> random.nextDouble();
                case 1 -> Double.longBitsToDouble(random.nextLong() & 0x7fef_ffff_ffff_ffffL);
                case 2 -> random.nextDouble(-1e6, 1e6);
                default -> Math.round(random.nextDouble(0, 1e4)) / 100.0;
            };
            texts.add(i % 8 == 0 ? String.format(java.util.Locale.ROOT, "%.25e", d) : Double.toString(d));
        }
        StringBuilder row = new StringBuilder();
        for (String t : texts) {
            row.append(row.length() == 0 ? "" : ",").append(t);
        }
        List<InferenceRecord> records = normalize("{'instances': [[" + row + "]]}", null);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(records.get(0).features().get("_c" + i)).as(texts.get(i))
                    .isEqualTo(Double.parseDouble(texts.get(i)));
        }
    }

    @Test
    void arrayRowsWithoutSchemaGetSageMakerPositionalNames() {
        List<InferenceRecord> records = normalize("{'instances': [[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6]]}",
                "{'predictions': [1, 2]}");

        assertThat(records).hasSize(2);
        InferenceRecord first = records.get(0);
        assertThat(first.model()).isEqualTo("iris");
        assertThat(first.inferenceId()).isEqualTo("req-1");
        assertThat(first.eventTime()).isEqualTo(KServeFixtures.T);
        assertThat(first.modelVersion()).isEmpty();
        assertThat(first.row()).isZero();
        assertThat(first.label()).isNull();
        assertThat(first.features()).containsExactly(Map.entry("_c0", 6.8), Map.entry("_c1", 2.8),
                Map.entry("_c2", 4.8), Map.entry("_c3", 1.4));
        assertThat(first.predictions()).containsExactly(Map.entry("prediction", 1L));
        assertThat(records.get(1).row()).isEqualTo(1);
        assertThat(records.get(1).features()).containsEntry("_c3", 1.6);
        assertThat(records.get(1).predictions()).containsEntry("prediction", 2L);
    }

    @Test
    void arrayRowsWithSchemaAreNamedBySchema() {
        List<InferenceRecord> records = normalize("{'instances': [[6.8, 2.8, 4.8, 1.4], [6, 3.4, 4.5, 1.6]]}", null,
                Optional.of(schema("sepal_length", "sepal_width", "petal_length", "petal_width")), Optional.empty());

        assertThat(records.get(0).features().keySet())
                .containsExactly("sepal_length", "sepal_width", "petal_length", "petal_width");
        // JSON integers stay integral: the profile decides, not the reader.
        assertThat(records.get(1).features()).containsEntry("sepal_length", 6L);
    }

    @Test
    void objectRowsAreNamedByTheirKeysWithAnyValueKind() {
        List<InferenceRecord> records = normalize(
                "{'instances': [{'age': 31, 'city': 'Oslo', 'member': true, 'note': null},"
                        + " {'age': 40, 'city': 'Lima', 'member': false, 'note': 'x'}]}",
                "{'predictions': [{'churn': 0.1, 'label': 'stay'}, {'churn': 0.8, 'label': 'leave'}]}");

        assertThat(records.get(0).features().keySet()).containsExactly("age", "city", "member", "note");
        assertThat(records.get(0).features()).containsEntry("age", 31L).containsEntry("city", "Oslo")
                .containsEntry("member", true).containsEntry("note", null);
        assertThat(records.get(1).features()).containsEntry("member", false).containsEntry("note", "x");
        assertThat(records.get(0).predictions()).containsExactly(Map.entry("churn", 0.1), Map.entry("label", "stay"));
        assertThat(records.get(1).predictions()).containsEntry("label", "leave");
    }

    @Test
    void scalarInstancesAreOnePositionalFeature() {
        List<InferenceRecord> records = normalize("{'instances': [1.5, 2.5, 3.5]}", null);
        assertThat(records).extracting(r -> r.features().get("_c0")).containsExactly(1.5, 2.5, 3.5);

        List<InferenceRecord> named = normalize("{'instances': [1.5]}", null, Optional.of(schema("x")),
                Optional.empty());
        assertThat(named.get(0).features()).containsExactly(Map.entry("x", 1.5));
    }

    @Test
    void arrayPredictionsAreProbabilityColumns() {
        List<InferenceRecord> records = normalize(null, "{'predictions': [[0.1, 0.9], [0.7, 0.3]]}");
        assertThat(records.get(0).predictions()).containsExactly(Map.entry("_p0", 0.1), Map.entry("_p1", 0.9));

        List<InferenceRecord> named = normalize(null, "{'predictions': [[0.1, 0.9], [0.7, 0.3]]}", Optional.empty(),
                Optional.of(schema("p_stay", "p_leave")));
        assertThat(named.get(1).predictions()).containsExactly(Map.entry("p_stay", 0.7), Map.entry("p_leave", 0.3));
    }

    @Test
    void scalarPredictionsUseAOneNameSchemaWhenGiven() {
        List<InferenceRecord> records = normalize(null, "{'predictions': ['setosa', 'virginica']}", Optional.empty(),
                Optional.of(schema("species")));
        assertThat(records).extracting(r -> r.predictions().get("species")).containsExactly("setosa", "virginica");
    }

    @Test
    void nestedValuesInObjectRowsAreKeptAsListsAndMaps() {
        List<InferenceRecord> records = normalize(null,
                "{'predictions': [{'probs': [0.2, 0.8], 'meta': {'k': 1}}]}");
        assertThat(records.get(0).predictions()).containsEntry("probs", List.of(0.2, 0.8))
                .containsEntry("meta", Map.of("k", 1L));
    }

    @Test
    void anEmptyBatchGivesNoRecords() {
        assertThat(normalize("{'instances': []}", "{'predictions': []}")).isEmpty();
    }
}
