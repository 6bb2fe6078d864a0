package dev.driftline.cli;

import dev.driftline.contracts.figures.DriftFigure;
import dev.driftline.contracts.figures.FigureRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.config.UserInputException;
import dev.driftline.drift.dataquality.MonitoringConfig;
import dev.driftline.drift.dataquality.Violation;
import dev.driftline.contracts.drift.ComparisonJson;
import dev.driftline.drift.compare.ComparisonReport;
import dev.driftline.drift.compare.DriftComparison;
import dev.driftline.drift.compare.FeatureComparison;
import dev.driftline.drift.decision.DriftPolicy;
import dev.driftline.drift.io.Table;
import dev.driftline.cli.io.Tables;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code driftline drift compare}: every drift metric and decision for the columns two files share. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare a current sample with a reference sample, column by column.",
            "%nReads CSV with a header, JSON Lines or Parquet and prints every metric that applies to each "
                    + "column's type, the decision of the drift policy, dataset-level drift, and data-quality "
                    + "violations of the current file against the reference. Exit 0 on success, 2 on unreadable input."})
public final class DriftCompareCommand implements Callable<Integer> {
    @Option(names = "--reference", required = true, description = "Reference (training/baseline) file.")
    Path reference;

    @Option(names = "--current", required = true, description = "Current (production window) file.")
    Path current;

    @Option(names = "--sketch", description = "Sketch mode: compare the streaming profiles (KLL k=200) instead of full samples.")
    boolean sketch;

    @Option(names = "--format", defaultValue = "table", description = "json or table (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--types", split = ",", description = "Type overrides, e.g. zip=string,age=integral "
            + "(fractional, integral, string, boolean).")
    List<String> types;

    @Option(names = "--alpha", description = "Family-wise significance level of p-value tests (default 0.002).")
    Double alpha;

    @Option(names = "--correction", description = "bonferroni (default), benjamini_hochberg or none.")
    String correction;

    @Option(names = "--violations-out", description = "Also write the violations (data quality, and "
            + "baseline_drift_check for drifted features) as SageMaker's constraint_violations.json to this file.")
    Path violationsOut;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("json") && !format.equals("table")) {
            throw new UserInputException("--format must be json or table, got '" + format + "'");
        }
        DriftPolicy policy = DriftPolicy.defaults();
        if (alpha != null) {
            policy = policy.withAlpha(alpha);
        }
        if (correction != null) {
            try {
                policy = policy.withCorrection(DriftPolicy.Correction.valueOf(correction.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--correction must be bonferroni, benjamini_hochberg or none");
            }
        }
        Table ref = Tables.read(reference);
        Table cur = Tables.read(current);
        ComparisonReport report = new DriftComparison(policy, MonitoringConfig.defaults())
                .compare(ref, cur, TypeOverrides.parse(types), sketch);
        if (report.features().isEmpty()) {
            throw new UserInputException("no comparable column: the files share none with values ("
                    + ref.columns() + " vs " + cur.columns() + ")");
        }
        if (violationsOut != null) {
            writeViolations(report);
        }
        if (format.equals("json")) {
            ObjectMapper mapper = new ObjectMapper();
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(
                    ComparisonJson.toJson(report, mapper)));
        } else {
            printTable(report);
        }
        return 0;
    }

    /** Model Monitor lists drifted features as baseline_drift_check violations next to the data-quality ones. */
    private void writeViolations(ComparisonReport report) throws java.io.IOException {
        java.util.List<Violation> all = new java.util.ArrayList<>(report.violations());
        for (FeatureComparison fc : report.features().values()) {
            if (fc.decision().drift()) {
                all.add(new Violation(fc.name(), "baseline_drift_check", String.format(Locale.ROOT,
                        "Drift detected by %s: %.6g against a threshold of %.6g.", fc.decision().method().id(),
                        fc.decision().value(), fc.decision().threshold())));
            }
        }
        ObjectMapper mapper = new ObjectMapper();
        mapper.writerWithDefaultPrettyPrinter().writeValue(violationsOut.toFile(),
                dev.driftline.drift.baseline.sagemaker.ViolationsJson.toJson(all, mapper));
    }

    private static void printTable(ComparisonReport r) {
        System.out.printf("%-20s %-11s %8s %8s %-17s %10s %10s  %-17s %s%n", "feature", "type", "n_ref", "n_cur",
                "method", "value", "threshold", "status", "figures");
        for (FeatureComparison fc : r.features().values()) {
            StringBuilder figures = new StringBuilder();
            FigureRegistry.builtIn(fc.figures()).forEach((name, value) -> {
                boolean count = FigureRegistry.byName(name).orElseThrow().kind() == DriftFigure.Kind.COUNT;
                figures.append(figures.length() == 0 ? "" : " ").append(name).append('=')
                        .append(count ? Long.toString(value.longValue()) : String.format(Locale.ROOT, "%.4g", value));
            });
            System.out.printf(Locale.ROOT, "%-20s %-11s %8d %8d %-17s %10.4g %10.4g  %-17s %s%n", fc.name(),
                    fc.type().name().toLowerCase(Locale.ROOT), fc.figures().nReference(), fc.figures().nCurrent(),
                    fc.decision().method().id(), fc.decision().value(), fc.decision().threshold(),
                    fc.decision().status().id(), figures);
        }
        System.out.printf(Locale.ROOT, "%ndataset drift: %s (%d of %d judged features drifted, %s mode)%n",
                r.decision().datasetDrift() ? "YES" : "no", r.decision().drifted(), r.decision().judged(),
                r.sketchMode() ? "sketch" : "exact");
        for (Violation v : r.violations()) {
            System.out.println("violation: " + v.featureName() + " " + v.constraintCheckType() + ": " + v.description());
        }
    }
}
