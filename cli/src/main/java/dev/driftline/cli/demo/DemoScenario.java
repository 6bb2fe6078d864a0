package dev.driftline.cli.demo;

import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineBuilder;
import dev.driftline.drift.io.Table;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * What the demo's simulated KServe endpoint serves, seeded so two runs send the same traffic: requests of
 * {@value #BATCH} wine rows drawn at random from the training table, in simulated event time; from
 * {@code driftStart} on, a covariate shift moves {@code alcohol}, {@code color_intensity}, {@code flavanoids} and
 * {@code proline} up by 1.5 standard deviations each (the harvest changed; with the prediction that follows them, more
 * than 0.3 of the judged columns drift, the share the shipped ModelDriftDetected rule fires on), every other
 * measurement is left as drawn. The model's
 * predictions follow the shifted inputs; the ground truth (cultivar) is that of the drawn row.
 */
public final class DemoScenario {
    public static final String MODEL = "wine";
    public static final String PREDICTION = "predicted_cultivar";
    public static final int BATCH = 4;
    public static final List<String> SHIFTED = List.of("alcohol", "color_intensity", "flavanoids", "proline");
    private static final double SHIFT_STDS = 1.5;

    private final WineModel model;
    private final Random random;
    private final Instant driftStart;
    private final List<String> shifted;

    /** One request/response pair: the rows sent, the model's answers and the true cultivars. */
    public record Inference(String id, Instant time, List<double[]> rows, int[] predictions, int[] labels) {
        public String requestJson() {
            StringBuilder b = new StringBuilder("{\"instances\": [");
            for (int i = 0; i < rows.size(); i++) {
                b.append(i == 0 ? "[" : ", [");
                double[] r = rows.get(i);
                for (int j = 0; j < r.length; j++) {
                    b.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", r[j]));
                }
                b.append(']');
            }
            return b.append("]}").toString();
        }

        public String responseJson() {
            StringBuilder b = new StringBuilder("{\"predictions\": [");
            for (int i = 0; i < predictions.length; i++) {
                b.append(i == 0 ? "" : ", ").append(predictions[i]);
            }
            return b.append("]}").toString();
        }
    }

    public DemoScenario(WineModel model, long seed, Instant driftStart) {
        this(model, seed, driftStart, SHIFTED);
    }

    /** A scenario shifting {@code shifted} features from {@code driftStart} on (tests shift more, or none). */
    DemoScenario(WineModel model, long seed, Instant driftStart, List<String> shifted) {
        this.model = model;
        this.random = new Random(seed);
        this.driftStart = driftStart;
        this.shifted = List.copyOf(shifted);
    }

    public Instant driftStart() {
        return driftStart;
    }

    /** The next request, at simulated time {@code time}, answered by the demo's original model. */
    public Inference next(String id, Instant time) {
        return next(id, time, model);
    }

    /** The next request, at simulated time {@code time}, answered by {@code serving} (a retrained model, say). */
    public Inference next(String id, Instant time, WineModel serving) {
        boolean shift = !time.isBefore(driftStart);
        List<double[]> rows = new ArrayList<>(BATCH);
        int[] predictions = new int[BATCH];
        int[] labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            int pick = random.nextInt(model.size());
            double[] row = model.row(pick);
            if (shift) {
                for (String f : this.shifted) {
                    row[model.features().indexOf(f)] += SHIFT_STDS * model.std(f);
                }
            }
            rows.add(row);
            predictions[i] = serving.predict(row);
            labels[i] = model.cultivar(pick);
        }
        return new Inference(id, time, rows, predictions, labels);
    }

    /**
     * The baseline of the model: its training table with the true cultivar (label) and the model's own prediction
     * per row, so input drift, prediction drift and quality all have a reference.
     */
    public static Baseline baseline(WineModel model, Clock clock) {
        return baseline(model, clock, MODEL);
    }

    /** The same baseline under another model name. */
    static Baseline baseline(WineModel model, Clock clock, String name) {
        List<String> columns = new ArrayList<>(model.features());
        columns.add(WineModel.LABEL);
        columns.add(PREDICTION);
        List<Object[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        for (int i = 0; i < model.size(); i++) {
            double[] x = model.row(i);
            Object[] cells = new Object[columns.size()];
            for (int j = 0; j < x.length; j++) {
                cells[j] = x[j];
            }
            cells[x.length] = (long) model.cultivar(i);
            cells[x.length + 1] = (long) model.predict(x);
            rows.add(cells);
            lines.add((long) i + 2);
        }
        Table t = new Table("demo/wine.csv (bundled)", columns, rows, lines);
        return new BaselineBuilder(clock).build(t, name, Optional.of(model.features()),
                Optional.of(WineModel.LABEL), Optional.of(PREDICTION), Map.of());
    }

    /** Simulated time of request {@code i} of {@code n} spread over {@code span} from {@code start}. */
    public static Instant timeOf(Instant start, Duration span, long i, long n) {
        return start.plusNanos((long) ((double) span.toNanos() * i / n));
    }
}
