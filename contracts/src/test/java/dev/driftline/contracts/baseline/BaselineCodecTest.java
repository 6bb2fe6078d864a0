package dev.driftline.contracts.baseline;

import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.drift.baseline.BaselineBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.drift.io.Table;
import dev.driftline.drift.io.TableReader;
import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.NumericProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import dev.driftline.drift.baseline.sagemaker.SageMakerExport;
import dev.driftline.drift.baseline.sagemaker.SageMakerImport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineCodecTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
    private final ObjectMapper mapper = new ObjectMapper();

    private static Table training(Path dir) throws Exception {
        Random rnd = new Random(7);
        StringBuilder csv = new StringBuilder("age,income,city,vip,churn\n");
        String[] cities = {"Oslo", "Lima", "Pune"};
        for (int i = 0; i < 2000; i++) {
            csv.append(i % 50 == 0 ? "" : Integer.toString(20 + rnd.nextInt(50))).append(',')
                    .append(i % 97 == 0 ? "NA" : String.format(java.util.Locale.ROOT, "%.2f", 40000 + 9000 * rnd.nextGaussian()))
                    .append(',').append(cities[rnd.nextInt(3)]).append(',').append(rnd.nextBoolean()).append(',')
                    .append(rnd.nextInt(2)).append('\n');
        }
        Path f = dir.resolve("train.csv");
        Files.writeString(f, csv);
        return TableReader.read(f);
    }

    @Test
    void buildInfersTypesRolesAndConstraints(@TempDir Path dir) throws Exception {
        Baseline b = new BaselineBuilder(CLOCK).build(training(dir), "churn", Optional.empty(), Optional.of("churn"),
                Optional.empty(), Map.of());
        assertThat(b.rows()).isEqualTo(2000);
        assertThat(b.features()).extracting(BaselineFeature::name).containsExactly("age", "income", "city", "vip", "churn");
        assertThat(b.feature("age").orElseThrow().type()).isEqualTo(FeatureType.INTEGRAL);
        assertThat(b.feature("income").orElseThrow().type()).isEqualTo(FeatureType.FRACTIONAL);
        assertThat(b.feature("city").orElseThrow().type()).isEqualTo(FeatureType.STRING);
        assertThat(b.feature("vip").orElseThrow().type()).isEqualTo(FeatureType.BOOLEAN);
        assertThat(b.feature("churn").orElseThrow().role()).isEqualTo(BaselineFeature.Role.LABEL);
        BaselineFeature age = b.feature("age").orElseThrow();
        assertThat(age.profile().missing()).isEqualTo(40);
        assertThat(age.constraint().completeness()).isEqualTo(1960 / 2000.0);
        assertThat(age.constraint().nonNegative()).isTrue();
        assertThat(age.referenceBins()).hasSizeLessThanOrEqualTo(9).isSorted();
        assertThat(b.feature("income").orElseThrow().profile().missing()).isEqualTo(21); // "NA" is a missing marker
        assertThat(b.feature("city").orElseThrow().constraint().domain()).containsExactlyInAnyOrder("Oslo", "Lima", "Pune");
        assertThat(b.feature("city").orElseThrow().categoryFrequencies().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(2000);
    }

    @Test
    void jsonRoundTripKeepsEveryField(@TempDir Path dir) throws Exception {
        Baseline b = new BaselineBuilder(CLOCK).build(training(dir), "churn", Optional.of(List.of("age", "income",
                "city", "vip")), Optional.of("churn"), Optional.empty(), Map.of("churn", FeatureType.STRING));
        ObjectNode json = BaselineCodec.toJson(b, mapper);
        String text = mapper.writeValueAsString(json);
        Baseline back = BaselineCodec.fromJson(mapper.readTree(text), "test");
        assertThat(back.model()).isEqualTo("churn");
        assertThat(back.createdAt()).isEqualTo(CLOCK.instant());
        assertThat(back.rows()).isEqualTo(b.rows());
        assertThat(back.monitoringConfig()).isEqualTo(b.monitoringConfig());
        for (BaselineFeature f : b.features()) {
            BaselineFeature g = back.feature(f.name()).orElseThrow();
            assertThat(g.type()).isEqualTo(f.type());
            assertThat(g.role()).isEqualTo(f.role());
            assertThat(g.referenceBins()).isEqualTo(f.referenceBins());
            assertThat(g.categoryFrequencies()).isEqualTo(f.categoryFrequencies());
            assertThat(g.constraint()).isEqualTo(f.constraint());
            // Same content (HLL's hash-set mode may serialise its entries in another order, so not byte equality).
            assertThat(g.profile().count()).isEqualTo(f.profile().count());
            assertThat(g.profile().missing()).isEqualTo(f.profile().missing());
            assertThat(g.profile().typeMismatches()).isEqualTo(f.profile().typeMismatches());
            assertThat(g.profile().distinctEstimate()).isEqualTo(f.profile().distinctEstimate());
            if (f.profile() instanceof NumericProfile n) {
                NumericProfile m = (NumericProfile) g.profile();
                assertThat(m.mean()).isEqualTo(n.mean());
                assertThat(m.standardDeviation()).isEqualTo(n.standardDeviation());
                for (double q = 0.1; q < 0.95; q += 0.1) {
                    assertThat(m.quantile(q)).isEqualTo(n.quantile(q));
                }
            } else {
                assertThat(((CategoricalProfile) g.profile()).frequencies())
                        .isEqualTo(((CategoricalProfile) f.profile()).frequencies());
            }
        }
        assertThat(back.feature("churn").orElseThrow().profile()).isInstanceOf(CategoricalProfile.class);
        assertThat(back.feature("income").orElseThrow().profile()).isInstanceOf(NumericProfile.class);
        assertThat(json.get("features").get(1).get("numeric").get("mean").asDouble())
                .isEqualTo(((NumericProfile) b.feature("income").orElseThrow().profile()).mean());
    }

    /** A baseline imported from SageMaker Model Monitor files is a normal baseline: its own format round-trips it. */
    @Test
    void anImportedSageMakerBaselineRoundTrips(@TempDir Path dir) throws Exception {
        Baseline b = new BaselineBuilder(CLOCK).build(training(dir), "churn", Optional.empty(), Optional.empty(),
                Optional.of("churn"), Map.of());
        JsonNode stats = mapper.readTree(mapper.writeValueAsString(SageMakerExport.statistics(b, mapper)));
        JsonNode cons = mapper.readTree(mapper.writeValueAsString(SageMakerExport.constraints(b, mapper)));
        Baseline back = SageMakerImport.fromJson(stats, "statistics.json", cons, "constraints.json", b.model(),
                CLOCK.instant());
        Baseline again = BaselineCodec.INSTANCE.decode(BaselineCodec.INSTANCE.encode(back));
        assertThat(SageMakerExport.statistics(again, mapper)).isEqualTo(SageMakerExport.statistics(back, mapper));
    }

    @Test
    void refusesOtherFormatsAndNewerVersions() throws Exception {
        assertThatThrownBy(() -> BaselineCodec.fromJson(mapper.readTree("{\"format\":\"x\"}"), "f.json"))
                .hasMessageContaining("f.json").hasMessageContaining("not a driftline baseline");
        assertThatThrownBy(() -> BaselineCodec.fromJson(mapper.readTree(
                "{\"format\":\"driftline-baseline\",\"version\":99}"), "f.json"))
                .hasMessageContaining("version 99");
    }

    @Test
    void unknownRequestedColumnIsNamed(@TempDir Path dir) throws Exception {
        Table t = training(dir);
        assertThatThrownBy(() -> new BaselineBuilder(CLOCK).build(t, "m", Optional.of(List.of("agee")),
                Optional.empty(), Optional.empty(), Map.of())).hasMessageContaining("agee");
    }
}
