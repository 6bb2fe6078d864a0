package dev.driftline.remediation.data;

import dev.driftline.remediation.world.TrainingDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Training data at a fixed prefix, as ML teams keep it today ({@code data.source: s3-prefix}): nothing is
 * exported, every episode trains on what is there. {@link #prepare} only checks that the prefix holds data, so an
 * episode fails at PREPARING_DATA with the prefix named instead of minutes later inside a training job. Idempotent
 * by nature: the same prefix every time. A {@code file://} directory works the same way for local runs.
 */
public final class S3PrefixTrainingData implements TrainingDataSource {
    private final S3Client s3;
    private final String prefix;

    /**
     * @param s3     client for the bucket (null only for a {@code file://} prefix)
     * @param prefix {@code s3://bucket/prefix} or {@code file:///dir}
     */
    public S3PrefixTrainingData(S3Client s3, String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        if (prefix.startsWith("s3://")) {
            S3Uri.parse(prefix); // fails at construction on a malformed location
            this.s3 = Objects.requireNonNull(s3, "s3 client for " + prefix);
        } else if (prefix.startsWith("file:")) {
            this.s3 = s3;
        } else {
            throw new IllegalArgumentException("training data prefix must be s3://… or file://…: " + prefix);
        }
    }

    /** From the policy section's {@code prefix}. */
    public static S3PrefixTrainingData of(S3Client s3, TrainingDataSettings settings) {
        return new S3PrefixTrainingData(s3, settings.prefix().orElseThrow(
                () -> new IllegalArgumentException("data.prefix is not set")));
    }

    @Override
    public String kind() {
        return TrainingDataSettings.Source.S3_PREFIX.id();
    }

    /**
     * The prefix ({@code s3://bucket/prefix/}, one trailing slash, as a SageMaker {@code S3Prefix} channel takes it).
     *
     * @throws TrainingDataException when the bucket does not exist or no object (other than zero-byte "folder"
     *                               markers) is under the prefix
     */
    @Override
    public String prepare(String episodeId, String model, long triggeredAt) {
        if (!prefix.startsWith("s3://")) {
            return checkDirectory();
        }
        S3Uri at = S3Uri.parse(prefix).asPrefix();
        ListObjectsV2Response page;
        try {
            page = s3.listObjectsV2(b -> b.bucket(at.bucket()).prefix(at.key()).maxKeys(1000));
        } catch (NoSuchBucketException e) {
            throw new TrainingDataException("training data prefix " + at + ": bucket " + at.bucket()
                    + " does not exist", e);
        }
        boolean data = page.contents().stream().anyMatch(S3PrefixTrainingData::isData)
                || Boolean.TRUE.equals(page.isTruncated()); // over 1000 keys cannot all be folder markers
        if (!data) {
            throw new TrainingDataException("training data prefix " + at + " holds no objects"
                    + (page.contents().isEmpty() ? "" : " (only empty folder markers)")
                    + "; upload the training data there or use data.source: lake");
        }
        return at.toString();
    }

    private static boolean isData(S3Object o) {
        return !(o.key().endsWith("/") && o.size() != null && o.size() == 0);
    }

    private String checkDirectory() {
        Path dir = Path.of(URI.create(prefix));
        if (!Files.isDirectory(dir)) {
            throw new TrainingDataException("training data directory " + dir + " does not exist");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            if (files.noneMatch(Files::isRegularFile)) {
                throw new TrainingDataException("training data directory " + dir + " holds no files");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return dir.toUri().toString();
    }
}
