package dev.driftline.contracts.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.drift.dataquality.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViolationJsonTest {
    @Test
    void detailsAreWrittenOnlyWhenThereAreAnyAndReadBack() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("share", 0.02);
        details.put("unseen", 314);
        Map<String, Object> top = new LinkedHashMap<>(); // ordered, as the checks write them
        top.put("value", "x-17");
        top.put("count", 250);
        details.put("top_values", List.of(top));
        Violation with = new Violation("code", "categorical_values_check", "too many new codes", details);
        Violation without = new Violation("age", "completeness_check", "incomplete");
        assertThat(ViolationJson.toJson(without).toString()).isEqualTo("{\"feature_name\":\"age\","
                + "\"constraint_check_type\":\"completeness_check\",\"description\":\"incomplete\"}");
        assertThat(ViolationJson.toJson(with).get("details").toString()).isEqualTo("{\"share\":0.02,\"unseen\":314,"
                + "\"top_values\":[{\"value\":\"x-17\",\"count\":250}]}");
        List<Violation> back = ViolationJson.fromJson(ViolationJson.toJson(List.of(with, without)));
        assertThat(back).containsExactly(with, without);
    }
}
