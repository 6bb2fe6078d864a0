package dev.driftline.cli.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The demo's data and model: the bundled UCI Wine table ({@code demo/wine.csv}: 13 measurements, cultivar 0–2) and
 * a nearest-centroid classifier on standardised features fitted to it — small, deterministic, and sensitive to the
 * covariate shift the demo introduces, so prediction drift and a quality drop follow from input drift the way
 * they do in production.
 */
public final class WineModel {
    public static final String RESOURCE = "/demo/wine.csv";
    public static final String LABEL = "cultivar";

    private final List<String> features;
    private final double[][] rows;
    private final int[] cultivar;
    private final double[] mean;
    private final double[] std;
    private final double[][] centroids;

    private WineModel(List<String> features, double[][] rows, int[] cultivar) {
        this.features = features;
        this.rows = rows;
        this.cultivar = cultivar;
        int f = features.size();
        mean = new double[f];
        std = new double[f];
        for (int j = 0; j < f; j++) {
            final int col = j;
            mean[j] = Arrays.stream(rows).mapToDouble(r -> r[col]).average().orElse(0);
            double ss = Arrays.stream(rows).mapToDouble(r -> (r[col] - mean[col]) * (r[col] - mean[col])).sum();
            std[j] = Math.sqrt(ss / Math.max(1, rows.length - 1));
        }
        int classes = Arrays.stream(cultivar).max().orElse(0) + 1;
        centroids = new double[classes][f];
        int[] n = new int[classes];
        for (int i = 0; i < rows.length; i++) {
            double[] z = standardise(rows[i]);
            n[cultivar[i]]++;
            for (int j = 0; j < f; j++) {
                centroids[cultivar[i]][j] += z[j];
            }
        }
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < f; j++) {
                centroids[c][j] /= Math.max(1, n[c]);
            }
        }
    }

    /** Loads the bundled table and fits the model. */
    public static WineModel load() {
        try (InputStream in = WineModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo dataset " + RESOURCE + " is missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> header = List.of(r.readLine().split(","));
            int label = header.indexOf(LABEL);
            List<String> features = new ArrayList<>(header);
            features.remove(label);
            List<double[]> rows = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] cells = line.split(",");
                double[] row = new double[features.size()];
                for (int i = 0, j = 0; i < cells.length; i++) {
                    if (i == label) {
                        labels.add(Integer.parseInt(cells[i].trim()));
                    } else {
                        row[j++] = Double.parseDouble(cells[i].trim());
                    }
                }
                rows.add(row);
            }
            return new WineModel(List.copyOf(features), rows.toArray(new double[0][]),
                    labels.stream().mapToInt(Integer::intValue).toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> features() {
        return features;
    }

    public int size() {
        return rows.length;
    }

    /** A copy of row {@code i}'s measurements. */
    public double[] row(int i) {
        return rows[i].clone();
    }

    public int cultivar(int i) {
        return cultivar[i];
    }

    public double mean(String feature) {
        return mean[features.indexOf(feature)];
    }

    public double std(String feature) {
        return std[features.indexOf(feature)];
    }

    /** The predicted cultivar: the class whose centroid is nearest in standardised space. */
    public int predict(double[] row) {
        double[] z = standardise(row);
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double d = 0;
            for (int j = 0; j < z.length; j++) {
                d += (z[j] - centroids[c][j]) * (z[j] - centroids[c][j]);
            }
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    private double[] standardise(double[] row) {
        double[] z = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            z[j] = std[j] == 0 ? 0 : (row[j] - mean[j]) / std[j];
        }
        return z;
    }
}
