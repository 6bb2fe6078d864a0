package dev.driftline.drift.metrics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared drift test vectors ({@code /reference/drift-reference.json} on the test classpath, a copy of the
 * project's shared vectors made with scipy/numpy/scikit-learn), loaded into records. Unknown keys fail the load, so
 * a regenerated file with new figures is noticed rather than silently half-tested.
 */
public final class ReferenceVectors {
    public static final String RESOURCE = "/reference/drift-reference.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static volatile ReferenceVectors loaded;

    private final Root root;

    private ReferenceVectors(Root root) {
        this.root = root;
    }

    /** The vectors, parsed once per JVM (the file is ~3 MB). */
    public static ReferenceVectors load() {
        ReferenceVectors v = loaded;
        if (v == null) {
            try (InputStream in = ReferenceVectors.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " not found on the test classpath");
                }
                v = new ReferenceVectors(MAPPER.readValue(in, Root.class));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
            loaded = v;
        }
        return v;
    }

    public List<Case> cases() {
        return root.cases();
    }

    public Binary binary() {
        return root.modelQuality().binary();
    }

    public Regression regression() {
        return root.modelQuality().regression();
    }

    record Root(String spec, String generator, List<Case> cases, ModelQuality modelQuality) {
    }

    record ModelQuality(Binary binary, Regression regression) {
    }

    /** One drift case; the samples are numbers for numeric cases and strings for categorical ones. */
    public record Case(String name, JsonNode reference, JsonNode current, Expected expected) {
        public boolean isNumeric() {
            return "numeric".equals(expected.type());
        }

        public double[] referenceValues() {
            return numbers(reference);
        }

        public double[] currentValues() {
            return numbers(current);
        }

        public List<String> referenceCategories() {
            return strings(reference);
        }

        public List<String> currentCategories() {
            return strings(current);
        }

        @Override
        public String toString() {
            return name;
        }

        private double[] numbers(JsonNode array) {
            double[] out = new double[array.size()];
            for (int i = 0; i < out.length; i++) {
                JsonNode v = array.get(i);
                if (!v.isNumber()) {
                    throw new IllegalStateException(name + ": value " + i + " is not a number: " + v);
                }
                out[i] = v.doubleValue();
            }
            return out;
        }

        private List<String> strings(JsonNode array) {
            List<String> out = new ArrayList<>(array.size());
            for (JsonNode v : array) {
                if (!v.isTextual()) {
                    throw new IllegalStateException(name + ": value is not a string: " + v);
                }
                out.add(v.textValue());
            }
            return out;
        }
    }

    /** Expected figures; those of the other feature type are null. */
    public record Expected(String type, Double ksStatistic, Double ksPvalue, Double psi, Double wasserstein,
                           Double wassersteinNorm, Double jensenShannon, Double hellinger, List<Double> binEdges,
                           Double chi2Statistic, Double chi2Pvalue, Integer chi2Dof, Double linf) {
    }

    public record Binary(int[] label, double[] score, double threshold, BinaryExpected expected) {
    }

    public record BinaryExpected(double accuracy, double precision, double recall, double f1, double auc) {
    }

    public record Regression(double[] label, double[] prediction, RegressionExpected expected) {
    }

    public record RegressionExpected(double mae, double rmse, double r2) {
    }
}
