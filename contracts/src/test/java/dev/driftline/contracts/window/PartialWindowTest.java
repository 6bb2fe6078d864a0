package dev.driftline.contracts.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.drift.profile.NumericProfile;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartialWindowTest {
    private static final long START = 1_763_719_200_000L;
    private static final long SIZE = 300_000L;

    private static Map<String, Object> row(Object age, String city, double churn) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("age", age);
        m.put("city", city);
        m.put("prediction:churn", churn);
        return m;
    }

    @Test
    void differentlyTypedFeaturesKeepTheLargerProfileAndCountTheOtherAsMismatches() {
        PartialWindow a = new PartialWindow("iris", START, START + SIZE);
        List.of(row(1L, "a", 0.1), row(2L, "a", 0.1)).forEach(a::addRow);
        PartialWindow b = new PartialWindow("iris", START, START + SIZE);
        Map<String, Object> r = new HashMap<>();
        r.put("age", "old"); // a string here: this task typed age as STRING
        b.addRow(r);
        Map<String, Object> n = new HashMap<>();
        n.put("age", null);
        b.addRow(n);
        a.mergeFrom(b);
        NumericProfile age = (NumericProfile) a.profiles().get("age");
        assertThat(a.rows()).isEqualTo(4);
        assertThat(age.count()).isEqualTo(4);
        assertThat(age.present()).isEqualTo(2);
        assertThat(age.missing()).isEqualTo(1);
        assertThat(age.typeMismatches()).isEqualTo(1);
        assertThat(b.rows()).isEqualTo(2); // the argument is unchanged
    }

    @Test
    void onlyPartialsOfTheSameModelAndWindowMerge() {
        PartialWindow a = new PartialWindow("iris", START, START + SIZE);
        assertThatThrownBy(() -> a.mergeFrom(new PartialWindow("wine", START, START + SIZE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.mergeFrom(new PartialWindow("iris", START + SIZE, START + 2 * SIZE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.mergeFrom(a)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void payloadValuesAreReducedToWhatProfilesDistinguish() {
        assertThat(PartialWindow.canonical(3)).isEqualTo(3L);
        assertThat(PartialWindow.canonical(1.5f)).isEqualTo(1.5);
        assertThat(PartialWindow.canonical("x")).isEqualTo("x");
        assertThat(PartialWindow.canonical(null)).isNull();
        assertThat(PartialWindow.canonical(List.of(1))).isSameAs(PartialWindow.OTHER);
    }

    /** An inference's features and predictions, added without building the row's map, count as that map would. */
    @Test
    void anInferenceRowCountsAsItsProfiledColumns() {
        java.util.Random random = new java.util.Random(7);
        PartialWindow direct = new PartialWindow("m", START, START + SIZE);
        PartialWindow viaColumns = new PartialWindow("m", START, START + SIZE);
        for (int i = 0; i < 500; i++) {
            Map<String, Object> features = new LinkedHashMap<>();
            features.put("age", random.nextInt(5) == 0 ? null : random.nextInt(90)); // Integer: made a Long
            features.put("score", random.nextGaussian());
            features.put("city", random.nextBoolean() ? "Oslo" : List.of("not", "a", "scalar"));
            if (random.nextBoolean()) {
                features.put("flag", random.nextBoolean());
            }
            // a feature named like a prediction's column: the prediction's value wins when both are there
            features.put("prediction:churn", "shadowed");
            Map<String, Object> predictions = new LinkedHashMap<>();
            if (random.nextInt(3) > 0) {
                predictions.put("churn", random.nextDouble());
            }
            predictions.put("label", random.nextInt(3));
            direct.addRow(features, predictions);
            viaColumns.addRow(PartialWindow.columns(features, predictions));
        }
        assertThat(direct.toBytes()).isEqualTo(viaColumns.toBytes());
        assertThat(direct.rows()).isEqualTo(500);
        assertThat(PartialWindow.columns(Map.of("prediction:p", "f"), Map.of("p", 1))).containsExactly(
                Map.entry("prediction:p", 1L));
        assertThat(PartialWindow.predictionColumn("churn")).isEqualTo("prediction:churn")
                .isSameAs(PartialWindow.predictionColumn("churn"));
    }
}
