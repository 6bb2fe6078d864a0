package dev.driftline.remediation.baseline;

import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineBuilder;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.drift.io.Table;
import dev.driftline.drift.io.TableReader;
import dev.driftline.drift.model.FeatureType;
import dev.driftline.remediation.world.BaselineSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The promoted model's new baseline, profiled from the episode's training data with drift's {@link BaselineBuilder}
 * (what {@code driftline baseline build} does), so drift is judged against what the new model learnt from.
 *
 * <p>The data: a {@code file://} CSV / JSON Lines file or a directory of them (every {@code .csv}, {@code .jsonl},
 * {@code .ndjson}, {@code .json}, read in name order and concatenated; they must share their columns), or an
 * {@code s3://} prefix whose objects are downloaded to a temporary directory first ({@link S3TrainingFiles}; the
 * header-less CSV of a lake export gets its column names from the export's marker).
 *
 * <p>What is kept from the current baseline, when there is one: its FEATURE columns (those the data has), its LABEL
 * and PREDICTION columns (when the data has them; with both the baseline also gets the training-time quality), every
 * column's type (so a code that looks numeric stays categorical) and its monitoring config (thresholds and check
 * settings people tuned). Without one: every column but {@code label} is a feature, types are inferred.
 */
public final class TrainingDataBaselines implements BaselineSource {
    private final Clock clock;
    private final S3Client s3;
    private final Path tempRoot;

    /**
     * @param clock    the new baseline's {@code created_at}
     * @param s3       client for {@code s3://} data; null when only {@code file://} data is used
     * @param tempRoot where downloads go (a fresh directory per build, deleted after), null for the system's
     */
    public TrainingDataBaselines(Clock clock, S3Client s3, Path tempRoot) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.s3 = s3;
        this.tempRoot = tempRoot;
    }

    /** For {@code file://} data only. */
    public TrainingDataBaselines(Clock clock) {
        this(clock, null, null);
    }

    @Override
    public Baseline build(String model, String dataLocation, Optional<Baseline> current) {
        Objects.requireNonNull(dataLocation, "dataLocation");
        if (dataLocation.startsWith("s3://")) {
            if (s3 == null) {
                throw new IllegalStateException("no S3 client to read the training data at " + dataLocation);
            }
            Path dir = null;
            try {
                dir = tempRoot == null ? Files.createTempDirectory("driftline-baseline-")
                        : Files.createDirectories(tempRoot).resolve("baseline-" + System.nanoTime());
                new S3TrainingFiles(s3).download(dataLocation, Files.createDirectories(dir));
                return build(model, dataLocation, read(dir), current);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot download the training data at " + dataLocation, e);
            } finally {
                deleteQuietly(dir);
            }
        }
        Path path = dataLocation.startsWith("file:") ? Path.of(URI.create(dataLocation)) : Path.of(dataLocation);
        return build(model, dataLocation, read(path), current);
    }

    private Baseline build(String model, String source, Table table, Optional<Baseline> current) {
        List<String> columns = table.columns();
        Optional<String> label = current.flatMap(b -> role(b, BaselineFeature.Role.LABEL))
                .or(() -> Optional.of("label")).filter(columns::contains);
        Optional<String> prediction = current.flatMap(b -> role(b, BaselineFeature.Role.PREDICTION))
                .filter(columns::contains);
        Optional<List<String>> features = current.map(b -> b.withRole(BaselineFeature.Role.FEATURE).stream()
                .map(BaselineFeature::name).filter(columns::contains).toList());
        if (features.isPresent() && features.get().isEmpty()) {
            throw new IllegalArgumentException("the training data at " + source + " has none of the current "
                    + "baseline's features; its columns: " + columns);
        }
        Map<String, FeatureType> types = new LinkedHashMap<>();
        current.ifPresent(b -> b.features().forEach(f -> types.put(f.name(), f.type())));
        Table named = new Table(source, columns, rows(table), lines(table));
        Baseline b = new BaselineBuilder(clock).build(named, model, features, label, prediction, types);
        return current.map(c -> b.withMonitoringConfig(c.monitoringConfig())).orElse(b);
    }

    private static Optional<String> role(Baseline b, BaselineFeature.Role role) {
        return b.withRole(role).stream().findFirst().map(BaselineFeature::name);
    }

    /** One file, or every data file of a directory (name order) concatenated. */
    static Table read(Path path) {
        if (!Files.isDirectory(path)) {
            return TableReader.read(path);
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(path)) {
            files = s.filter(Files::isRegularFile).filter(TrainingDataBaselines::isData)
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no .csv, .jsonl, .ndjson or .json file under " + path);
        }
        Table first = TableReader.read(files.get(0));
        List<Object[]> rows = new ArrayList<>(rows(first));
        List<Long> lines = new ArrayList<>(lines(first));
        for (Path f : files.subList(1, files.size())) {
            Table t = TableReader.read(f);
            if (!t.columns().equals(first.columns())) {
                throw new IllegalArgumentException(f + " has the columns " + t.columns() + ", " + files.get(0)
                        + " has " + first.columns() + "; every file of the training data must have the same");
            }
            rows.addAll(rows(t));
            lines.addAll(lines(t));
        }
        return new Table(path.toString(), first.columns(), rows, lines);
    }

    private static boolean isData(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && (n.endsWith(".csv") || n.endsWith(".jsonl") || n.endsWith(".ndjson")
                || n.endsWith(".json"));
    }

    private static List<Object[]> rows(Table t) {
        List<Object[]> out = new ArrayList<>(t.size());
        for (int r = 0; r < t.size(); r++) {
            Object[] row = new Object[t.columns().size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = t.cell(r, c);
            }
            out.add(row);
        }
        return out;
    }

    private static List<Long> lines(Table t) {
        List<Long> out = new ArrayList<>(t.size());
        for (int r = 0; r < t.size(); r++) {
            out.add(t.lineOf(r));
        }
        return out;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is not worth failing a promotion for
        }
    }
}
