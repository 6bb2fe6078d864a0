package dev.driftline.remediation.data;

import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.remediation.world.TrainingDataSource;
import dev.driftline.sink.LakeLocation;
import dev.driftline.sink.athena.AthenaQueryRunner;
import dev.driftline.sink.query.LocalLake;
import dev.driftline.sink.query.QueryResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Recent labelled production rows as an episode's training data ({@code data.source: lake}): the model's
 * {@code inference_log} rows of the {@code period} before the trigger joined with {@code labels} on (inference id,
 * row), one column per feature and the label column, named as in the model's current baseline (its FEATURE columns,
 * its LABEL column, else {@code label}; without a baseline the feature names found in the period, sorted).
 *
 * <ul>
 *   <li>Local lake ({@code file://}): DuckDB over the lake ({@link LocalLake}),
 *       {@code COPY (SELECT …) TO '<output>/<episode>/train.csv' (HEADER)} — features then label, a header row,
 *       CSV quoting — which drift's {@code TableReader} (and so {@code driftline baseline build}) reads. Written to a
 *       hidden temporary file and renamed, so {@code train.csv} existing means a finished export.</li>
 *   <li>S3 lake: Athena {@code UNLOAD} ({@link AthenaTrainingExport}) as CSV without a header, label first: the
 *       layout SageMaker's built-in algorithms (XGBoost, Linear Learner) read from {@code text/csv} channels.</li>
 * </ul>
 * Idempotent: a second {@link #prepare} of the same episode finds the finished export and returns it without
 * querying. Fewer than {@code min-rows} labelled rows fail the preparation with the count, the period and the
 * model, before anything is written.
 */
public final class LakeTrainingData implements TrainingDataSource {
    /** The local export's file name. */
    public static final String LOCAL_FILE = "train.csv";
    /** Label column name when the model has no baseline (or its baseline no label). */
    public static final String DEFAULT_LABEL = "label";

    private final TrainingDataSettings settings;
    private final Function<String, Optional<Baseline>> baselines;
    private final AthenaTrainingExport athena;

    private LakeTrainingData(TrainingDataSettings settings, Function<String, Optional<Baseline>> baselines,
                             AthenaTrainingExport athena) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.baselines = Objects.requireNonNull(baselines, "baselines");
        this.athena = athena;
        if (settings.lake().isEmpty() || settings.output().isEmpty()) {
            throw new IllegalArgumentException("data.lake and data.output must be set");
        }
    }

    /**
     * Exports from a local ({@code file://} or directory) lake with DuckDB.
     *
     * @param baselines the current baseline of a model, if any (the features and label to export)
     */
    public static LakeTrainingData local(TrainingDataSettings settings,
                                         Function<String, Optional<Baseline>> baselines) {
        if (LakeLocation.parse(settings.lake().orElseThrow()).isS3()) {
            throw new IllegalArgumentException("an s3:// lake is exported with Athena: LakeTrainingData.athena");
        }
        return new LakeTrainingData(settings, baselines, null);
    }

    /** Exports from an S3 lake with Athena {@code UNLOAD} through {@code runner}; {@code s3} checks and marks exports. */
    public static LakeTrainingData athena(TrainingDataSettings settings, Function<String, Optional<Baseline>> baselines,
                                          AthenaQueryRunner runner, S3Client s3) {
        return new LakeTrainingData(settings, baselines, new AthenaTrainingExport(settings, runner, s3));
    }

    @Override
    public String kind() {
        return TrainingDataSettings.Source.LAKE.id();
    }

    /**
     * The export's location: {@code file:///<output>/<episode>/} holding {@value #LOCAL_FILE}, or the
     * {@code s3://…/<episode>/data/} prefix of the UNLOAD.
     *
     * @throws TrainingDataException when the lake has fewer than {@code min-rows} labelled rows for the period or an
     *                               export fails
     */
    @Override
    public String prepare(String episodeId, String model, long triggeredAt) {
        if (episodeId.isBlank() || !episodeId.matches("[A-Za-z0-9._:-]+") || episodeId.startsWith(".")) {
            throw new IllegalArgumentException("episode id is not usable as a folder name: " + episodeId);
        }
        Instant to = Instant.ofEpochMilli(triggeredAt);
        Instant from = to.minus(settings.period());
        Optional<Baseline> baseline = baselines.apply(model);
        List<String> features = baseline.map(b -> b.withRole(BaselineFeature.Role.FEATURE).stream()
                .map(BaselineFeature::name).toList()).orElse(List.of());
        String label = baseline.flatMap(b -> b.withRole(BaselineFeature.Role.LABEL).stream().findFirst())
                .map(BaselineFeature::name).orElse(DEFAULT_LABEL);
        if (athena != null) {
            return athena.export(episodeId, model, from, to, features, label);
        }
        return exportLocally(episodeId, model, from, to, features, label);
    }

    private String exportLocally(String episodeId, String model, Instant from, Instant to, List<String> features,
                                 String label) {
        Path dir = LakeLocation.parse(settings.output().orElseThrow()).directory().resolve(episodeId);
        Path file = dir.resolve(LOCAL_FILE);
        if (Files.isRegularFile(file)) {
            return dir.toUri().toString(); // finished before: the rename below is the commit
        }
        Path lakeDir = LakeLocation.parse(settings.lake().orElseThrow()).directory();
        try (LocalLake lake = LocalLake.open(lakeDir)) {
            List<String> cols = features;
            if (cols.isEmpty()) {
                cols = lake.query(new TrainingQuery(TrainingQuery.Dialect.DUCKDB, model, from, to, List.of(), label)
                        .featureNames()).rows().stream().map(r -> String.valueOf(r.get(0)))
                        .filter(k -> !k.equals(label)).toList();
            }
            TrainingQuery q = new TrainingQuery(TrainingQuery.Dialect.DUCKDB, model, from, to, cols, label);
            long rows = count(lake.query(q.count()));
            requireRows(rows, model, from, to, "lake " + lakeDir);
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + LOCAL_FILE + ".tmp");
            lake.query("COPY (" + q.select(false) + ") TO " + TrainingQuery.literal(tmp.toString())
                    + " (FORMAT CSV, HEADER)");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training data of " + episodeId + " to " + dir, e);
        }
        return dir.toUri().toString();
    }

    /** The single number of a {@code count(*)} result (DuckDB gives a Long, Athena text). */
    static long count(QueryResult r) {
        return Long.parseLong(String.valueOf(r.rows().get(0).get(0)));
    }

    void requireRows(long rows, String model, Instant from, Instant to, String where) {
        requireRows(settings, rows, model, from, to, where);
    }

    static void requireRows(TrainingDataSettings settings, long rows, String model, Instant from, Instant to,
                            String where) {
        if (rows < settings.minRows()) {
            throw new TrainingDataException("only " + rows + " labelled rows of model " + model + " between " + from
                    + " and " + to + " in the " + where + ", fewer than data.min-rows " + settings.minRows()
                    + " (publish labels on the labels topic, lengthen data.period, or lower min-rows)");
        }
    }
}
