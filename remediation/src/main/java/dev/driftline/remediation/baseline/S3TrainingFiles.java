package dev.driftline.remediation.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftline.remediation.data.S3Uri;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.paginators.ListObjectsV2Iterable;

/**
 * Downloads the training data under an {@code s3://} prefix into a directory as files {@code TableReader} reads.
 * Objects ending in {@code .jsonl}/{@code .ndjson}/{@code .json} keep their type, everything else is CSV; a
 * {@code .gz} object is decompressed. A lake export's objects (CSV without a header, label first) are recognised by
 * the export marker beside the data prefix ({@code <episode>/export.json}, written by {@code AthenaTrainingExport}),
 * whose column list is written as the header of each file.
 */
final class S3TrainingFiles {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final S3Client s3;

    S3TrainingFiles(S3Client s3) {
        this.s3 = s3;
    }

    /** @return the files written, in key order */
    List<Path> download(String location, Path dir) throws IOException {
        S3Uri prefix = S3Uri.parse(location).asPrefix();
        Optional<String> header = exportHeader(prefix);
        List<Path> out = new ArrayList<>();
        ListObjectsV2Iterable pages = s3.listObjectsV2Paginator(b -> b.bucket(prefix.bucket()).prefix(prefix.key()));
        int n = 0;
        for (S3Object o : pages.contents()) {
            String key = o.key();
            String name = key.substring(key.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            if (key.endsWith("/") || name.isEmpty() || name.startsWith("_") || name.startsWith(".")) {
                continue; // folder markers, _SUCCESS and the like
            }
            boolean gzip = name.endsWith(".gz");
            String base = gzip ? name.substring(0, name.length() - 3) : name;
            String ext = base.endsWith(".jsonl") || base.endsWith(".ndjson") || base.endsWith(".json")
                    ? base.substring(base.lastIndexOf('.')) : ".csv";
            Path file = dir.resolve(String.format(Locale.ROOT, "part-%05d%s", n++, ext));
            try (InputStream raw = s3.getObject(b -> b.bucket(prefix.bucket()).key(key));
                 InputStream in = gzip ? new GZIPInputStream(raw) : raw;
                 OutputStream os = Files.newOutputStream(file)) {
                if (header.isPresent()) {
                    os.write(header.get().getBytes(StandardCharsets.UTF_8));
                }
                in.transferTo(os);
            }
            out.add(file);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no training data objects under " + prefix);
        }
        return out;
    }

    /** The header line of a lake export's files, from its marker one level up, when the prefix is one. */
    private Optional<String> exportHeader(S3Uri prefix) {
        String key = prefix.key();
        String parent = key.isEmpty() ? "" : key.substring(0, key.length() - 1);
        int slash = parent.lastIndexOf('/');
        if (slash < 0 || !parent.substring(slash + 1).matches("data(-\\d+)?")) {
            return Optional.empty();
        }
        String marker = parent.substring(0, slash + 1) + "export.json";
        JsonNode m;
        try {
            m = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(prefix.bucket()).key(marker)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable export marker s3://" + prefix.bucket() + "/" + marker, e);
        }
        List<String> names = new ArrayList<>();
        m.path("columns").forEach(c -> names.add(quote(c.asText())));
        return names.isEmpty() ? Optional.empty() : Optional.of(String.join(",", names) + "\n");
    }

    private static String quote(String name) {
        return name.matches("[^\",\\r\\n]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
