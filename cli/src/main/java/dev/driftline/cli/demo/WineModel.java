package dev.driftline.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> features;
    private final double[][] rows;
    private final int[] cultivar;
    private final double[] mean;
    private final double[] std;
    private final double[][] centroids;

    private WineModel(List<String> features, double[][] rows, int[] cultivar) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows to fit the model to");
        }
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

    /** The model fitted to {@code rows} (measurements in {@code features} order) and their cultivars. */
    public static WineModel fit(List<String> features, double[][] rows, int[] cultivar) {
        return new WineModel(List.copyOf(features), rows, cultivar);
    }

    /** Share of {@code rows} whose predicted cultivar is {@code cultivar}'s ({@code NaN} for none). */
    public double accuracy(double[][] rows, int[] cultivar) {
        int right = 0;
        for (int i = 0; i < rows.length; i++) {
            right += predict(rows[i]) == cultivar[i] ? 1 : 0;
        }
        return rows.length == 0 ? Double.NaN : (double) right / rows.length;
    }

    /** The fitted parameters (features, means, standard deviations, centroids) as JSON: the model's artifact. */
    public ObjectNode toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.set("features", JSON.valueToTree(features));
        n.set("mean", JSON.valueToTree(mean));
        n.set("std", JSON.valueToTree(std));
        n.set("centroids", JSON.valueToTree(centroids));
        return n;
    }

    /** A model read back from {@link #toJson}; it predicts as the one written, it holds no rows. */
    public static WineModel fromJson(JsonNode n) {
        try {
            List<String> features = List.of(JSON.treeToValue(n.required("features"), String[].class));
            return new WineModel(features, JSON.treeToValue(n.required("mean"), double[].class),
                    JSON.treeToValue(n.required("std"), double[].class),
                    JSON.treeToValue(n.required("centroids"), double[][].class));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a wine model: " + e.getMessage(), e);
        }
    }

    private WineModel(List<String> features, double[] mean, double[] std, double[][] centroids) {
        if (mean.length != features.size() || std.length != features.size()
                || java.util.Arrays.stream(centroids).anyMatch(c -> c.length != features.size())) {
            throw new IllegalArgumentException("the parameters do not match the " + features.size() + " features");
        }
        this.features = features;
        this.rows = new double[0][];
        this.cultivar = new int[0];
        this.mean = mean;
        this.std = std;
        this.centroids = centroids;
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
