package dev.driftline.drift.modelquality;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Model quality of a binary classifier from ground-truth labels (0/1) and scores; the predicted class is
 * {@code score >= threshold} and the positive class is 1. Ratios whose denominator is 0 (e.g. precision when
 * nothing is predicted positive) are defined as 0, as scikit-learn's {@code zero_division=0}.
 *
 * <p>{@code auc} is the ROC AUC of the scores, NaN when only one class is present (it is undefined then; scikit-learn
 * raises). The counts are kept so windows can be merged and re-derived.
 */
public record BinaryClassificationMetrics(double accuracy, double precision, double recall, double f1, double auc,
                                          double truePositiveRate, double falsePositiveRate, long truePositives,
                                          long falsePositives, long trueNegatives, long falseNegatives) {

    /**
     * @param labels    ground truth, each 0 or 1
     * @param scores    model scores (finite), same length
     * @param threshold a score at or above it predicts class 1
     * @throws IllegalArgumentException on empty or mismatched input, a label other than 0/1 or a NaN score
     */
    public static BinaryClassificationMetrics compute(int[] labels, double[] scores, double threshold) {
        QualityInputs.requireSameNonZeroLength(labels.length, scores.length, "labels", "scores");
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold is NaN");
        }
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("binary label must be 0 or 1, got " + labels[i] + " at index " + i);
            }
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score is NaN at index " + i);
            }
            boolean predictedPositive = scores[i] >= threshold;
            if (labels[i] == 1) {
                if (predictedPositive) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (predictedPositive) {
                fp++;
            } else {
                tn++;
            }
        }
        double precision = QualityInputs.ratio(tp, tp + fp);
        double recall = QualityInputs.ratio(tp, tp + fn);
        // 2TP/(2TP+FP+FN) equals 2PR/(P+R) whenever that is defined, and gives 0 rather than 0/0 when TP = 0.
        double f1 = QualityInputs.ratio(2 * tp, 2 * tp + fp + fn);
        return new BinaryClassificationMetrics(QualityInputs.ratio(tp + tn, labels.length), precision, recall, f1,
                rocAuc(labels, scores), recall, QualityInputs.ratio(fp, fp + tn), tp, fp, tn, fn);
    }

    /**
     * ROC AUC as the Mann–Whitney statistic: U / (P·N), where U counts, over all (positive, negative) pairs, 1 when
     * the positive scores higher and ½ on a tie. This is exactly the rank-sum formula with average ranks for ties
     * (R₊ − P(P+1)/2) and the area under the ROC curve with ties joined by straight segments.
     *
     * <p>We count 2U in integer arithmetic by merging the two sorted score lists, so the only rounding is the final
     * division: no floating rank sums to lose precision on large windows.
     */
    static double rocAuc(int[] labels, double[] scores) {
        int positives = 0;
        for (int label : labels) {
            positives += label;
        }
        int negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double[] pos = new double[positives];
        double[] neg = new double[negatives];
        int ip = 0;
        int in = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 1) {
                pos[ip++] = scores[i];
            } else {
                neg[in++] = scores[i];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        long twiceU = 0;
        int below = 0; // negatives strictly below the current positive score
        int k = 0;
        while (k < positives) {
            double s = pos[k];
            int tied = 0;
            while (below < negatives && neg[below] < s) {
                below++;
            }
            while (below + tied < negatives && neg[below + tied] == s) {
                tied++;
            }
            int sameScore = 0;
            while (k < positives && pos[k] == s) {
                k++;
                sameScore++;
            }
            twiceU += (long) sameScore * (2L * below + tied);
        }
        return twiceU / (2.0 * positives * negatives);
    }

    /** The figures under SageMaker Model Monitor's names, in a fixed order. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy);
        m.put("precision", precision);
        m.put("recall", recall);
        m.put("f1", f1);
        m.put("auc", auc);
        m.put("true_positive_rate", truePositiveRate);
        m.put("false_positive_rate", falsePositiveRate);
        return Collections.unmodifiableMap(m);
    }
}
