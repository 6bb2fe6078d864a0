package dev.driftline.remediation.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.sink.athena.AthenaQueryRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A lake export on AWS: Athena {@code UNLOAD (SELECT …) TO 's3://<output>/<episode>/data/' WITH (format =
 * 'TEXTFILE', field_delimiter = ',', compression = 'NONE')}. Why this format: SageMaker's built-in algorithms
 * (XGBoost, Linear Learner, …) read {@code text/csv} channels as uncompressed CSV without a header whose first column
 * is the target, so the label goes first and the file needs no conversion step; Athena's TEXTFILE neither quotes nor
 * writes empty cells for NULL, so {@link TrainingQuery} turns NULL into an empty cell and blanks commas in values.
 *
 * <p>Idempotency: after a successful UNLOAD a marker {@value #MARKER} is put beside (not under) the data prefix —
 * a channel reads every object under its prefix, so nothing else may be there. It names the data prefix, the
 * columns in order (the files have no header; {@code TrainingDataBaselines} reads them from here), the row count and
 * the query. A prepare that finds the marker returns its prefix without querying. UNLOAD refuses a non-empty
 * location and Athena leaves a failed run's files behind, so a run without a marker whose {@code data/} is not empty
 * unloads to {@code data-2/}, {@code data-3/}, … instead.
 */
final class AthenaTrainingExport {
    /** The marker object's name under {@code <output>/<episode>/}. */
    static final String MARKER = "export.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final TrainingDataSettings settings;
    private final AthenaQueryRunner runner;
    private final S3Client s3;

    AthenaTrainingExport(TrainingDataSettings settings, AthenaQueryRunner runner, S3Client s3) {
        this.settings = settings;
        this.runner = runner;
        this.s3 = s3;
        S3Uri.parse(settings.output().orElseThrow());
    }

    String export(String episodeId, String model, Instant from, Instant to, List<String> features, String label) {
        S3Uri episode = S3Uri.parse(settings.output().orElseThrow()).asPrefix().resolve(episodeId + "/");
        S3Uri marker = episode.resolve(MARKER);
        Optional<JsonNode> done = read(marker);
        if (done.isPresent()) {
            return done.get().path("data").asText();
        }
        List<String> cols = features;
        if (cols.isEmpty()) {
            cols = run(new TrainingQuery(TrainingQuery.Dialect.ATHENA, model, from, to, List.of(), label)
                    .featureNames()).rows().stream().map(r -> String.valueOf(r.get(0)))
                    .filter(k -> !k.equals(label)).toList();
        }
        TrainingQuery q = new TrainingQuery(TrainingQuery.Dialect.ATHENA, model, from, to, cols, label);
        long rows = LakeTrainingData.count(run(q.count()));
        LakeTrainingData.requireRows(settings, rows, model, from, to, "lake " + settings.lake().orElseThrow());
        S3Uri data = freshPrefix(episode);
        String unload = "UNLOAD (" + q.select(true) + ")\nTO " + TrainingQuery.literal(data.toString())
                + "\nWITH (format = 'TEXTFILE', field_delimiter = ',', compression = 'NONE')";
        run(unload);
        ObjectNode m = JSON.createObjectNode();
        m.put("episode_id", episodeId);
        m.put("model", model);
        m.put("data", data.toString());
        m.put("format", "csv, no header, label first, uncompressed (SageMaker text/csv)");
        m.putArray("columns").add(label);
        cols.forEach(c -> m.withArray("columns").add(c));
        m.put("label", label);
        m.put("rows", rows);
        m.put("from", from.toString());
        m.put("to", to.toString());
        m.put("query", unload);
        s3.putObject(b -> b.bucket(marker.bucket()).key(marker.key()).contentType("application/json"),
                RequestBody.fromString(m.toPrettyString()));
        return data.toString();
    }

    private dev.driftline.sink.query.QueryResult run(String sql) {
        try {
            return runner.run(sql, new AthenaQueryRunner.Options(settings.database(), settings.workgroup(),
                    settings.athenaResults().orElse(null), AthenaQueryRunner.MAX_PAGE_SIZE, TIMEOUT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingDataException("interrupted while Athena exported the training data", e);
        }
    }

    /** {@code data/}, or the first {@code data-N/} with no object, since UNLOAD refuses a non-empty location. */
    private S3Uri freshPrefix(S3Uri episode) {
        for (int n = 1; ; n++) {
            S3Uri p = episode.resolve(n == 1 ? "data/" : "data-" + n + "/");
            if (s3.listObjectsV2(b -> b.bucket(p.bucket()).prefix(p.key()).maxKeys(1)).contents().isEmpty()) {
                return p;
            }
        }
    }

    /** The marker of a finished export, if there is one. */
    static Optional<JsonNode> read(S3Client s3, S3Uri marker) {
        try {
            byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(marker.bucket()).key(marker.key())).asByteArray();
            return Optional.of(JSON.readTree(bytes));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable export marker " + marker, e);
        }
    }

    private Optional<JsonNode> read(S3Uri marker) {
        return read(s3, marker);
    }
}
