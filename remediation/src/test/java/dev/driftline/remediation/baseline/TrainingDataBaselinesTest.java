package dev.driftline.remediation.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineBuilder;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.drift.dataquality.MonitoringConfig;
import dev.driftline.drift.io.TableReader;
import dev.driftline.drift.model.FeatureType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new baseline from a training CSV (a file or a directory), keeping what the current baseline decided. */
class TrainingDataBaselinesTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final TrainingDataBaselines baselines = new TrainingDataBaselines(Clock.fixed(NOW, ZoneOffset.UTC));

    /** The current baseline: features x (fractional) and zone (a numeric-looking code, forced STRING), label y. */
    private static Baseline current(Path dir) throws Exception {
        Path old = dir.resolve("old.csv");
        Files.writeString(old, "x,zone,y,score\n1.0,10,1,0.9\n2.0,20,0,0.1\n3.0,10,1,0.8\n");
        Baseline b = new BaselineBuilder(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
                .build(TableReader.read(old), "churn", Optional.of(List.of("x", "zone")), Optional.of("y"),
                        Optional.of("score"), Map.of("zone", FeatureType.STRING));
        return b.withMonitoringConfig(MonitoringConfig.defaults().withUnseenFloor(0.05));
    }

    @Test
    void buildsFromACsvKeepingFeaturesLabelTypesAndMonitoringConfig(@TempDir Path dir) throws Exception {
        Baseline current = current(dir);
        Path train = dir.resolve("episode").resolve("train.csv");
        Files.createDirectories(train.getParent());
        Files.writeString(train, "x,zone,new_column,y\n4.0,30,a,1\n5.0,30,b,0\n6.0,40,c,1\n7.0,,d,0\n");
        Baseline b = baselines.build("churn", train.toUri().toString(), Optional.of(current));
        assertThat(b.model()).isEqualTo("churn");
        assertThat(b.createdAt()).isEqualTo(NOW);
        assertThat(b.rows()).isEqualTo(4);
        assertThat(b.source()).isEqualTo(train.toUri().toString());
        assertThat(b.features()).extracting(BaselineFeature::name).containsExactly("x", "zone", "y");
        assertThat(b.feature("zone").orElseThrow().type()).isEqualTo(FeatureType.STRING);
        assertThat(b.feature("zone").orElseThrow().categoryFrequencies()).containsEntry("30", 2L);
        assertThat(b.feature("x").orElseThrow().constraint().min()).contains(4.0);
        assertThat(b.feature("y").orElseThrow().role()).isEqualTo(BaselineFeature.Role.LABEL);
        assertThat(b.monitoringConfig()).isEqualTo(current.monitoringConfig());
        assertThat(b.modelQuality()).as("no prediction column in the data").isEmpty();

        // the episode's directory (what LakeTrainingData returns) reads the same
        Baseline fromDir = baselines.build("churn", train.getParent().toUri().toString(), Optional.of(current));
        assertThat(fromDir.rows()).isEqualTo(4);
        assertThat(fromDir.features()).extracting(BaselineFeature::name).containsExactly("x", "zone", "y");
    }

    @Test
    void withoutACurrentBaselineEveryColumnButLabelIsAFeatureAndFilesAreConcatenated(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("a.csv"), "x,label\n1,0\n2,1\n");
        Files.writeString(dir.resolve("b.csv"), "x,label\n3,1\n");
        Files.writeString(dir.resolve(".b.csv.tmp"), "garbage");
        Baseline b = baselines.build("m", dir.toString(), Optional.empty());
        assertThat(b.rows()).isEqualTo(3);
        assertThat(b.features()).extracting(BaselineFeature::name, BaselineFeature::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple("x", BaselineFeature.Role.FEATURE),
                org.assertj.core.groups.Tuple.tuple("label", BaselineFeature.Role.LABEL));
        assertThat(b.monitoringConfig()).isEqualTo(MonitoringConfig.defaults());

        Files.writeString(dir.resolve("c.csv"), "x,other\n3,1\n");
        assertThatThrownBy(() -> baselines.build("m", dir.toString(), Optional.empty()))
                .hasMessageContaining("every file of the training data must have the same");
    }

    @Test
    void dataWithoutTheCurrentFeaturesIsRefused(@TempDir Path dir) throws Exception {
        Baseline current = current(dir);
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "a,b\n1,2\n");
        assertThatThrownBy(() -> baselines.build("churn", f.toString(), Optional.of(current)))
                .hasMessageContaining("none of the current baseline's features");
    }
}
