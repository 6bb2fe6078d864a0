package dev.driftline.contracts.drift;

import dev.driftline.drift.compare.ComparisonFiles;
import dev.driftline.drift.compare.ComparisonReport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.drift.dataquality.Violation;
import dev.driftline.drift.decision.DriftMethod;
import dev.driftline.drift.decision.DriftPolicy;
import dev.driftline.drift.decision.FeatureDecision.Status;
import dev.driftline.drift.metrics.CategoricalDriftFigures;
import dev.driftline.drift.metrics.ExactDrift;
import dev.driftline.drift.metrics.NumericDriftFigures;
import dev.driftline.drift.model.FeatureType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch comparison's JSON ({@link ComparisonJson}) of the two CSVs of {@link ComparisonFiles}. */
class ComparisonJsonTest {
    private static final int ROWS = ComparisonFiles.ROWS;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private ComparisonFiles files;

    @BeforeEach
    void writeFiles() throws IOException {
        files = new ComparisonFiles(dir);
    }

    private ComparisonReport compare(DriftPolicy policy, Map<String, FeatureType> overrides, boolean sketch) {
        return files.compare(policy, overrides, sketch);
    }

    private ComparisonReport exact() {
        return files.exact();
    }








    // ---- JSON ----

    private static Set<String> keys(JsonNode o) {
        Set<String> out = new TreeSet<>();
        o.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void jsonHasTheSnakeCaseKeysOfTheVectors() {
        ComparisonReport r = exact();
        ObjectNode json = ComparisonJson.toJson(r, MAPPER);

        assertThat(keys(json)).contains("features", "dataset_drift", "drifted_share", "violations");
        assertThat(json.get("dataset_drift").asBoolean()).isFalse();
        assertThat(json.get("drifted_share").asDouble()).isEqualTo(0.2);
        assertThat(json.get("mode").asText()).isEqualTo("exact");

        JsonNode features = json.get("features");
        assertThat(keys(features)).containsExactlyInAnyOrder("x", "y", "n", "colour", "flag");
        List<String> order = new ArrayList<>();
        features.fieldNames().forEachRemaining(order::add);
        assertThat(order).containsExactly("x", "y", "n", "colour", "flag");

        JsonNode x = features.get("x");
        assertThat(keys(x)).contains("type", "n_reference", "n_current", "ks_statistic", "ks_pvalue", "psi",
                "wasserstein", "wasserstein_norm", "jensen_shannon", "hellinger", "method", "drift");
        assertThat(keys(x)).doesNotContain("chi2_pvalue", "linf");
        assertThat(x.get("type").asText()).isEqualTo("numeric");
        assertThat(x.get("method").asText()).isEqualTo("ks");
        assertThat(x.get("drift").asBoolean()).isTrue();
        assertThat(x.get("status").asText()).isEqualTo("drift");
        NumericDriftFigures fx = (NumericDriftFigures) r.features().get("x").figures();
        assertThat(x.get("n_reference").asLong()).isEqualTo(ROWS);
        assertThat(x.get("ks_statistic").asDouble()).isEqualTo(fx.ksStatistic());
        assertThat(x.get("ks_pvalue").asDouble()).isEqualTo(fx.ksPValue());
        assertThat(x.get("wasserstein_norm").asDouble()).isEqualTo(fx.wassersteinNorm());

        JsonNode colour = features.get("colour");
        assertThat(keys(colour)).contains("type", "n_reference", "n_current", "chi2_statistic", "chi2_pvalue",
                "chi2_dof", "linf", "psi", "jensen_shannon", "hellinger", "method", "drift");
        assertThat(keys(colour)).doesNotContain("ks_statistic", "wasserstein");
        assertThat(colour.get("type").asText()).isEqualTo("categorical");
        assertThat(colour.get("method").asText()).isEqualTo("chi2");
        assertThat(colour.get("drift").asBoolean()).isFalse();
        assertThat(colour.get("chi2_dof").asInt()).isEqualTo(2);

        assertThat(features.get("y").get("type_mismatches_current").asLong()).isEqualTo(1);
        assertThat(features.get("n").get("missing_current").asLong()).isEqualTo(1);

        JsonNode violations = json.get("violations");
        assertThat(violations.isArray()).isTrue();
        assertThat(violations).hasSize(4);
        for (JsonNode v : violations) {
            assertThat(keys(v)).containsExactly("constraint_check_type", "description", "feature_name");
        }
        List<String> types = new ArrayList<>();
        violations.forEach(v -> types.add(v.get("constraint_check_type").asText()));
        assertThat(types).contains("missing_column_check", "extra_column_check");

        // every key of the document is snake_case (the feature names are the user's)
        List<String> all = new ArrayList<>(keys(json));
        for (Iterator<JsonNode> it = features.elements(); it.hasNext(); ) {
            all.addAll(keys(it.next()));
        }
        assertThat(all).allMatch(k -> k.matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"), "snake_case");
    }

    @Test
    void jsonCarriesEveryFigureNamedInTheReferenceVectors() throws IOException {
        ObjectNode json = ComparisonJson.toJson(exact(), MAPPER);
        Set<String> numericKeys = keys(json.get("features").get("x"));
        Set<String> categoricalKeys = keys(json.get("features").get("colour"));
        JsonNode vectors;
        try (InputStream in = getClass().getResourceAsStream("/reference/drift-reference.json")) {
            assertThat(in).as("reference vectors on the test classpath").isNotNull();
            vectors = MAPPER.readTree(in);
        }
        int checked = 0;
        for (JsonNode c : vectors.get("cases")) {
            JsonNode expected = c.get("expected");
            Set<String> wanted = keys(expected);
            boolean numeric = expected.get("type").asText().equals("numeric");
            assertThat(numeric ? numericKeys : categoricalKeys).as(c.get("name").asText()).containsAll(wanted);
            checked++;
        }
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void insufficientDataIsWrittenWithANullThreshold() {
        DriftPolicy d = DriftPolicy.defaults();
        DriftPolicy strict = new DriftPolicy(1000, 1000, d.alpha(), d.correction(), d.numericDistance(),
                d.categoricalDistance(), d.datasetDriftShare(), d.thresholds(), d.overrides());
        ComparisonReport r = compare(strict, Map.of(), false);
        ObjectNode json = ComparisonJson.toJson(r, MAPPER);
        JsonNode x = json.get("features").get("x");
        assertThat(x.get("status").asText()).isEqualTo("insufficient_data");
        assertThat(x.get("threshold").isNull()).isTrue();
        assertThat(x.get("drift").asBoolean()).isFalse();
        assertThat(json.get("judged_features").asInt()).isZero();
        assertThat(json.get("dataset_drift").asBoolean()).isFalse();
        assertThat(Arrays.asList(r.decision().drifted(), r.decision().judged())).containsExactly(0, 0);
    }
}
