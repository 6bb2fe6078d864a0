package dev.driftline.drift.baseline.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineBuilder;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.drift.io.Table;
import dev.driftline.drift.metrics.CategoricalDriftFigures;
import dev.driftline.drift.metrics.NumericDriftFigures;
import dev.driftline.drift.metrics.SketchDrift;
import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.NumericProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Baseline → statistics.json + constraints.json → Baseline keeps what SageMaker's files can carry. */
class SageMakerRoundTripTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
    private static final int ROWS = 5_000;
    private static final String[] CITIES = {"Oslo", "Lima", "Pune", "Kyiv"};
    private final ObjectMapper mapper = new ObjectMapper();

    /** 5,000 rows: a normal fractional, an integral, a categorical with 4 values, each with some missing cells. */
    private static Table table(long seed) {
        Random rnd = new Random(seed);
        List<Object[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            double u = rnd.nextDouble();
            String city = u < 0.5 ? CITIES[0] : u < 0.8 ? CITIES[1] : u < 0.95 ? CITIES[2] : CITIES[3];
            rows.add(new Object[] {
                i % 97 == 0 ? null : 50_000 + 9_000 * rnd.nextGaussian(),
                i % 50 == 0 ? null : (long) (18 + rnd.nextInt(73)),
                i % 201 == 0 ? null : city,
                i % 13 == 0 ? "n/a" : rnd.nextDouble() * 3, // "n/a" is a missing marker
                null});
            lines.add(i + 2L);
        }
        return new Table("train.csv", List.of("income", "age", "city", "score", "empty"), rows, lines);
    }

    private static Baseline build(long seed) {
        return new BaselineBuilder(CLOCK).build(table(seed), "churn", Optional.empty(), Optional.empty(),
                Optional.of("score"), Map.of("empty", FeatureType.FRACTIONAL));
    }

    /** Export, write as text, parse and import: the full trip a file takes. */
    private Baseline trip(Baseline b) throws Exception {
        JsonNode stats = mapper.readTree(mapper.writeValueAsString(SageMakerExport.statistics(b, mapper)));
        JsonNode cons = mapper.readTree(mapper.writeValueAsString(SageMakerExport.constraints(b, mapper)));
        return SageMakerImport.fromJson(stats, "statistics.json", cons, "constraints.json", b.model(),
                CLOCK.instant());
    }

    private static double[] presentValues(Table t, String column) {
        return t.column(column).stream().filter(v -> v instanceof Number).mapToDouble(v -> ((Number) v).doubleValue())
                .sorted().toArray();
    }

    @Test
    void exportThenImportKeepsTypesCountsConstraintsAndDistributions() throws Exception {
        Table t = table(42);
        Baseline b = build(42);
        Baseline back = trip(b);

        assertThat(back.rows()).isEqualTo(ROWS);
        assertThat(back.features()).extracting(BaselineFeature::name)
                .containsExactlyElementsOf(b.features().stream().map(BaselineFeature::name).toList());
        assertThat(back.monitoringConfig()).isEqualTo(b.monitoringConfig());
        for (BaselineFeature f : b.features()) {
            BaselineFeature g = back.feature(f.name()).orElseThrow();
            assertThat(g.type()).as(f.name()).isEqualTo(f.type());
            assertThat(g.role()).isEqualTo(BaselineFeature.Role.FEATURE); // SageMaker has no roles
            assertThat(g.profile().present()).as(f.name()).isEqualTo(f.profile().present());
            assertThat(g.profile().count()).as(f.name()).isEqualTo(f.profile().count());
            assertThat(g.profile().missing()).isEqualTo(f.profile().missing() + f.profile().typeMismatches());
            assertThat(g.constraint()).as(f.name()).isEqualTo(f.constraint());
            assertThat(g.categoryFrequencies()).as(f.name()).isEqualTo(f.categoryFrequencies());
        }
        assertThat(back.feature("city").orElseThrow().constraint().domain()).containsExactlyInAnyOrder(CITIES);
        assertThat(back.feature("city").orElseThrow().profile().missing()).isEqualTo(25);

        for (String column : List.of("income", "age", "score")) {
            NumericProfile p = (NumericProfile) b.feature(column).orElseThrow().profile();
            NumericProfile q = (NumericProfile) back.feature(column).orElseThrow().profile();
            assertThat(q.isApproximate()).isTrue(); // 5,000 values > k = 200: the sketch had compacted
            assertThat(q.k()).isEqualTo(p.k());
            assertThat(q.mean()).as(column).isCloseTo(p.mean(), within(1e-9));
            assertThat(q.standardDeviation()).as(column).isCloseTo(p.standardDeviation(), within(1e-9));
            assertThat(q.min()).isEqualTo(p.min());
            assertThat(q.max()).isEqualTo(p.max());
            assertThat(q.sum()).isEqualTo(p.sum());
            double[] data = presentValues(t, column);
            for (int i = 1; i <= 9; i++) {
                double prob = i / 10.0;
                // The distribution is carried over exactly, so quantiles agree with the original profile's...
                assertThat(q.quantile(prob)).as("%s p=%.1f", column, prob).isEqualTo(p.quantile(prob));
                // ...which are within the sketch's rank error of the data's.
                assertThat(SageMakerKllTest.rankInterval(data, q.quantile(prob), prob)).as("%s p=%.1f", column, prob)
                        .isLessThanOrEqualTo(0.02);
            }
            // Reference bins are deciles of the sketch now, not of the data: within rank error of the exact ones.
            List<Double> bins = back.feature(column).orElseThrow().referenceBins();
            assertThat(bins).isSorted().doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(9);
            if (column.equals("income")) {
                assertThat(bins).hasSize(9);
                for (int i = 0; i < 9; i++) {
                    assertThat(SageMakerKllTest.rankInterval(data, bins.get(i), (i + 1) / 10.0))
                            .isLessThanOrEqualTo(0.02);
                }
            }
            NumericDriftFigures d = SketchDrift.numeric(p, q);
            assertThat(d.ksStatistic()).as(column).isZero();
            assertThat(d.wasserstein()).as(column).isZero();
        }
        CategoricalDriftFigures cd = SketchDrift.categorical(
                (CategoricalProfile) b.feature("city").orElseThrow().profile(),
                (CategoricalProfile) back.feature("city").orElseThrow().profile());
        assertThat(cd.linf()).isZero();

        NumericProfile empty = (NumericProfile) back.feature("empty").orElseThrow().profile();
        assertThat(empty.present()).isZero();
        assertThat(empty.missing()).isEqualTo(ROWS);
        assertThat(back.feature("empty").orElseThrow().referenceBins()).isEmpty();
    }

    @Test
    void exportedFilesHaveSageMakersShape() {
        Baseline b = build(7);
        ObjectNode stats = SageMakerExport.statistics(b, mapper);
        assertThat(stats.path("version").asInt(-1)).isZero();
        assertThat(stats.path("dataset").path("item_count").asLong()).isEqualTo(ROWS);
        JsonNode income = stats.path("features").path(0);
        assertThat(income.path("name").asText()).isEqualTo("income");
        assertThat(income.path("inferred_type").asText()).isEqualTo("Fractional");
        JsonNode num = income.path("numerical_statistics");
        long present = num.path("common").path("num_present").asLong();
        assertThat(present + num.path("common").path("num_missing").asLong()).isEqualTo(ROWS);
        for (String field : List.of("mean", "sum", "std_dev", "min", "max")) {
            assertThat(num.path(field).isNumber()).as(field).isTrue();
        }
        JsonNode kll = num.path("distribution").path("kll");
        assertThat(kll.path("buckets")).hasSize(10);
        long bucketTotal = 0;
        for (JsonNode bucket : kll.path("buckets")) {
            assertThat(bucket.path("lower_bound").asDouble()).isLessThanOrEqualTo(bucket.path("upper_bound").asDouble());
            bucketTotal += bucket.path("count").asLong();
        }
        assertThat(bucketTotal).isEqualTo(present);
        assertThat(kll.path("buckets").path(0).path("lower_bound").asDouble()).isEqualTo(num.path("min").asDouble());
        assertThat(kll.path("buckets").path(9).path("upper_bound").asDouble()).isEqualTo(num.path("max").asDouble());
        assertThat(kll.path("sketch").path("parameters").path("c").asDouble()).isEqualTo(0.64);
        assertThat(kll.path("sketch").path("parameters").path("k").asDouble()).isEqualTo(200.0);
        long weight = 0;
        JsonNode data = kll.path("sketch").path("data");
        for (int level = 0; level < data.size(); level++) {
            weight += (long) data.path(level).size() << level;
        }
        assertThat(weight).isEqualTo(present);

        JsonNode city = stats.path("features").path(2);
        assertThat(city.path("inferred_type").asText()).isEqualTo("String");
        JsonNode str = city.path("string_statistics");
        assertThat(str.path("distinct_count").asDouble()).isEqualTo(4.0);
        assertThat(str.path("distribution").path("categorical").path("buckets").path(0).path("value").asText())
                .isEqualTo("Oslo"); // most frequent first

        ObjectNode cons = SageMakerExport.constraints(b, mapper);
        assertThat(cons.path("features").path(1).path("num_constraints").path("is_non_negative").asBoolean()).isTrue();
        assertThat(cons.path("features").path(2).path("string_constraints").path("domains"))
                .extracting(JsonNode::asText).containsExactly("Kyiv", "Lima", "Oslo", "Pune");
        JsonNode mc = cons.path("monitoring_config");
        assertThat(mc.path("evaluate_constraints").asText()).isEqualTo("Enabled");
        assertThat(mc.path("emit_metrics").asText()).isEqualTo("Enabled");
        assertThat(mc.path("datatype_check_threshold").asDouble()).isEqualTo(1.0);
        JsonNode dc = mc.path("distribution_constraints");
        assertThat(dc.path("perform_comparison").asText()).isEqualTo("Enabled");
        assertThat(dc.path("comparison_threshold").asDouble()).isEqualTo(0.1);
        assertThat(dc.path("comparison_method").asText()).isEqualTo("Robust");
        assertThat(dc.path("categorical_comparison_threshold").asDouble()).isEqualTo(0.1);
        assertThat(dc.path("categorical_drift_method").asText()).isEqualTo("LInfinity");
    }

    @Test
    void secondExportEqualsTheFirst() throws Exception {
        for (long seed : new long[] {1, 2, 3}) {
            Baseline b = build(seed);
            Baseline back = trip(b);
            ObjectNode first = SageMakerExport.statistics(b, mapper);
            ObjectNode second = SageMakerExport.statistics(back, mapper);
            // std_dev goes through M2 = std² · n and back: equal up to rounding, everything else bit for bit.
            for (int i = 0; i < first.path("features").size(); i++) {
                JsonNode a = first.path("features").path(i).path("numerical_statistics");
                JsonNode c = second.path("features").path(i).path("numerical_statistics");
                if (a.has("std_dev")) {
                    assertThat(c.path("std_dev").asDouble()).isCloseTo(a.path("std_dev").asDouble(),
                            within(1e-12 * a.path("std_dev").asDouble()));
                    ((ObjectNode) a).remove("std_dev");
                    ((ObjectNode) c).remove("std_dev");
                }
            }
            assertThat(second).isEqualTo(first);
            assertThat(SageMakerExport.constraints(back, mapper)).isEqualTo(SageMakerExport.constraints(b, mapper));
            // that the imported baseline round-trips through driftline's own format: contracts' BaselineCodecTest
        }
    }

    @Test
    void writesBothFiles(@TempDir Path dir) throws Exception {
        Baseline b = build(9);
        List<Path> files = SageMakerExport.write(b, dir.resolve("out"), mapper);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("statistics.json",
                "constraints.json");
        Baseline back = SageMakerImport.read(files.get(0), files.get(1), "churn", CLOCK.instant(), mapper);
        assertThat(back.features()).hasSize(b.features().size());
        assertThat(Files.readString(files.get(0))).contains("\"numerical_statistics\"");
        assertThat(Arrays.asList(back.feature("age").orElseThrow().type(), back.feature("city").orElseThrow().type()))
                .containsExactly(FeatureType.INTEGRAL, FeatureType.STRING);
    }
}
