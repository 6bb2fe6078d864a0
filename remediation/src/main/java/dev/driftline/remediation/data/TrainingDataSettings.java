package dev.driftline.remediation.data;

import dev.driftline.remediation.policy.PolicySection;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code data} section of a remediation policy: where an episode's training data comes from.
 * <pre>
 * data:
 *   source: lake                # lake (default) | s3-prefix
 *   prefix: s3://ml/churn/train/  # s3-prefix: the fixed prefix ML teams keep their data under (required there)
 *   lake: s3://lake/prod          # lake: the driftline lake (s3://… with Athena, file:///DIR with DuckDB)
 *   output: s3://ml/driftline/    # lake: where exports go, one folder per episode (required there)
 *   period: 7d                    # lake: labelled production rows of this period before the trigger
 *   min-rows: 100                 # lake: fewer labelled rows fail the preparation
 *   database: driftline           # lake on S3: the Athena database of the lake's tables
 *   workgroup: primary            # lake on S3: Athena work group
 *   athena-results: s3://…/       # lake on S3: Athena's query result location (default: the work group's)
 * </pre>
 *
 * @param source        {@link Source#LAKE} or {@link Source#S3_PREFIX}
 * @param prefix        the fixed prefix (s3-prefix), empty otherwise
 * @param lake          the lake (lake), empty otherwise
 * @param output        where exports go (lake), empty otherwise
 * @param period        how far back from the trigger the rows are taken
 * @param minRows       labelled rows an export needs at least
 * @param database      Athena database
 * @param workgroup     Athena work group
 * @param athenaResults Athena query result location, empty for the work group's setting
 */
public record TrainingDataSettings(Source source, Optional<String> prefix, Optional<String> lake,
                                   Optional<String> output, Duration period, int minRows, String database,
                                   String workgroup, Optional<String> athenaResults) {

    public static final Duration DEFAULT_PERIOD = Duration.ofDays(7);
    public static final int DEFAULT_MIN_ROWS = 100;
    public static final String DEFAULT_DATABASE = "driftline";
    public static final String DEFAULT_WORKGROUP = "primary";

    /** Where the data comes from. */
    public enum Source {
        /** A fixed prefix, checked for objects (as ML teams have today). */
        S3_PREFIX("s3-prefix"),
        /** Recent labelled production rows exported from the lake. */
        LAKE("lake");

        private final String id;

        Source(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public TrainingDataSettings {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(workgroup, "workgroup");
    }

    /**
     * Reads the section; every error names the file and key.
     *
     * @throws dev.driftline.config.UserInputException for an unknown key, a bad value or a key the source needs
     */
    public static TrainingDataSettings from(PolicySection s) {
        s.onlyKeys(Set.of("source", "prefix", "lake", "output", "period", "min-rows", "database", "workgroup",
                "athena-results"));
        String id = s.text("source", Source.LAKE.id());
        Source source = null;
        for (Source v : Source.values()) {
            if (v.id.equals(id)) {
                source = v;
            }
        }
        if (source == null) {
            throw s.error("source", "must be lake or s3-prefix, got " + id);
        }
        Duration period = s.duration("period", DEFAULT_PERIOD);
        if (period.isZero() || period.isNegative()) {
            throw s.error("period", "must be positive, got " + period);
        }
        int minRows = s.integer("min-rows", DEFAULT_MIN_ROWS);
        if (minRows < 1) {
            throw s.error("min-rows", "must be at least 1, got " + minRows);
        }
        Optional<String> prefix = s.optText("prefix");
        Optional<String> lake = s.optText("lake");
        Optional<String> output = s.optText("output");
        if (source == Source.S3_PREFIX) {
            String p = prefix.orElseThrow(() -> s.error("prefix", "is required with source s3-prefix"));
            if (!p.startsWith("s3://") && !p.startsWith("file:/")) {
                throw s.error("prefix", "must be s3://BUCKET/PREFIX (or file:///DIR), got " + p);
            }
        } else {
            String l = lake.orElseThrow(() -> s.error("lake", "is required with source lake"));
            String o = output.orElseThrow(() -> s.error("output", "is required with source lake"));
            if (l.startsWith("s3://") != o.startsWith("s3://")) {
                // Athena UNLOAD writes only to S3 and DuckDB here only to local files
                throw s.error("output", "must be on S3 when the lake is (and local when it is local), got " + o);
            }
        }
        return new TrainingDataSettings(source, prefix, lake, output, period, minRows,
                s.text("database", DEFAULT_DATABASE), s.text("workgroup", DEFAULT_WORKGROUP),
                s.optText("athena-results"));
    }
}
