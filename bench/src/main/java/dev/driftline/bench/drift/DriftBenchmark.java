package dev.driftline.bench.drift;

import static dev.driftline.bench.support.Figures.round1;
import static dev.driftline.bench.support.Figures.round3;
import static dev.driftline.bench.support.Progress.say;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.bench.support.Dirs;
import dev.driftline.bench.support.OnExit;
import dev.driftline.bench.support.Figures;
import dev.driftline.drift.metrics.SketchDrift;
import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.profile.NumericProfile;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code driftline bench drift}: the cost of profiling values and of evaluating a window's drift against a
 * baseline (sketch vs sketch), for windows of several sizes, and in the same run the same metrics computed by a
 * Python scipy/numpy script on the same data (full samples), reported as ratios.
 */
public final class DriftBenchmark {
    /** What to run. */
    public record Options(int features, int referenceRows, List<Integer> windowRows, int scipyMaxCells,
                          long seed) {
    }

    private final Options o;
    private final ObjectMapper mapper = new ObjectMapper();

    public DriftBenchmark(Options o) {
        this.o = o;
    }

    public ObjectNode run() throws Exception {
        ObjectNode out = mapper.createObjectNode();
        out.put("features", o.features());
        out.put("reference_rows", o.referenceRows());
        out.put("profile_update_ns_per_value", round1(profileUpdateNs()));
        double[][] reference = new double[o.features()][];
        NumericProfile[] baselines = new NumericProfile[o.features()];
        for (int f = 0; f < o.features(); f++) {
            reference[f] = column(f, o.referenceRows(), 0, 1000 + f);
            baselines[f] = profile(reference[f]);
        }
        Path dir = Files.createTempDirectory("driftline-bench-drift");
        try (OnExit interrupted = OnExit.deleting(dir)) {
            Path script = extractScript(dir);
            ArrayNode windows = out.putArray("windows");
            for (int rows : o.windowRows()) {
                say("window of " + rows + " rows");
                ObjectNode w = windows.addObject();
                w.put("rows", rows);
                int scipyFeatures = (int) Math.max(1, Math.min(o.features(), o.scipyMaxCells() / rows));
                double[][] current = new double[scipyFeatures][];
                NumericProfile[] windowProfiles = new NumericProfile[o.features()];
                long profileNanos = 0;
                for (int f = 0; f < o.features(); f++) {
                    double[] values = column(f, rows, f == 0 ? 0.3 : 0, 5000 + f);
                    long t = System.nanoTime();
                    windowProfiles[f] = profile(values);
                    profileNanos += System.nanoTime() - t;
                    if (f < scipyFeatures) {
                        current[f] = values;
                    }
                }
                double evalUs = evaluationMicrosPerFeature(baselines, windowProfiles);
                double profileNsPerValue = (double) profileNanos / ((long) rows * o.features());
                w.put("eval_us_per_feature", round3(evalUs));
                w.put("profile_ns_per_value", round3(profileNsPerValue));
                w.put("driftline_us_for_all_features", round3(evalUs * o.features()));
                JsonNode scipy = runScipy(script, dir, reference, current, scipyFeatures);
                if (scipy == null) {
                    w.putNull("scipy_us_per_feature");
                    continue;
                }
                double scipyUs = scipy.get("seconds").asDouble() * 1e6 / scipyFeatures;
                w.put("scipy_features_measured", scipyFeatures);
                w.put("scipy_us_per_feature", round3(scipyUs));
                w.put("ratio_scipy_to_driftline_eval", round3(scipyUs / evalUs));
                // Fairer to scipy: our side also pays for profiling the window's values (done as events arrive).
                w.put("ratio_scipy_to_driftline_eval_plus_profiling",
                        round3(scipyUs / (evalUs + profileNsPerValue * rows / 1000.0)));
            }
        } finally {
            Dirs.deleteQuietly(dir);
        }
        return out;
    }

    private double profileUpdateNs() {
        double[] values = column(99, 10_000_000, 0, 42);
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
            NumericProfile p = new NumericProfile(FeatureType.FRACTIONAL);
            long t = System.nanoTime();
            for (double v : values) {
                p.update(v);
            }
            best = Math.min(best, (double) (System.nanoTime() - t) / values.length);
        }
        return best;
    }

    /** Median over repetitions of evaluating every feature once; warm-up first, since the JIT matters here. */
    private static double evaluationMicrosPerFeature(NumericProfile[] baselines, NumericProfile[] windows) {
        double sink = 0;
        for (int rep = 0; rep < 20; rep++) {
            for (int f = 0; f < baselines.length; f++) {
                sink += SketchDrift.numeric(baselines[f], windows[f]).ksStatistic();
            }
        }
        double[] samples = new double[15];
        for (int rep = 0; rep < samples.length; rep++) {
            long t = System.nanoTime();
            for (int f = 0; f < baselines.length; f++) {
                sink += SketchDrift.numeric(baselines[f], windows[f]).ksStatistic();
            }
            samples[rep] = (System.nanoTime() - t) / 1000.0 / baselines.length;
        }
        if (sink == 42.4242) {
            System.err.print(""); // keeps the JIT from dropping the work
        }
        return Figures.median(samples);
    }

    private JsonNode runScipy(Path script, Path dir, double[][] reference, double[][] current, int features)
            throws IOException, InterruptedException {
        Path ref = dir.resolve("ref.f64");
        Path cur = dir.resolve("cur.f64");
        writeRowMajor(ref, reference, features);
        writeRowMajor(cur, current, features);
        Process p = new ProcessBuilder("python3", script.toString(), ref.toString(), cur.toString(),
                Integer.toString(features)).redirectErrorStream(true).start();
        String text;
        try (InputStream in = p.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            say("scipy path unavailable (python3 with numpy and scipy needed): " + text);
            return null;
        }
        return mapper.readTree(text.substring(text.lastIndexOf('\n') + 1));
    }

    private static void writeRowMajor(Path file, double[][] columns, int features) throws IOException {
        int rows = columns[0].length;
        ByteBuffer row = ByteBuffer.allocate(8 * features).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int r = 0; r < rows; r++) {
                row.clear();
                for (int f = 0; f < features; f++) {
                    row.putDouble(columns[f][r]);
                }
                out.write(row.array());
            }
        }
    }

    private static Path extractScript(Path dir) throws IOException {
        Path script = dir.resolve("scipy_drift.py");
        try (InputStream in = DriftBenchmark.class.getResourceAsStream("/bench/scipy_drift.py")) {
            if (in == null) {
                throw new IOException("bench/scipy_drift.py missing from the jar");
            }
            Files.copy(in, script);
        }
        return script;
    }

    /** Feature f: normal with its own mean and scale, shifted by {@code shiftSigmas} standard deviations. */
    private double[] column(int f, int rows, double shiftSigmas, long salt) {
        SplittableRandom rnd = new SplittableRandom(o.seed() * 1_000_003 + salt);
        double mean = 10 * (f % 7);
        double sd = 1 + (f % 3);
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) {
            v[i] = mean + sd * (gaussian(rnd) + shiftSigmas);
        }
        return v;
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box–Muller; SplittableRandom has no nextGaussian on Java 17.
        double u = 1.0 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    private static NumericProfile profile(double[] values) {
        NumericProfile p = new NumericProfile(FeatureType.FRACTIONAL);
        for (double v : values) {
            p.update(v);
        }
        return p;
    }
}
