package dev.driftline.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The demo's retraining job, run by the remediation service's {@code command} trainer as a child JVM (what a team's
 * {@code train.py} is in production): reads the episode's export ({@code train.csv}, or the export's directory holding it: a header, the features, then
 * the {@value WineModel#LABEL} label), keeps every fifth row as a holdout, fits a new {@link WineModel} on the rest
 * and writes the trainer contract's files into the output directory: {@code model.json} (the artifact),
 * {@code artifact.txt} (its {@code file://} URI) and {@code metrics.json} — {@code accuracy} of the new model on the
 * holdout and {@code serving_accuracy} of the bundled model the demo starts with on the same holdout, so the
 * registry gate's {@code beat-serving} rule can compare them.
 *
 * <p>Usage: {@code WineTrainer --data FILE --out DIR [--version V]}; exit 0 on success, 2 on bad input (the message
 * names the file and line).
 */
public final class WineTrainer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WineTrainer() {
    }

    /** What one training run produced. */
    record Result(int trainRows, int holdoutRows, double accuracy, double servingAccuracy, Path artifact) {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String data = null;
        String outDir = null;
        String version = "";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data" -> data = args[i + 1];
                case "--out" -> outDir = args[i + 1];
                case "--version" -> version = args[i + 1];
                default -> {
                    err.println("wine trainer: unknown option " + args[i]);
                    return 2;
                }
            }
        }
        if (data == null || outDir == null) {
            err.println("wine trainer: usage: --data FILE --out DIR [--version V]");
            return 2;
        }
        try {
            Result r = train(Path.of(data), Path.of(outDir));
            out.printf("wine trainer: version %s fitted on %d rows; holdout accuracy %.4f (serving model %.4f on "
                    + "%d rows); artifact %s%n", version, r.trainRows(), r.accuracy(), r.servingAccuracy(),
                    r.holdoutRows(), r.artifact().toUri());
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("wine trainer: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("wine trainer: " + e);
            return 1;
        }
    }

    static Result train(Path location, Path out) throws IOException {
        // the lake export hands over its episode directory; a file is taken as it is
        Path data = Files.isDirectory(location) ? location.resolve("train.csv") : location;
        List<String> header;
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(data, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            if (first == null) {
                throw new IllegalArgumentException(data + ": empty, expected a header line");
            }
            header = Arrays.stream(first.split(",")).map(String::trim).toList();
            int label = header.indexOf(WineModel.LABEL);
            if (label < 0) {
                throw new IllegalArgumentException(data + ":1: no " + WineModel.LABEL + " column in " + header);
            }
            int line = 1;
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                line++;
                String[] cells = l.split(",", -1);
                if (cells.length != header.size()) {
                    throw new IllegalArgumentException(data + ":" + line + ": " + cells.length + " cells, the header "
                            + "has " + header.size());
                }
                if (Arrays.stream(cells).anyMatch(c -> c.isBlank())) {
                    continue; // an unlabelled or incomplete row teaches nothing
                }
                double[] row = new double[header.size() - 1];
                for (int i = 0, j = 0; i < cells.length; i++) {
                    try {
                        if (i == label) {
                            labels.add((int) Double.parseDouble(cells[i].trim()));
                        } else {
                            row[j++] = Double.parseDouble(cells[i].trim());
                        }
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(data + ":" + line + ": column " + header.get(i)
                                + ": not a number: " + cells[i]);
                    }
                }
                rows.add(row);
            }
        }
        List<String> features = new ArrayList<>(header);
        features.remove(WineModel.LABEL);
        List<double[]> train = new ArrayList<>();
        List<Integer> trainLabels = new ArrayList<>();
        List<double[]> holdout = new ArrayList<>();
        List<Integer> holdoutLabels = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            (i % 5 == 4 ? holdout : train).add(rows.get(i));
            (i % 5 == 4 ? holdoutLabels : trainLabels).add(labels.get(i));
        }
        if (train.isEmpty() || holdout.isEmpty()) {
            throw new IllegalArgumentException(data + ": " + rows.size() + " complete rows, too few to train on");
        }
        WineModel model = WineModel.fit(features, train.toArray(new double[0][]), ints(trainLabels));
        double[][] h = holdout.toArray(new double[0][]);
        double accuracy = model.accuracy(h, ints(holdoutLabels));
        WineModel serving = WineModel.load();
        double servingAccuracy = features.equals(serving.features()) ? serving.accuracy(h, ints(holdoutLabels))
                : Double.NaN;
        Files.createDirectories(out);
        Path artifact = out.resolve("model.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(artifact.toFile(), model.toJson());
        Files.writeString(out.resolve("artifact.txt"), artifact.toUri() + "\n");
        ObjectNode metrics = JSON.createObjectNode();
        metrics.put("accuracy", accuracy);
        if (Double.isFinite(servingAccuracy)) {
            metrics.put("serving_accuracy", servingAccuracy);
        }
        metrics.put("train_rows", train.size());
        metrics.put("holdout_rows", holdout.size());
        JSON.writeValue(out.resolve("metrics.json").toFile(), metrics);
        return new Result(train.size(), holdout.size(), accuracy, servingAccuracy, artifact);
    }

    private static int[] ints(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }
}
