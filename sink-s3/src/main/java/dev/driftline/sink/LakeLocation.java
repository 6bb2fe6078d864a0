package dev.driftline.sink;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a lake lives: {@code s3://BUCKET[/PREFIX]} or {@code file:///DIR} (a bare path is taken as a local
 * directory too, so {@code --lake ./driftline-lake} works).
 *
 * <p>For S3, {@link #prefix()} is empty or ends with one slash, so an object key is {@code prefix + ObjectKeys.key(…)}.
 * For a directory, {@link #directory()} is absolute and normalised.
 *
 * @param bucket    S3 bucket, null for a local lake
 * @param prefix    S3 key prefix ("" or ending with '/'), null for a local lake
 * @param directory local directory, null for an S3 lake
 */
public record LakeLocation(String bucket, String prefix, Path directory) {

    public LakeLocation {
        if ((bucket == null) == (directory == null)) {
            throw new IllegalArgumentException("a lake is either s3://bucket/prefix or a directory");
        }
    }

    /**
     * Parses {@code s3://bucket[/prefix]}, {@code file:///dir} or a plain path.
     *
     * @throws IllegalArgumentException naming what is wrong, for any other form
     */
    public static LakeLocation parse(String uri) {
        Objects.requireNonNull(uri, "lake");
        String s = uri.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("lake is empty: give s3://BUCKET/PREFIX or file:///DIR");
        }
        if (s.startsWith("s3://")) {
            String rest = s.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1);
            if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("lake " + uri + ": '" + bucket + "' is not an S3 bucket name");
            }
            while (prefix.startsWith("/")) {
                prefix = prefix.substring(1);
            }
            while (prefix.endsWith("//")) {
                prefix = prefix.substring(0, prefix.length() - 1);
            }
            if (!prefix.isEmpty() && !prefix.endsWith("/")) {
                prefix = prefix + "/";
            }
            return new LakeLocation(bucket, prefix, null);
        }
        if (s.startsWith("file:")) {
            try {
                URI u = new URI(s);
                if (u.getAuthority() != null && !u.getAuthority().isEmpty()) {
                    throw new IllegalArgumentException("lake " + uri + ": file URIs have no host; use file:///DIR");
                }
                return new LakeLocation(null, null, Path.of(u).toAbsolutePath().normalize());
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IllegalArgumentException("lake " + uri + " is not a file:///DIR URI: " + e.getMessage(), e);
            }
        }
        if (s.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("lake " + uri + ": only s3:// and file:// lakes are supported");
        }
        return new LakeLocation(null, null, Path.of(s).toAbsolutePath().normalize());
    }

    /** True for {@code s3://} lakes. */
    public boolean isS3() {
        return bucket != null;
    }

    /** Directory of one table in a local lake. */
    public Path tableDirectory(LakeTable table) {
        if (directory == null) {
            throw new IllegalStateException("not a local lake: " + this);
        }
        return directory.resolve(table.tableName());
    }

    /** The canonical URI: {@code s3://bucket/prefix} or {@code file:///dir}. */
    public String uri() {
        return isS3() ? "s3://" + bucket + "/" + prefix : directory.toUri().toString();
    }

    @Override
    public String toString() {
        return uri();
    }
}
