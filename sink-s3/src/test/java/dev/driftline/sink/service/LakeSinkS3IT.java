package dev.driftline.sink.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.sink.LakeLocation;
import dev.driftline.sink.LakeTraffic;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.WithKafka;
import dev.driftline.testkit.WithMoto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The sink on a real broker writing to S3 (moto_server) through the same code path as {@code driftline sink
 * --lake s3://… --endpoint-url …}: credentials from the SDK's default chain, path-style addressing. The objects are
 * downloaded and read back with DuckDB.
 */
@WithKafka
@WithMoto
class LakeSinkS3IT {
    private static final String BUCKET = "driftline-lake-it";

    @BeforeEach
    void credentials() {
        // the default provider chain reads these first; real deployments use the environment, a profile or IRSA
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @AfterEach
    void clear() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void writesAllSixTablesToS3ExactlyOnce(KafkaBroker kafka, MotoServer moto, @TempDir Path local) throws Exception {
        S3Client s3 = moto.s3();
        s3.createBucket(b -> b.bucket(BUCKET));
        LakeTraffic traffic = LakeTraffic.send(kafka, 400, 0);
        SinkRuns.runToEnd(SinkRuns.settings(kafka.bootstrapServers(), traffic,
                LakeLocation.parse("s3://" + BUCKET + "/lakes/it"), Optional.of(moto.endpoint().toString()), 80),
                traffic);

        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).as("no unfinished upload").isEmpty();
        int objects = 0;
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("lakes/it/")).contents()) {
            assertThat(o.key()).matches("lakes/it/[a-z_]+/model=[^/]+/dt=\\d{4}-\\d{2}-\\d{2}/hour=\\d{2}/"
                    + "[^/]+\\+\\d+\\+\\d{20}\\.parquet");
            Path target = local.resolve(o.key().substring("lakes/it/".length()));
            Files.createDirectories(target.getParent());
            s3.getObject(b -> b.bucket(BUCKET).key(o.key()), target);
            objects++;
        }
        assertThat(objects).isGreaterThan(6);
        traffic.assertLake(local);
    }
}
