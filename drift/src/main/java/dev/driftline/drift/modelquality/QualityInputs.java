package dev.driftline.drift.modelquality;

/** Shared argument checks and the 0/0 = 0 convention of the model-quality metrics. */
final class QualityInputs {
    private QualityInputs() {
    }

    static void requireSameNonZeroLength(int a, int b, String nameA, String nameB) {
        if (a != b) {
            throw new IllegalArgumentException(nameA + " and " + nameB + " differ in length: " + a + " vs " + b);
        }
        if (a == 0) {
            throw new IllegalArgumentException("model quality needs at least one " + nameA + "/" + nameB + " pair");
        }
    }

    /** numerator/denominator, with 0/0 defined as 0 (scikit-learn's zero_division=0). */
    static double ratio(double numerator, double denominator) {
        return denominator == 0 ? 0 : numerator / denominator;
    }
}
