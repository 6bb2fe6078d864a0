package dev.driftline.sink.write;

import dev.driftline.sink.ObjectKeys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * A lake in S3 ({@code s3://bucket/prefix}). Objects are uploaded as multipart uploads of {@code partSize} parts
 * (a small object is one PutObject), so nothing is visible before the upload completes; an unfinished upload is
 * aborted by {@link S3UploadObject} on failure and, after a crash, by {@link #abandonUnfinished} when the partition is
 * next assigned. Optional SSE-KMS.
 */
public final class S3LakeStore implements LakeStore {
    /** S3's minimum size of every part but the last. */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final int partSize;
    private final Optional<String> kmsKeyId;

    /**
     * @param prefix   key prefix, "" or ending with '/'
     * @param partSize multipart part size, at least {@link #MIN_PART_SIZE}
     * @param kmsKeyId SSE-KMS key id or ARN, empty for the bucket's default encryption
     */
    public S3LakeStore(S3Client s3, String bucket, String prefix, int partSize, Optional<String> kmsKeyId) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("part size must be at least 5 MiB, got " + partSize);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.partSize = partSize;
        this.kmsKeyId = kmsKeyId;
    }

    @Override
    public LakeObject create(String key) {
        return new S3UploadObject(s3, bucket, prefix + key, key, partSize, kmsKeyId);
    }

    @Override
    public int abandonUnfinished(String topic, int partition) {
        String namePrefix = ObjectKeys.escape(topic) + "+" + partition + "+";
        int aborted = 0;
        String keyMarker = null;
        String uploadIdMarker = null;
        while (true) {
            ListMultipartUploadsResponse page = s3.listMultipartUploads(ListMultipartUploadsRequest.builder()
                    .bucket(bucket).prefix(prefix).keyMarker(keyMarker).uploadIdMarker(uploadIdMarker).build());
            for (MultipartUpload u : page.uploads()) {
                String name = u.key().substring(u.key().lastIndexOf('/') + 1);
                if (name.startsWith(namePrefix)) {
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId()));
                    aborted++;
                }
            }
            if (!Boolean.TRUE.equals(page.isTruncated())) {
                return aborted;
            }
            keyMarker = page.nextKeyMarker();
            uploadIdMarker = page.nextUploadIdMarker();
        }
    }

    @Override
    public List<String> list(String keyPrefix) {
        List<String> keys = new ArrayList<>();
        for (var page : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket)
                .prefix(prefix + keyPrefix).build())) {
            for (var o : page.contents()) {
                keys.add(o.key().substring(prefix.length()));
            }
        }
        keys.sort(null);
        return keys;
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public void close() throws IOException {
        s3.close();
    }
}
