package dev.driftline.drift.baseline.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.drift.dataquality.MonitoringConfig;
import dev.driftline.drift.dataquality.Violation;
import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.NumericProfile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec's example files import; malformed files fail naming the file and the JSON path. */
class SageMakerImportTest {
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/sagemaker/" + name)) {
            assertThat(in).as(name).isNotNull();
            return mapper.readTree(in);
        }
    }

    private Baseline importExample() throws IOException {
        return SageMakerImport.fromJson(resource("statistics.json"), "statistics.json", resource("constraints.json"),
                "constraints.json", "churn", NOW);
    }

    @Test
    void specExampleImports() throws IOException {
        Baseline b = importExample();
        assertThat(b.model()).isEqualTo("churn");
        assertThat(b.createdAt()).isEqualTo(NOW);
        assertThat(b.source()).isEqualTo("statistics.json");
        assertThat(b.rows()).isEqualTo(2000);
        assertThat(b.features()).extracting(BaselineFeature::name).containsExactly("age", "city");
        assertThat(b.features()).extracting(BaselineFeature::role).containsOnly(BaselineFeature.Role.FEATURE);
        assertThat(b.monitoringConfig()).isEqualTo(new MonitoringConfig(1.0, 1.0, 0.1));

        BaselineFeature age = b.feature("age").orElseThrow();
        assertThat(age.type()).isEqualTo(FeatureType.INTEGRAL);
        NumericProfile p = (NumericProfile) age.profile();
        assertThat(p.present()).isEqualTo(1990);
        assertThat(p.missing()).isEqualTo(10);
        assertThat(p.count()).isEqualTo(2000);
        assertThat(p.mean()).isEqualTo(41.2);
        assertThat(p.sum()).isEqualTo(81988.0);
        assertThat(p.min()).isEqualTo(18.0);
        assertThat(p.max()).isEqualTo(90.0);
        // Deequ's std_dev is the population one; the profile reports the sample one.
        assertThat(Math.sqrt(p.moments().m2() / 1990)).isCloseTo(12.1, within(1e-12));
        assertThat(p.standardDeviation()).isCloseTo(12.1 * Math.sqrt(1990.0 / 1989), within(1e-12));
        assertThat(p.k()).isEqualTo(2048);
        // The example's sketch ([[18, 19], [20]]: weight 4) is scaled to num_present, keeping its shape.
        assertThat(p.stepCdf().n()).isEqualTo(1990);
        assertThat(p.quantile(0.1)).isEqualTo(18.0);
        assertThat(p.quantile(0.6)).isEqualTo(20.0);
        assertThat(p.quantile(1.0)).isEqualTo(90.0); // the true max is part of the distribution
        assertThat(age.referenceBins()).containsExactly(18.0, 19.0, 19.5, 20.0);
        assertThat(age.constraint().completeness()).isEqualTo(1.0); // constraints.json wins over 1990/2000
        assertThat(age.constraint().nonNegative()).isTrue();
        assertThat(age.constraint().min()).contains(18.0);
        assertThat(age.constraint().max()).contains(90.0);
        assertThat(age.constraint().domain()).isEmpty();

        BaselineFeature city = b.feature("city").orElseThrow();
        assertThat(city.type()).isEqualTo(FeatureType.STRING);
        CategoricalProfile c = (CategoricalProfile) city.profile();
        assertThat(c.present()).isEqualTo(2000);
        assertThat(c.missing()).isZero();
        assertThat(city.constraint().domain()).containsExactlyInAnyOrder("Oslo", "Lima", "Pune");
        assertThat(city.constraint().completeness()).isEqualTo(1.0);
        // Only Oslo has a bucket: the other 1100 values are shared by the domain's unlisted categories.
        assertThat(city.categoryFrequencies()).isEqualTo(Map.of("Oslo", 900L, "Lima", 550L, "Pune", 550L));
        assertThat(c.frequencies()).isEqualTo(city.categoryFrequencies());
        assertThat(c.isApproximate()).isFalse();
        assertThat(city.referenceBins()).isEmpty();
    }

    @Test
    void readsFilesAndNamesThemInErrors(@TempDir Path dir) throws IOException {
        Path stats = dir.resolve("statistics.json");
        Path cons = dir.resolve("constraints.json");
        Files.writeString(stats, resource("statistics.json").toString());
        Files.writeString(cons, resource("constraints.json").toString());
        Baseline b = SageMakerImport.read(stats, cons, "m", NOW, mapper);
        assertThat(b.features()).hasSize(2);

        Files.writeString(cons, "{\"version\": 0, \"features\": [");
        assertThatThrownBy(() -> SageMakerImport.read(stats, cons, "m", NOW, mapper))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(cons + ": not valid JSON");
    }

    private void assertFails(Consumer<ObjectNode> editStatistics, Consumer<ObjectNode> editConstraints,
                             String message) throws IOException {
        ObjectNode stats = (ObjectNode) resource("statistics.json");
        ObjectNode cons = (ObjectNode) resource("constraints.json");
        editStatistics.accept(stats);
        editConstraints.accept(cons);
        assertThatThrownBy(() -> SageMakerImport.fromJson(stats, "s.json", cons, "c.json", "m", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    private static ObjectNode numStats(ObjectNode stats) {
        return (ObjectNode) stats.path("features").path(0).path("numerical_statistics");
    }

    @Test
    void missingOrMalformedFieldsNameFileAndPath() throws IOException {
        Consumer<ObjectNode> none = n -> { };
        assertFails(s -> numStats(s).remove("mean"), none,
                "s.json: $.features[0].numerical_statistics.mean: missing");
        assertFails(s -> numStats(s).put("std_dev", "12"), none,
                "s.json: $.features[0].numerical_statistics.std_dev: expected a number, found \"12\"");
        assertFails(s -> ((ObjectNode) numStats(s).path("common")).put("num_missing", -1), none,
                "s.json: $.features[0].numerical_statistics.common.num_missing: expected a non-negative whole"
                        + " number, found -1");
        assertFails(s -> ((ObjectNode) s.path("dataset")).remove("item_count"), none,
                "s.json: $.dataset.item_count: missing");
        assertFails(s -> ((ArrayNode) numStats(s).path("distribution").path("kll").path("sketch").path("data")
                .path(1)).add("x"), none,
                "s.json: $.features[0].numerical_statistics.distribution.kll.sketch.data[1][1]: expected a number,"
                        + " found \"x\"");
        assertFails(s -> ((ObjectNode) numStats(s).path("distribution").path("kll").path("sketch"))
                .putArray("data"), none,
                "s.json: $.features[0].numerical_statistics.distribution.kll.sketch.data: the sketch holds no item"
                        + " but num_present is 1990");
        assertFails(s -> numStats(s).put("min", 18.5), none,
                "s.json: $.features[0].numerical_statistics.distribution.kll.sketch.data: sketch item 18.0 lies"
                        + " outside min 18.5 … max 90.0");
        assertFails(s -> numStats(s).put("min", 95.0), none,
                "s.json: $.features[0].numerical_statistics.min: min 95.0 exceeds max 90.0");
        assertFails(s -> ((ObjectNode) numStats(s).path("distribution").path("kll").path("sketch")
                .path("parameters")).remove("k"), none,
                "s.json: $.features[0].numerical_statistics.distribution.kll.sketch.parameters.k: missing");
        assertFails(s -> ((ObjectNode) s.path("features").path(1)).put("inferred_type", "Boolean"), none,
                "s.json: $.features[1].inferred_type: unknown SageMaker feature type 'Boolean' (expected Fractional,"
                        + " Integral or String)");
        assertFails(s -> ((ObjectNode) s.path("features").path(1)).remove("string_statistics"), none,
                "s.json: $.features[1].string_statistics: missing");
        assertFails(s -> ((ObjectNode) s.path("features").path(1).path("string_statistics").path("distribution")
                .path("categorical").path("buckets").path(0)).put("count", 2001), none,
                "s.json: $.features[1].string_statistics.distribution.categorical.buckets: category counts sum to"
                        + " 2001, more than num_present 2000");
        assertFails(s -> s.put("version", 1), none, "s.json: $.version: unsupported version 1 (this driftline"
                + " reads version 0)");
        assertFails(none, c -> ((ObjectNode) c.path("features").path(0)).put("inferred_type", "Fractional"),
                "c.json: $.features[0].inferred_type: feature 'age' is Fractional here but Integral in s.json");
        assertFails(none, c -> ((ArrayNode) c.path("features")).addObject().put("name", "zip")
                .put("inferred_type", "String"),
                "c.json: $.features[2]: feature 'zip' has constraints but no statistics in s.json");
        assertFails(none, c -> ((ObjectNode) c.path("features").path(0)).put("completeness", 1.5),
                "c.json: $.features[0].completeness: completeness must be between 0 and 1, found 1.5");
        assertFails(none, c -> c.remove("features"), "c.json: $.features: missing");
        assertFails(none, c -> c.putObject("dataset").put("item_count", 3),
                "c.json: $.dataset: a constraints file has no dataset statistics: is this a statistics.json?");
        assertFails(none, c -> ((ObjectNode) c.path("monitoring_config")).put("datatype_check_threshold", true),
                "c.json: $.monitoring_config.datatype_check_threshold: expected a number, found true");
    }

    @Test
    void optionalConstraintsFallBack() throws IOException {
        ObjectNode cons = mapper.createObjectNode();
        cons.put("version", 0).putArray("features");
        Baseline b = SageMakerImport.fromJson(resource("statistics.json"), "s.json", cons, "c.json", "m", NOW);
        BaselineFeature age = b.feature("age").orElseThrow();
        assertThat(age.constraint().completeness()).isEqualTo(1990 / 2000.0);
        assertThat(age.constraint().nonNegative()).isFalse();
        assertThat(b.monitoringConfig()).isEqualTo(MonitoringConfig.defaults());
        // No domain to share the unlisted 1100 values with: the listed counts are scaled up.
        assertThat(b.feature("city").orElseThrow().categoryFrequencies()).isEqualTo(Map.of("Oslo", 2000L));
    }

    @Test
    void violationsJsonRoundTrip() throws IOException {
        JsonNode example = resource("constraint_violations.json");
        List<Violation> read = ViolationsJson.fromJson(example, "constraint_violations.json");
        assertThat(read).containsExactly(
                new Violation("age", "baseline_drift_check", "Numerical distance: 0.27 exceeds numerical threshold: 0.1"),
                new Violation("churn", "data_type_check", "Data type match requirement is not met. Expected data"
                        + " type: Integral, Expected match: 100.0%. Observed: Only 0.0% of data is Integral."));
        assertThat(ViolationsJson.toJson(read, mapper)).isEqualTo(example);
        assertThat(mapper.writeValueAsString(ViolationsJson.toJson(List.of(), mapper))).isEqualTo("{\"violations\":[]}");
        assertThatThrownBy(() -> ViolationsJson.fromJson(mapper.readTree("{\"violations\": [{\"feature_name\": \"a\"}]}"),
                "v.json")).hasMessage("v.json: $.violations[0].constraint_check_type: missing");
    }
}
