package dev.driftline.remediation.data;

import java.util.Objects;

/**
 * An {@code s3://bucket/key-or-prefix} location, split once here so every S3 call of the package agrees on it.
 *
 * @param bucket the bucket
 * @param key    the key or prefix, without a leading slash; may be empty (the whole bucket)
 */
public record S3Uri(String bucket, String key) {
    public S3Uri {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }

    /** @throws IllegalArgumentException when {@code uri} is not {@code s3://bucket[/key]} */
    public static S3Uri parse(String uri) {
        if (uri == null || !uri.startsWith("s3://")) {
            throw new IllegalArgumentException("not an s3:// location: " + uri);
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("s3:// location without a bucket: " + uri);
        }
        return new S3Uri(bucket, slash < 0 ? "" : rest.substring(slash + 1));
    }

    /** The same location as a prefix: empty or ending with one {@code /}, so {@code a/b} does not match {@code a/bc}. */
    public S3Uri asPrefix() {
        return key.isEmpty() || key.endsWith("/") ? this : new S3Uri(bucket, key + "/");
    }

    /** A location under this prefix. */
    public S3Uri resolve(String relative) {
        return new S3Uri(bucket, asPrefix().key + relative);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
