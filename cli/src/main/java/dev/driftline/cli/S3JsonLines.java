package dev.driftline.cli;

import dev.driftline.config.UserInputException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The {@code *.jsonl} objects under an {@code s3://bucket/prefix}, listed with ListObjectsV2 (S3 returns keys in
 * UTF-8 order, which in the Data Capture layout is time order) and each read as a stream with GetObject when its
 * turn comes — nothing is downloaded ahead. Only the keys are held in memory: a month of hourly folders is tens of
 * thousands of short strings.
 */
final class S3JsonLines {
    private S3JsonLines() {
    }

    /** The objects, in key order; an empty listing, a missing bucket or a refusal is a user error naming the URI. */
    static List<JsonLinesObject> list(S3Client s3, S3Location from) {
        String prefix = from.key();
        List<JsonLinesObject> objects = new ArrayList<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(from.bucket()).prefix(prefix)).contents()) {
                if (o.key().endsWith(".jsonl")) {
                    S3Location at = from.object(o.key());
                    String layoutKey = o.key().substring(prefix.length()).replaceFirst("^/+", "");
                    objects.add(new JsonLinesObject(at.toString(), layoutKey, () -> open(s3, at)));
                }
            }
        } catch (SdkException e) {
            throw failure(from, "cannot list", e);
        }
        if (objects.isEmpty()) {
            throw new UserInputException(from + ": no .jsonl objects found");
        }
        return objects;
    }

    private static BufferedReader open(S3Client s3, S3Location at) {
        try {
            return new BufferedReader(new InputStreamReader(
                    s3.getObject(b -> b.bucket(at.bucket()).key(at.key())), StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw failure(at, "cannot read", e);
        }
    }

    /** Reads a whole (small) object as text: SageMaker statistics and constraints documents. */
    static String readString(S3Client s3, S3Location at) {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(at.bucket()).key(at.key())).asUtf8String();
        } catch (SdkException e) {
            throw failure(at, "cannot read", e);
        }
    }

    /** An S3 error as the user's problem: which URI, what S3 said (no such bucket/key, access denied, …). */
    static UserInputException failure(S3Location at, String what, SdkException e) {
        String why;
        if (e instanceof S3Exception s3e && s3e.awsErrorDetails() != null) {
            why = switch (s3e.statusCode()) {
                case 404 -> "NoSuchBucket".equals(s3e.awsErrorDetails().errorCode()) ? "no such bucket" : "no such object";
                case 403 -> "access denied (" + s3e.awsErrorDetails().errorMessage() + ")";
                default -> s3e.awsErrorDetails().errorCode() + ": " + s3e.awsErrorDetails().errorMessage();
            };
        } else {
            why = e.getMessage(); // e.g. no credentials in the default chain, or the endpoint does not answer
        }
        return new UserInputException(at + ": " + what + ": " + why);
    }
}
