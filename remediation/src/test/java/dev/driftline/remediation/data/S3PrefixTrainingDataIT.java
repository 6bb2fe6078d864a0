package dev.driftline.remediation.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.remediation.baseline.TrainingDataBaselines;
import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.WithMoto;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link S3PrefixTrainingData} against moto: a prefix with data is returned as a channel prefix, an empty prefix, one
 * with only a folder marker and a missing bucket fail naming the prefix; and {@link TrainingDataBaselines} reads the
 * objects under an S3 prefix, including a lake export's header-less CSV named by its marker.
 */
@WithMoto
class S3PrefixTrainingDataIT {
    private S3Client s3;

    @BeforeEach
    void bucket(MotoServer moto) {
        s3 = moto.s3();
        s3.createBucket(b -> b.bucket("ml-data"));
    }

    private void put(String key, String body) {
        s3.putObject(b -> b.bucket("ml-data").key(key), RequestBody.fromString(body));
    }

    @Test
    void aPrefixWithObjectsIsTheTrainingData() {
        put("churn/train/part-0.csv", "x,label\n1,0\n");
        S3PrefixTrainingData data = new S3PrefixTrainingData(s3, "s3://ml-data/churn/train");
        assertThat(data.kind()).isEqualTo("s3-prefix");
        assertThat(data.prepare("churn-e1", "churn", 0L)).isEqualTo("s3://ml-data/churn/train/");
        assertThat(data.prepare("churn-e2", "churn", 1L)).isEqualTo("s3://ml-data/churn/train/");
    }

    @Test
    void anEmptyPrefixAFolderMarkerOrAMissingBucketFailClearly() {
        put("churn/trainer/x.csv", "x\n1\n"); // a sibling whose name starts like the prefix does not count
        assertThatThrownBy(() -> new S3PrefixTrainingData(s3, "s3://ml-data/churn/train").prepare("e", "churn", 0L))
                .isInstanceOf(TrainingDataException.class)
                .hasMessage("training data prefix s3://ml-data/churn/train/ holds no objects; upload the training data "
                        + "there or use data.source: lake");
        put("churn/empty/", "");
        assertThatThrownBy(() -> new S3PrefixTrainingData(s3, "s3://ml-data/churn/empty/").prepare("e", "churn", 0L))
                .hasMessageContaining("holds no objects (only empty folder markers)");
        assertThatThrownBy(() -> new S3PrefixTrainingData(s3, "s3://nope/churn/").prepare("e", "churn", 0L))
                .isInstanceOf(TrainingDataException.class).hasMessageContaining("bucket nope does not exist");
    }

    @Test
    void baselinesFromAnS3PrefixAndFromALakeExportWithoutHeader(@TempDir Path tmp) {
        put("churn/train/a.csv", "x,city,label\n1.5,Oslo,1\n2.5,Bergen,0\n");
        put("churn/train/b.csv", "x,city,label\n3.5,Oslo,1\n");
        TrainingDataBaselines baselines = new TrainingDataBaselines(
                Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC), s3, tmp);
        Baseline b = baselines.build("churn", "s3://ml-data/churn/train/", Optional.empty());
        assertThat(b.rows()).isEqualTo(3);
        assertThat(b.withRole(BaselineFeature.Role.FEATURE)).extracting(BaselineFeature::name)
                .containsExactly("x", "city");
        assertThat(b.withRole(BaselineFeature.Role.LABEL)).extracting(BaselineFeature::name).containsExactly("label");

        // what AthenaTrainingExport leaves: data objects without header (label first) and the marker beside them
        put("exports/churn-e1/data/20261201_000000_00001_abc", "1,1.5,Oslo\n0,2.5,Bergen\n1,,Oslo\n");
        put("exports/churn-e1/export.json", "{\"data\":\"s3://ml-data/exports/churn-e1/data/\","
                + "\"columns\":[\"label\",\"x\",\"city\"]}");
        Baseline e = baselines.build("churn", "s3://ml-data/exports/churn-e1/data/", Optional.of(b));
        assertThat(e.rows()).isEqualTo(3);
        assertThat(e.feature("x").orElseThrow().profile().missing()).isEqualTo(1);
        assertThat(e.withRole(BaselineFeature.Role.LABEL)).extracting(BaselineFeature::name).containsExactly("label");
        assertThat(tmp.toFile().list()).as("downloads removed").isEmpty();
    }
}
