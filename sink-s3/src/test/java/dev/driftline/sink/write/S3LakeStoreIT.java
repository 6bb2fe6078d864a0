package dev.driftline.sink.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.WithMoto;
import java.io.OutputStream;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Multipart objects on S3 (moto): invisible until complete, aborted on failure, leftovers of a crash cleaned. */
@WithMoto
class S3LakeStoreIT {
    private static final String BUCKET = "lake-store-it";
    private static final String KEY = "inference_log/model=wine/dt=2026-11-21/hour=10/"
            + "driftline.inference.records+4+00000000000000001000.parquet";
    private S3Client s3;
    private S3LakeStore store;

    @BeforeEach
    void bucket(MotoServer moto) {
        s3 = moto.s3();
        s3.createBucket(b -> b.bucket(BUCKET));
        store = new S3LakeStore(s3, BUCKET, "p/", S3LakeStore.MIN_PART_SIZE, Optional.empty());
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private int visibleObjects() {
        return s3.listObjectsV2(b -> b.bucket(BUCKET)).contents().size();
    }

    private int unfinishedUploads() {
        return s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().size();
    }

    @Test
    void aLargeObjectIsUploadedInPartsAndVisibleOnlyAfterCommit() throws Exception {
        byte[] data = random(12 * 1024 * 1024);
        LakeObject o = store.create(KEY);
        OutputStream out = o.stream();
        int mib = 1024 * 1024;
        for (int i = 0; i < 7; i++) { // Parquet writes pages of about 1 MiB
            out.write(data, i * mib, mib);
        }
        assertThat(unfinishedUploads()).as("the first part started a multipart upload").isEqualTo(1);
        assertThat(visibleObjects()).as("nothing visible mid-upload").isZero();
        for (int i = 7; i < 12; i++) {
            out.write(data, i * mib, mib);
        }
        assertThat(o.commit()).isEqualTo(data.length);
        assertThat(unfinishedUploads()).isZero();
        String etag = s3.headObject(b -> b.bucket(BUCKET).key("p/" + KEY)).eTag();
        assertThat(etag).as("5 + 5 + 2 MiB: a 3-part multipart ETag").endsWith("-3\"");
        ResponseBytes<GetObjectResponse> back = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("p/" + KEY));
        assertThat(back.asByteArray()).isEqualTo(data);
        assertThat(store.list("inference_log/")).containsExactly(KEY);
    }

    @Test
    void aSmallObjectIsOnePutAtCommit() throws Exception {
        LakeObject o = store.create(KEY);
        o.stream().write(random(1000));
        assertThat(unfinishedUploads()).isZero();
        assertThat(visibleObjects()).isZero();
        o.commit();
        assertThat(visibleObjects()).isEqualTo(1);
    }

    @Test
    void objectsAreEncryptedWithTheConfiguredKmsKey() throws Exception {
        S3LakeStore encrypted = new S3LakeStore(s3, BUCKET, "p/", S3LakeStore.MIN_PART_SIZE,
                Optional.of("alias/driftline-lake"));
        LakeObject small = encrypted.create(KEY);
        small.stream().write(random(1000));
        small.commit();
        LakeObject large = encrypted.create(KEY.replace("+4+", "+5+"));
        large.stream().write(random(6 * 1024 * 1024));
        large.commit();
        for (String key : encrypted.list("inference_log/")) {
            var head = s3.headObject(b -> b.bucket(BUCKET).key("p/" + key));
            assertThat(head.serverSideEncryptionAsString()).as(key).isEqualTo("aws:kms");
            assertThat(head.ssekmsKeyId()).as(key).contains("alias/driftline-lake");
        }
    }

    @Test
    void abortDropsTheUpload() throws Exception {
        LakeObject o = store.create(KEY);
        o.stream().write(random(6 * 1024 * 1024));
        assertThat(unfinishedUploads()).isEqualTo(1);
        o.abort();
        assertThat(unfinishedUploads()).isZero();
        assertThat(visibleObjects()).isZero();
    }

    @Test
    void leftoversOfACrashedWriterAreAbortedForItsPartitionOnly() throws Exception {
        store.create(KEY).stream().write(random(6 * 1024 * 1024)); // the writer "dies": no commit, no abort
        store.create(KEY.replace("+4+", "+5+")).stream().write(random(6 * 1024 * 1024));
        assertThat(unfinishedUploads()).isEqualTo(2);
        assertThat(store.abandonUnfinished("driftline.inference.records", 4)).isEqualTo(1);
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).singleElement()
                .satisfies(u -> assertThat(u.key()).contains("+5+"));
        assertThat(visibleObjects()).isZero();
    }
}
