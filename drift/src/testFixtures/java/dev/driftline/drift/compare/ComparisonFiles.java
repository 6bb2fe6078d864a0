package dev.driftline.drift.compare;

import dev.driftline.drift.dataquality.MonitoringConfig;
import dev.driftline.drift.decision.DriftPolicy;
import dev.driftline.drift.io.TableReader;
import dev.driftline.drift.model.FeatureType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Test fixture shared by the drift core's comparison tests and the contracts' JSON tests (a test source of both
 * modules): a reference and a current CSV of {@value #ROWS} rows each, seeded:
 * <ul>
 *   <li>{@code x}: U(0, 10) in the reference, 10·U² in the current (same range, different shape) → drift;</li>
 *   <li>{@code y}: U(0, 1) on both sides → no drift; one current cell is "oops" (a type mismatch);</li>
 *   <li>{@code n}: integers 0…9 on both sides; one current cell is "NA" (missing);</li>
 *   <li>{@code colour}: red/green/blue 50/30/20 % on both sides; {@code flag}: booleans;</li>
 *   <li>{@code dropped} only in the reference, {@code extra} only in the current.</li>
 * </ul>
 */
public final class ComparisonFiles {
    public static final int ROWS = 400;

    public final Path referenceFile;
    public final Path currentFile;
    public final double[] xRef = new double[ROWS];
    public final double[] xCur = new double[ROWS];
    public final double[] yRef = new double[ROWS];
    public final List<Double> yCur = new ArrayList<>();

    /** Writes the two files into {@code dir}. */
    public ComparisonFiles(Path dir) throws IOException {
        Random rnd = new Random(20240611);
        StringBuilder ref = new StringBuilder("x,y,n,colour,flag,dropped\n");
        StringBuilder cur = new StringBuilder("extra,x,y,n,colour,flag\n");
        for (int i = 0; i < ROWS; i++) {
            xRef[i] = 10 * rnd.nextDouble();
            yRef[i] = rnd.nextDouble();
            ref.append(xRef[i]).append(',').append(yRef[i]).append(',').append(rnd.nextInt(10)).append(',')
                    .append(colour(rnd)).append(',').append(rnd.nextBoolean()).append(',').append(rnd.nextGaussian())
                    .append('\n');
        }
        for (int i = 0; i < ROWS; i++) {
            double u = rnd.nextDouble();
            xCur[i] = 10 * u * u;
            double y = rnd.nextDouble();
            String yCell = i == 7 ? "oops" : Double.toString(y);
            if (i != 7) {
                yCur.add(y);
            }
            String nCell = i == 11 ? "NA" : Integer.toString(rnd.nextInt(10));
            cur.append("e").append(i).append(',').append(xCur[i]).append(',').append(yCell).append(',')
                    .append(nCell).append(',').append(colour(rnd)).append(',').append(rnd.nextBoolean()).append('\n');
        }
        referenceFile = dir.resolve("reference.csv");
        currentFile = dir.resolve("current.csv");
        Files.writeString(referenceFile, ref);
        Files.writeString(currentFile, cur);
    }

    private static String colour(Random rnd) {
        double u = rnd.nextDouble();
        return u < 0.5 ? "red" : u < 0.8 ? "green" : "blue";
    }

    public ComparisonReport compare(DriftPolicy policy, Map<String, FeatureType> overrides, boolean sketch) {
        return new DriftComparison(policy, MonitoringConfig.defaults())
                .compare(TableReader.read(referenceFile), TableReader.read(currentFile), overrides, sketch);
    }

    /** The exact-mode comparison with the default policy. */
    public ComparisonReport exact() {
        return compare(DriftPolicy.defaults(), Map.of(), false);
    }
}
