package dev.driftline.sink.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.io.PositionOutputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * One object streamed to S3: bytes are buffered up to a part; the first full part starts a multipart upload, each
 * further full part is uploaded at once (memory stays at about one part), and {@link #commit} uploads the rest and
 * completes the upload. An object smaller than one part is a single PutObject at commit. Until commit nothing is
 * visible; {@link #abort} aborts the multipart upload.
 */
final class S3UploadObject implements LakeObject {
    private final S3Client s3;
    private final String bucket;
    private final String s3Key;
    private final String key;
    private final int partSize;
    private final Optional<String> kmsKeyId;
    private final List<CompletedPart> parts = new ArrayList<>();
    private final ByteArrayOutputStream buffer;
    private String uploadId;
    private long written;
    private PositionOutputStream stream;

    S3UploadObject(S3Client s3, String bucket, String s3Key, String key, int partSize, Optional<String> kmsKeyId) {
        this.s3 = s3;
        this.bucket = bucket;
        this.s3Key = s3Key;
        this.key = key;
        this.partSize = partSize;
        this.kmsKeyId = kmsKeyId;
        this.buffer = new ByteArrayOutputStream(64 * 1024);
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public PositionOutputStream stream() {
        if (stream == null) {
            stream = new PositionOutputStream() {
                @Override
                public long getPos() {
                    return written;
                }

                @Override
                public void write(int b) throws IOException {
                    buffer.write(b);
                    written++;
                    maybeUploadPart();
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    buffer.write(b, off, len);
                    written += len;
                    maybeUploadPart();
                }
            };
        }
        return stream;
    }

    private void maybeUploadPart() throws IOException {
        if (buffer.size() < partSize) {
            return;
        }
        try {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(b -> {
                    b.bucket(bucket).key(s3Key).contentType("application/vnd.apache.parquet");
                    kmsKeyId.ifPresent(k -> b.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(k));
                }).uploadId();
            }
            uploadPart();
        } catch (SdkException e) {
            throw new IOException("upload of part " + (parts.size() + 1) + " of s3://" + bucket + "/" + s3Key
                    + " failed: " + e.getMessage(), e);
        }
    }

    private void uploadPart() {
        int number = parts.size() + 1;
        String etag = s3.uploadPart(b -> b.bucket(bucket).key(s3Key).uploadId(uploadId).partNumber(number),
                RequestBody.fromBytes(buffer.toByteArray())).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        buffer.reset();
    }

    @Override
    public long commit() throws IOException {
        try {
            if (uploadId == null) {
                s3.putObject(b -> {
                    b.bucket(bucket).key(s3Key).contentType("application/vnd.apache.parquet");
                    kmsKeyId.ifPresent(k -> b.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(k));
                }, RequestBody.fromBytes(buffer.toByteArray()));
            } else {
                if (buffer.size() > 0) {
                    uploadPart();
                }
                s3.completeMultipartUpload(b -> b.bucket(bucket).key(s3Key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
            }
            buffer.reset();
            return written;
        } catch (SdkException | UncheckedIOException e) {
            throw new IOException("upload of s3://" + bucket + "/" + s3Key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void abort() {
        buffer.reset();
        if (uploadId != null) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(s3Key).uploadId(uploadId));
            } catch (SdkException ignored) {
                // left for abandonUnfinished when the partition is next assigned
            }
            uploadId = null;
        }
    }
}
