package dev.driftline.drift.compare;

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
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison of the two CSVs of {@link ComparisonFiles}. */
class DriftComparisonTest {
    private static final int ROWS = ComparisonFiles.ROWS;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private ComparisonFiles files;
    private Path referenceFile;
    private Path currentFile;
    private double[] xRef;
    private double[] xCur;
    private double[] yRef;
    private List<Double> yCur;

    @BeforeEach
    void writeFiles() throws IOException {
        files = new ComparisonFiles(dir);
        referenceFile = files.referenceFile;
        currentFile = files.currentFile;
        xRef = files.xRef;
        xCur = files.xCur;
        yRef = files.yRef;
        yCur = files.yCur;
    }

    private ComparisonReport compare(DriftPolicy policy, Map<String, FeatureType> overrides, boolean sketch) {
        return files.compare(policy, overrides, sketch);
    }

    private ComparisonReport exact() {
        return files.exact();
    }

    @Test
    void comparesTheCommonColumnsWithInferredTypes() {
        ComparisonReport r = exact();
        assertThat(r.sketchMode()).isFalse();
        assertThat(r.features().keySet()).containsExactly("x", "y", "n", "colour", "flag");
        assertThat(r.features().get("x").type()).isEqualTo(FeatureType.FRACTIONAL);
        assertThat(r.features().get("y").type()).isEqualTo(FeatureType.FRACTIONAL);
        assertThat(r.features().get("n").type()).isEqualTo(FeatureType.INTEGRAL);
        assertThat(r.features().get("colour").type()).isEqualTo(FeatureType.STRING);
        assertThat(r.features().get("flag").type()).isEqualTo(FeatureType.BOOLEAN);
        assertThat(r.features().get("x").figures()).isInstanceOf(NumericDriftFigures.class);
        assertThat(r.features().get("colour").figures()).isInstanceOf(CategoricalDriftFigures.class);
        assertThat(r.features().get("flag").figures()).isInstanceOf(CategoricalDriftFigures.class);
    }

    @Test
    void exactFiguresAreThoseOfTheFullSamples() {
        ComparisonReport r = exact();
        NumericDriftFigures x = (NumericDriftFigures) r.features().get("x").figures();
        assertThat(x).isEqualTo(ExactDrift.numeric(xRef, xCur));

        NumericDriftFigures y = (NumericDriftFigures) r.features().get("y").figures();
        double[] yc = yCur.stream().mapToDouble(Double::doubleValue).toArray();
        assertThat(y).isEqualTo(ExactDrift.numeric(yRef, yc));
        assertThat(y.nReference()).isEqualTo(ROWS);
        assertThat(y.nCurrent()).as("the mismatched cell is not a value").isEqualTo(ROWS - 1);
        assertThat(r.features().get("y").mismatchesCurrent()).isEqualTo(1);
        assertThat(r.features().get("n").missingCurrent()).isEqualTo(1);
        assertThat(r.features().get("n").figures().nCurrent()).isEqualTo(ROWS - 1);
    }

    @Test
    void oneFeatureDriftsTheOthersDoNot() {
        ComparisonReport r = exact();
        Map<String, FeatureComparison> f = r.features();

        assertThat(f.get("x").decision().method()).isEqualTo(DriftMethod.KS);
        assertThat(f.get("x").decision().status()).isEqualTo(Status.DRIFT);
        assertThat(((NumericDriftFigures) f.get("x").figures()).ksStatistic()).isGreaterThan(0.2);

        for (String name : List.of("y", "n", "colour", "flag")) {
            assertThat(f.get(name).decision().status()).as(name).isEqualTo(Status.NO_DRIFT);
        }
        assertThat(f.get("colour").decision().method()).isEqualTo(DriftMethod.CHI2);
        assertThat(f.get("flag").decision().method()).isEqualTo(DriftMethod.CHI2);
        // Bonferroni over the five p-value tests of the window
        assertThat(f.get("y").decision().threshold())
                .isCloseTo(DriftPolicy.defaults().alpha() / 5, within(1e-15));

        assertThat(r.decision().judged()).isEqualTo(5);
        assertThat(r.decision().drifted()).isEqualTo(1);
        assertThat(r.decision().driftedShare()).isEqualTo(0.2);
        assertThat(r.decision().datasetDrift()).isFalse();
    }

    @Test
    void violationsNameTheMissingAndExtraColumnsAndTheDataProblems() {
        List<Violation> v = exact().violations();
        assertThat(v).extracting(Violation::featureName, Violation::constraintCheckType).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("dropped", "missing_column_check"),
                org.assertj.core.groups.Tuple.tuple("extra", "extra_column_check"),
                org.assertj.core.groups.Tuple.tuple("y", "data_type_check"),
                org.assertj.core.groups.Tuple.tuple("n", "completeness_check"));
        assertThat(v).filteredOn(x -> x.featureName().equals("n")).singleElement()
                .extracting(Violation::description).asString().contains("Observed completeness: 99.8%");
    }

    @Test
    void sketchModeReachesTheSameVerdicts() {
        ComparisonReport r = compare(DriftPolicy.defaults(), Map.of(), true);
        assertThat(r.sketchMode()).isTrue();
        assertThat(r.features().keySet()).containsExactly("x", "y", "n", "colour", "flag");
        assertThat(r.features().get("x").decision().status()).isEqualTo(Status.DRIFT);
        assertThat(r.decision().drifted()).isEqualTo(1);
        NumericDriftFigures exactX = (NumericDriftFigures) exact().features().get("x").figures();
        NumericDriftFigures sketchX = (NumericDriftFigures) r.features().get("x").figures();
        assertThat(sketchX.ksStatistic()).isCloseTo(exactX.ksStatistic(), within(0.03));
        assertThat(sketchX.wassersteinNorm()).isCloseTo(exactX.wassersteinNorm(), within(0.05));
        // categorical figures are exact in sketch mode while the categories fit
        assertThat(r.features().get("colour").figures()).isEqualTo(exact().features().get("colour").figures());
    }

    @Test
    void largeWindowsAreJudgedByDistance() {
        DriftPolicy d = DriftPolicy.defaults();
        DriftPolicy small = new DriftPolicy(d.minSamples(), 200, d.alpha(), d.correction(), d.numericDistance(),
                d.categoricalDistance(), d.datasetDriftShare(), d.thresholds(), d.overrides());
        ComparisonReport r = compare(small, Map.of(), false);
        assertThat(r.features().get("x").decision().method()).isEqualTo(DriftMethod.WASSERSTEIN_NORM);
        assertThat(r.features().get("x").decision().status()).isEqualTo(Status.DRIFT);
        assertThat(r.features().get("y").decision().method()).isEqualTo(DriftMethod.WASSERSTEIN_NORM);
        assertThat(r.features().get("colour").decision().method()).isEqualTo(DriftMethod.JENSEN_SHANNON);
    }

    @Test
    void typeOverridesTurnACodeIntoCategories() {
        ComparisonReport r = compare(DriftPolicy.defaults(), Map.of("n", FeatureType.STRING), false);
        assertThat(r.features().get("n").type()).isEqualTo(FeatureType.STRING);
        CategoricalDriftFigures n = (CategoricalDriftFigures) r.features().get("n").figures();
        assertThat(n.categories()).containsExactlyInAnyOrder("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(n.chi2Dof()).isEqualTo(9);
        assertThat(r.features().get("n").decision().method()).isEqualTo(DriftMethod.CHI2);
    }

    private static Set<String> keys(JsonNode o) {
        Set<String> out = new TreeSet<>();
        o.fieldNames().forEachRemaining(out::add);
        return out;
    }



}
