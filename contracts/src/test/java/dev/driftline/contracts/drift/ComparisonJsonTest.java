package dev.driftline.contracts.drift;

import dev.driftline.drift.compare.ComparisonReport;
import dev.driftline.drift.compare.DriftComparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.drift.dataquality.MonitoringConfig;
import dev.driftline.drift.dataquality.Violation;
import dev.driftline.drift.decision.DriftMethod;
import dev.driftline.drift.decision.DriftPolicy;
import dev.driftline.drift.decision.FeatureDecision.Status;
import dev.driftline.drift.io.TableReader;
import dev.driftline.drift.metrics.CategoricalDriftFigures;
import dev.driftline.drift.metrics.ExactDrift;
import dev.driftline.drift.metrics.NumericDriftFigures;
import dev.driftline.drift.model.FeatureType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch comparison's JSON ({@link ComparisonJson}) of a reference and a current CSV of 400 rows each, seeded:
 * <ul>
 *   <li>{@code x}: U(0, 10) in the reference, 10·U² in the current (same range, different shape) → drift;</li>
 *   <li>{@code y}: U(0, 1) on both sides → no drift; one current cell is "oops" (a type mismatch);</li>
 *   <li>{@code n}: integers 0…9 on both sides; one current cell is "NA" (missing);</li>
 *   <li>{@code colour}: red/green/blue 50/30/20 % on both sides; {@code flag}: booleans;</li>
 *   <li>{@code dropped} only in the reference, {@code extra} only in the current.</li>
 * </ul>
 */
class ComparisonJsonTest {
    private static final int ROWS = 400;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private Path referenceFile;
    private Path currentFile;
    private final double[] xRef = new double[ROWS];
    private final double[] xCur = new double[ROWS];
    private final double[] yRef = new double[ROWS];
    private final List<Double> yCur = new ArrayList<>();

    @BeforeEach
    void writeFiles() throws IOException {
        Random rnd = new Random(20240611);
        StringBuilder ref = new StringBuilder("x,y,n,colour,flag,dropped\n");
        StringBuilder cur = new StringBuilder("extra,x,y,n,colour,flag\n");
        for (int i = 0; i < ROWS; i++) {
            xRef[i] = 10 * rnd.nextDouble();
            yRef[i] = rnd.nextDouble();
            ref.append(xRef[i]).append(',').append(yRef[i]).append(',').append(rnd.nextInt(10)).append(',')
                    .append(colour(rnd)).append(',').append(rnd.nextBoolean()).append(',').append(rnd.nextGaussian())
                    .append('\n');
        }
        for (int i = 0; i < ROWS; i++) {
            double u = rnd.nextDouble();
            xCur[i] = 10 * u * u;
            double y = rnd.nextDouble();
            String yCell = i == 7 ? "oops" : Double.toString(y);
            if (i != 7) {
                yCur.add(y);
            }
            String nCell = i == 11 ? "NA" : Integer.toString(rnd.nextInt(10));
            cur.append("e").append(i).append(',').append(xCur[i]).append(',').append(yCell).append(',')
                    .append(nCell).append(',').append(colour(rnd)).append(',').append(rnd.nextBoolean()).append('\n');
        }
        referenceFile = dir.resolve("reference.csv");
        currentFile = dir.resolve("current.csv");
        Files.writeString(referenceFile, ref);
        Files.writeString(currentFile, cur);
    }

    private static String colour(Random rnd) {
        double u = rnd.nextDouble();
        return u < 0.5 ? "red" : u < 0.8 ? "green" : "blue";
    }

    private ComparisonReport compare(DriftPolicy policy, Map<String, FeatureType> overrides, boolean sketch) {
        return new DriftComparison(policy, MonitoringConfig.defaults())
                .compare(TableReader.read(referenceFile), TableReader.read(currentFile), overrides, sketch);
    }

    private ComparisonReport exact() {
        return compare(DriftPolicy.defaults(), Map.of(), false);
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
