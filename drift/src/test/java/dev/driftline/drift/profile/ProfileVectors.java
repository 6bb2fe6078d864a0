package dev.driftline.drift.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared drift reference vectors ({@code /reference/drift-reference.json} on the test classpath, made with
 * scipy/numpy from drift-metrics.md), for the profile and sketch-mode tests.
 */
public final class ProfileVectors {
    public static final String RESOURCE = "/reference/drift-reference.json";

    /** One case: {@code reference} and {@code current} samples and the {@code expected} figures (snake_case keys). */
    public record Case(String name, String type, List<Object> reference, List<Object> current, JsonNode expected) {
        public boolean isNumeric() {
            return type.equals("numeric");
        }

        public double[] referenceDoubles() {
            return doubles(reference);
        }

        public double[] currentDoubles() {
            return doubles(current);
        }

        /** An expected figure, e.g. {@code expected("ks_statistic")}. */
        public double expected(String key) {
            JsonNode v = expected.get(key);
            if (v == null || !v.isNumber()) {
                throw new IllegalArgumentException("case " + name + " has no numeric expected." + key);
            }
            return v.doubleValue();
        }

        public double[] expectedArray(String key) {
            JsonNode v = expected.get(key);
            double[] out = new double[v.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = v.get(i).doubleValue();
            }
            return out;
        }

        @Override
        public String toString() {
            return name;
        }

        private static double[] doubles(List<Object> values) {
            return values.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
        }
    }

    private static final List<Case> CASES = load();

    private ProfileVectors() {
    }

    public static List<Case> cases() {
        return CASES;
    }

    public static List<Case> numericCases() {
        return CASES.stream().filter(Case::isNumeric).toList();
    }

    public static List<Case> categoricalCases() {
        return CASES.stream().filter(c -> !c.isNumeric()).toList();
    }

    private static List<Case> load() {
        try (InputStream in = ProfileVectors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                JsonNode expected = c.get("expected");
                cases.add(new Case(c.get("name").asText(), expected.get("type").asText(), values(c.get("reference")),
                        values(c.get("current")), expected));
            }
            return List.copyOf(cases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Object> values(JsonNode array) {
        List<Object> out = new ArrayList<>(array.size());
        for (JsonNode v : array) {
            out.add(v.isNumber() ? (Object) v.doubleValue() : v.asText());
        }
        return List.copyOf(out);
    }
}
