package dev.driftline.contracts.drift;

import dev.driftline.drift.dataquality.Violation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The value of {@code <prefix>drift}: one merged window of a model compared with its reference (the training
 * baseline, or rolling/seasonal reference windows). Written by the evaluation stage, read by the alerts, the meters,
 * the lake and the CLI. JSON form: {@link DriftReportCodec}.
 *
 * @param revision          the merged window's revision; keep the highest per (model, window start)
 * @param baselineCreatedAt epoch ms; null for {@link Status#NO_BASELINE}
 * @param reference         which reference was used; null for {@link Status#NO_BASELINE}
 * @param features          compared column → its figures and verdict, in report order
 * @param violations        data-quality violations found in the window
 */
public record DriftReport(String model, long windowStart, long windowEnd, int revision, long rows, Status status,
                          Long baselineCreatedAt, Reference reference, Map<String, FeatureDrift> features,
                          boolean datasetDrift, int driftedFeatures, int judgedFeatures, double driftedShare,
                          List<Violation> violations) {

    /** Whether the window was compared. */
    public enum Status {
        EVALUATED("evaluated"), NO_BASELINE("no_baseline");

        private final String id;

        Status(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Status fromId(String id) {
            for (Status s : values()) {
                if (s.id.equals(id)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown drift report status " + id);
        }
    }

    /**
     * The reference a window was compared with.
     *
     * @param mode       {@code baseline}, {@code rolling:N} or {@code seasonal:PERIOD}
     * @param configured the configured rolling/seasonal mode while its history does not exist yet (the baseline
     *                   stands in); else null
     * @param windows    reference windows used (history modes); else null
     * @param from       start of the first reference window (epoch ms); else null
     * @param to         end of the last reference window (epoch ms); else null
     */
    public record Reference(String mode, String configured, Integer windows, Long from, Long to) {
        public static Reference baseline() {
            return new Reference("baseline", null, null, null, null);
        }
    }

    /**
     * One compared column.
     *
     * @param type          {@code numeric} or {@code categorical}
     * @param role          {@code feature} or {@code prediction}
     * @param figures       figure name ({@code FigureRegistry}) → value, NaN when undefined
     * @param binEdges      numeric columns: the reference deciles used as bin edges; categorical: empty
     * @param featureType   the column's feature type in lower case
     * @param method        the decision method's id
     * @param threshold     what the decision compared with; NaN when there is none (insufficient data)
     * @param status        {@code drift}, {@code no_drift} or {@code insufficient_data}
     */
    public record FeatureDrift(String type, String role, long nReference, long nCurrent, Map<String, Double> figures,
                               List<Double> binEdges, String featureType, long missingCurrent,
                               long typeMismatchesCurrent, String method, double threshold, String status,
                               boolean drift) {
        public FeatureDrift {
            figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
            binEdges = List.copyOf(binEdges);
        }

        public boolean numeric() {
            return "numeric".equals(type);
        }

        /** The value of {@code figure}, or NaN when the column has no such figure. */
        public double figure(String figure) {
            Double v = figures.get(figure);
            return v == null ? Double.NaN : v;
        }
    }

    public DriftReport {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(status, "status");
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
        violations = List.copyOf(violations);
    }

    /** The report of a window whose model has no baseline (yet). */
    public static DriftReport noBaseline(String model, long windowStart, long windowEnd, int revision, long rows) {
        return new DriftReport(model, windowStart, windowEnd, revision, rows, Status.NO_BASELINE, null, null,
                Map.of(), false, 0, 0, 0.0, List.of());
    }

    public boolean evaluated() {
        return status == Status.EVALUATED;
    }
}
