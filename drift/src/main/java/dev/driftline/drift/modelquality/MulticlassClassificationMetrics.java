package dev.driftline.drift.modelquality;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Model quality of a multiclass classifier from true and predicted class names. Precision, recall and F1 are
 * computed per class (one-vs-rest) and averaged with weights equal to each class's support (its count among the
 * true labels), as scikit-learn's {@code average="weighted"}; classes are the union of labels and predictions, and
 * 0/0 is 0. A class that is only ever predicted has support 0, so its own (zero) precision carries no weight; the
 * mistakes that predicted it still count, as misses in the recall and F1 of the true classes they came from.
 *
 * <p>Weighted recall always equals accuracy (Σ support·TP/support / n = ΣTP / n); it is reported anyway because
 * SageMaker's report lists it.
 */
public record MulticlassClassificationMetrics(double accuracy, double weightedPrecision, double weightedRecall,
                                              double weightedF1) {

    /**
     * @throws IllegalArgumentException on empty or mismatched input or a null class name
     */
    public static MulticlassClassificationMetrics compute(String[] labels, String[] predicted) {
        QualityInputs.requireSameNonZeroLength(labels.length, predicted.length, "labels", "predicted");
        // per class: [support (true count), predicted count, true positives]; sorted so results are deterministic
        Map<String, long[]> perClass = new TreeMap<>();
        long correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == null || predicted[i] == null) {
                throw new IllegalArgumentException("null class at index " + i + "; count missing labels separately");
            }
            perClass.computeIfAbsent(labels[i], c -> new long[3])[0]++;
            perClass.computeIfAbsent(predicted[i], c -> new long[3])[1]++;
            if (labels[i].equals(predicted[i])) {
                perClass.get(labels[i])[2]++;
                correct++;
            }
        }
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        for (long[] c : perClass.values()) {
            long support = c[0];
            long tp = c[2];
            long fp = c[1] - tp;
            long fn = support - tp;
            precision += support * QualityInputs.ratio(tp, tp + fp);
            recall += support * QualityInputs.ratio(tp, support);
            f1 += support * QualityInputs.ratio(2 * tp, 2 * tp + fp + fn);
        }
        double n = labels.length;
        return new MulticlassClassificationMetrics(correct / n, precision / n, recall / n, f1 / n);
    }

    /** The figures under SageMaker Model Monitor's names, in a fixed order. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy);
        m.put("weighted_precision", weightedPrecision);
        m.put("weighted_recall", weightedRecall);
        m.put("weighted_f1", weightedF1);
        return Collections.unmodifiableMap(m);
    }
}
