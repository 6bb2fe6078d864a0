package dev.driftline.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.cli.ui.LakeReportSource;
import dev.driftline.cli.ui.ModelRows;
import dev.driftline.cli.ui.ReportDocument;
import dev.driftline.cli.ui.ReportPage;
import dev.driftline.config.UserInputException;
import dev.driftline.contracts.RecordFormatException;
import dev.driftline.contracts.baseline.BaselineCodec;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.sink.query.LakeQueryException;
import dev.driftline.sink.query.LocalLake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code driftline report}: one self-contained HTML file of a model's drift, data quality, model quality, alerts and
 * remediation, read from a local lake ({@link LakeReportSource} → {@link ReportDocument} → {@link ReportPage}).
 *
 * <p>Hooks for browser tests (also in {@code cli/README.md}):
 * <ul>
 *   <li>{@code <script type="application/json" id="driftline-data">}: the data document ({@link ReportDocument}).</li>
 *   <li>After rendering, {@code window.driftline = {ready: true, model, cells, windows, features, drawn, renderMs,
 *       renders, select(featureIndex, windowIndex)}}: {@code cells} = windows × features of the shown model,
 *       {@code drawn} = matrix elements on the canvas (= {@code cells} up to 500 windows, else features × columns of
 *       bucketed windows), {@code renders} counts renders (the live page re-renders on new data), {@code select}
 *       does what a click on that cell does; {@code <body data-render-ms>} too.</li>
 *   <li>{@code canvas#heatmap}: the heatmap (row f from the top = feature f, column w from the left = window w).</li>
 *   <li>{@code #distribution}: filled by a click on a cell, with {@code data-feature} (feature name) and
 *       {@code data-window} (window start, ISO) set; on load the most recent drifted cell is selected.</li>
 *   <li>{@code #model-select}, {@code canvas#quality-chart}, {@code canvas#alerts-chart},
 *       {@code canvas#remediation-chart}, {@code table#violations}.</li>
 * </ul>
 * A 200 × 2,000 page for scale tests: {@code ReportFixtures} (cli tests) writes
 * {@code target/ui-fixtures/report-200x2000.html}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a self-contained HTML drift report of a model from a local lake.",
            "%nThe file has everything inline (scripts, styles, data) and opens offline in any browser, so it can be "
                    + "attached to a ticket. It shows a heatmap of features × windows coloured by a drift distance "
                    + "with the pipeline's drift decisions marked; for a clicked cell the window's distribution "
                    + "against the reference and the feature's drift figures; the data-quality violations; model "
                    + "quality per window and model version; the alerts as a timeline; and remediation episodes "
                    + "with their rollout steps.",
            "%nThe reference distributions come from --baseline files (the baselines are not in the lake); without "
                    + "one the earliest window of the report is the reference, and the page says so. The drift "
                    + "figures and decisions are always the pipeline's own, as in drift_metrics.",
            "%nExit 0 on success, 2 on bad input (no such model, a bad time, a lake that is not local)."},
        footer = {"%nExamples:",
            "  driftline report --model wine --out report.html",
            "  driftline report --lake file:///data/lake --model fraud --baseline fraud-baseline.json --out fraud.html",
            "  driftline report --model fraud --from 2026-11-01 --to 2026-11-08 --out fraud-week.html"})
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--lake", defaultValue = QueryCommand.DEFAULT_LAKE, paramLabel = "file:///DIR",
            description = "Local lake directory: file:///DIR or a path (default: ${DEFAULT-VALUE}).")
    String lake;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "Model to report on; without it every model in the lake, with a model selector.")
    String model;

    @Option(names = "--from", paramLabel = "TIME",
            description = "First window start to include: an ISO instant (2026-11-01T00:00:00Z) or a UTC date.")
    String from;

    @Option(names = "--to", paramLabel = "TIME",
            description = "Include windows starting before this: an ISO instant or a UTC date (that day's start).")
    String to;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Baseline file (driftline baseline build) the distributions are compared with; one per "
                    + "model, repeatable.")
    List<Path> baselines = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path out;

    @Option(names = "--detail-cells", defaultValue = "" + ReportDocument.DEFAULT_DETAIL_CELLS, paramLabel = "N",
            description = "Keep distributions and figures for the latest windows only, at most N feature × window "
                    + "cells (default: ${DEFAULT-VALUE}); the heatmap always has every cell.")
    int detailCells;

    @Override
    public Integer call() throws IOException {
        Instant start = time("--from", from);
        Instant end = time("--to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new UserInputException("--from " + from + " is not before --to " + to);
        }
        Map<String, Baseline> byModel = new HashMap<>();
        for (Path p : baselines) {
            Baseline b = readBaseline(p);
            byModel.put(b.model(), b);
        }
        Path directory = LakeOptions.localDirectory(lake, "driftline report reads local lakes (as driftline query "
                + "does: DuckDB's httpfs extension is not available offline); copy the model's tables, e.g. "
                + "aws s3 sync s3://BUCKET/PREFIX/drift_metrics/model=M/ DIR/drift_metrics/model=M/, and give --lake "
                + "file:///DIR");
        ObjectNode doc;
        int windows = 0;
        int features = 0;
        try (LocalLake local = open(directory)) {
            LakeReportSource source = new LakeReportSource(local);
            List<String> models = source.models();
            if (models.isEmpty()) {
                throw new UserInputException("--lake " + lake + ": no model has drift, profile, quality, alert or "
                        + "remediation rows");
            }
            if (model != null && !models.contains(model)) {
                throw new UserInputException("--model " + model + ": not in the lake; it has " + String.join(", ",
                        models));
            }
            List<String> chosen = model == null ? models : List.of(model);
            doc = ReportDocument.envelope(models, directory.toUri().toString(), false,
                    System.currentTimeMillis(), 0);
            for (String m : chosen) {
                ModelRows rows = source.read(m, start, end, detailCells);
                Baseline b = byModel.get(m);
                ReportDocument.Reference ref = b == null ? ReportDocument.Reference.none()
                        : new ReportDocument.Reference(Optional.of(b), "--baseline " + fileOf(b));
                ObjectNode part = ReportDocument.model(rows, ref, detailCells);
                ((ObjectNode) doc.get("data")).set(m, part);
                windows += part.path("windows").path("start").size();
                features = Math.max(features, part.path("features").size());
            }
            for (String m : byModel.keySet()) {
                if (!chosen.contains(m)) {
                    throw new UserInputException("--baseline is of model " + m + ", which the report does not show");
                }
            }
        } catch (LakeQueryException e) {
            if (e.isUserError()) {
                throw new UserInputException(e.getMessage());
            }
            throw e;
        }
        String html = ReportPage.html(doc);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, html, StandardCharsets.UTF_8);
        System.out.printf("driftline report: wrote %s (%,d bytes): %s, %d window(s), up to %d feature(s)%n", out,
                Files.size(out), model == null ? "every model" : "model " + model, windows, features);
        return 0;
    }

    private final Map<Baseline, Path> baselineFiles = new java.util.IdentityHashMap<>();

    private String fileOf(Baseline b) {
        return String.valueOf(baselineFiles.get(b));
    }

    private Baseline readBaseline(Path p) {
        try {
            Baseline b = BaselineCodec.INSTANCE.decode(Files.readAllBytes(p));
            baselineFiles.put(b, p);
            return b;
        } catch (IOException e) {
            throw new UserInputException("--baseline " + p + ": cannot read it (" + e.getMessage() + ")");
        } catch (RecordFormatException e) {
            throw new UserInputException("--baseline " + p + ": not a driftline baseline file (" + e.getMessage()
                    + ")");
        }
    }

    private LocalLake open(Path directory) {
        try {
            return LocalLake.open(directory);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--lake: " + e.getMessage() + (QueryCommand.DEFAULT_LAKE.equals(lake)
                    ? " (the default; run driftline demo to fill it, or give --lake file:///DIR)" : ""));
        }
    }

    static Instant time(String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw new UserInputException(option + " " + value + ": not an ISO instant (2026-11-01T00:00:00Z) "
                        + "or date (2026-11-01)");
            }
        }
    }
}
