package dev.driftline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Proves moto_server starts, serves S3 through the preconfigured client, and resets. */
@WithMoto
class MotoServerIT {

  @Test
  void objectRoundTripsByteForByteAndResetDropsTheBucket(MotoServer moto) {
    S3Client s3 = moto.s3();
    s3.createBucket(b -> b.bucket("testkit-bucket"));

    byte[] payload = new byte[300_000]; // binary, and larger than one socket buffer
    new Random(42).nextBytes(payload);
    s3.putObject(
        b -> b.bucket("testkit-bucket").key("dir/blob.bin"), RequestBody.fromBytes(payload));

    byte[] back =
        s3.getObjectAsBytes(b -> b.bucket("testkit-bucket").key("dir/blob.bin")).asByteArray();
    assertThat(back).isEqualTo(payload);

    // Reset inside the same test, so the check does not depend on test order.
    moto.reset();
    assertThat(s3.listBuckets().buckets()).isEmpty();
    assertThatThrownBy(() -> s3.headBucket(b -> b.bucket("testkit-bucket")))
        .isInstanceOf(NoSuchBucketException.class);
  }

  @Test
  void extensionResetsBeforeEachTestAndConfiguresAnyClient(MotoServer moto) {
    // Whatever other tests created, this test starts from an empty moto.
    try (S3Client own = moto.configure(S3Client.builder()).forcePathStyle(true).build()) {
      assertThat(own.listBuckets().buckets()).isEmpty();
    }
    assertThat(moto.endpoint().toString()).startsWith("http://127.0.0.1:");
    assertThat(moto.region().id()).isEqualTo("us-east-1");
    assertThat(moto.credentialsProvider().resolveCredentials().accessKeyId()).isEqualTo("test");
  }
}
