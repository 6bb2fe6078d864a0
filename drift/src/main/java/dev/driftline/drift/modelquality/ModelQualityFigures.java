package dev.driftline.drift.modelquality;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model-quality figures of one window's labelled pairs, computed by the drift core's metrics
 * ({@code dev.driftline.drift.modelquality}); the problem type is decided from the pairs themselves, each time:
 * <ol>
 *   <li><b>binary</b> when every label is a boolean ({@code true}/{@code false}, also as strings, any case) or the
 *       number 0 or 1, and every prediction is a boolean or a number in [0, 1] (a score or the predicted class):
 *       {@link BinaryClassificationMetrics} with positive class 1 / true and threshold 0.5;</li>
 *   <li><b>regression</b> when labels and predictions are all numbers and at least one of them is not a whole
 *       number: {@link RegressionMetrics};</li>
 *   <li><b>multiclass</b> otherwise (class names as strings, class ids as whole numbers, or a mix):
 *       {@link MulticlassClassificationMetrics} on the canonical class names — booleans {@code "true"/"false"},
 *       whole numbers without a fraction ({@code 2} and {@code 2.0} are class {@code "2"}), other values as text.</li>
 * </ol>
 * A regression on whole-number labels whose predictions are all whole numbers therefore looks like multiclass; and
 * the type of a window can change between versions when later labels no longer fit it (e.g. a first label 2 after
 * 0/1 labels). The JSON says which type was used.
 *
 * @param metrics every figure of the type (NaN where undefined, e.g. AUC with one class)
 * @param value   the primary metric ({@link ProblemType#primaryMetric()})
 */
public record ModelQualityFigures(ProblemType type, Map<String, Number> metrics, double value) {
    static final double BINARY_THRESHOLD = 0.5;

    /** The figures of {@code labels[i]} vs {@code predictions[i]} ({@link #scalar} values, non-empty). */
    public static ModelQualityFigures compute(List<Object> labels, List<Object> predictions) {
        return compute(labels, predictions, detect(labels, predictions));
    }

    /**
     * The figures of {@code labels[i]} vs {@code predictions[i]} as a problem of {@code type}, which must fit them:
     * {@link #detect} on these pairs or on a superset of them. A subset of a window's pairs (one model version's)
     * is judged as the type of the whole window — its own labels alone could look like another type (whole-number
     * regression labels like classes) — so its figures compare with the window's and with the other versions'.
     */
    public static ModelQualityFigures compute(List<Object> labels, List<Object> predictions, ProblemType type) {
        int n = labels.size();
        Map<String, Number> m = new LinkedHashMap<>();
        switch (type) {
            case BINARY -> {
                int[] y = new int[n];
                double[] s = new double[n];
                for (int i = 0; i < n; i++) {
                    y[i] = (int) score(labels.get(i));
                    s[i] = score(predictions.get(i));
                }
                BinaryClassificationMetrics b = BinaryClassificationMetrics.compute(y, s, BINARY_THRESHOLD);
                m.putAll(b.asMap());
                m.put("true_positives", b.truePositives());
                m.put("false_positives", b.falsePositives());
                m.put("true_negatives", b.trueNegatives());
                m.put("false_negatives", b.falseNegatives());
                return new ModelQualityFigures(type, m, b.accuracy());
            }
            case REGRESSION -> {
                double[] y = new double[n];
                double[] p = new double[n];
                for (int i = 0; i < n; i++) {
                    y[i] = ((Number) labels.get(i)).doubleValue();
                    p[i] = ((Number) predictions.get(i)).doubleValue();
                }
                RegressionMetrics r = RegressionMetrics.compute(y, p);
                m.putAll(r.asMap());
                return new ModelQualityFigures(type, m, r.rmse());
            }
            default -> {
                String[] y = new String[n];
                String[] p = new String[n];
                for (int i = 0; i < n; i++) {
                    y[i] = className(labels.get(i));
                    p[i] = className(predictions.get(i));
                }
                MulticlassClassificationMetrics c = MulticlassClassificationMetrics.compute(y, p);
                m.putAll(c.asMap());
                return new ModelQualityFigures(type, m, c.accuracy());
            }
        }
    }

    /**
     * The canonical scalar of a label or prediction: Boolean, Long (any integral type), Double (other numbers, if
     * finite) or String; null for anything else (null, NaN/infinity, lists, maps) — such a value cannot be judged.
     */
    public static Object scalar(Object v) {
        if (v instanceof Boolean || v instanceof String || v instanceof Long) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        return null;
    }

    /** The problem type of these pairs (rules in the class comment). */
    public static ProblemType detect(List<Object> labels, List<Object> predictions) {
        boolean binary = true;
        boolean numeric = true;
        boolean whole = true;
        for (int i = 0; i < labels.size(); i++) {
            Object y = labels.get(i);
            Object p = predictions.get(i);
            double sy = score(y);
            double sp = score(p);
            binary &= (sy == 0 || sy == 1) && sp >= 0 && sp <= 1;
            numeric &= y instanceof Number && p instanceof Number;
            whole &= isWhole(y) && isWhole(p);
        }
        if (binary) {
            return ProblemType.BINARY;
        }
        return numeric && !whole ? ProblemType.REGRESSION : ProblemType.MULTICLASS;
    }

    /** A boolean as 1/0, a number as itself; NaN for anything else (which is then no binary label or score). */
    static double score(Object v) {
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s) {
            return s.equalsIgnoreCase("true") ? 1 : s.equalsIgnoreCase("false") ? 0 : Double.NaN;
        }
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static boolean isWhole(Object v) {
        if (v instanceof Long) {
            return true;
        }
        return v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p53;
    }

    /** The class name a label or prediction stands for in multiclass figures. */
    static String className(Object v) {
        if (v instanceof Boolean b) {
            return b.toString();
        }
        if (v instanceof String s) {
            return s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false") ? s.toLowerCase(java.util.Locale.ROOT)
                    : s;
        }
        if (isWhole(v)) {
            return Long.toString(((Number) v).longValue());
        }
        return String.valueOf(v);
    }
}
