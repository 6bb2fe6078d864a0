package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.config.Config;
import dev.driftline.streams.app.DriftlineStreams;
import dev.driftline.streams.app.StreamsKeys;
import dev.driftline.streams.app.StreamsSettings;
import dev.driftline.testkit.CollectorRecords;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 4, acceptance 3: the drift figures of a streamed window match {@code driftline drift compare --sketch} on
 * the same window's data within the spec's sketch-mode tolerances (KS ±0.03; PSI, Jensen–Shannon, Hellinger ±0.02
 * or 10 % relative, whichever is larger; normalised Wasserstein ±0.05; categorical figures exact while the
 * categories fit the sketch).
 *
 * <p>Everything real: a reference CSV becomes a baseline through {@code driftline baseline build} and
 * {@code baseline publish} (the commands, in process); the streaming service ({@link DriftlineStreams}, exactly
 * once) runs in this JVM against the in-JVM KRaft broker; {@value #CURRENT_ROWS} rows (more than the profiles'
 * exact sample of 1,024 values, so the per-task KLL sketches and their merge are exercised) go in as KServe V1
 * request/response events in the collector's Kafka format, spread over all six partitions of
 * {@code inference.events}, inside one five-minute window. The window's report on {@code <prefix>drift} is compared,
 * feature by feature, with the JSON of {@code driftline drift compare --reference ref.csv --current cur.csv
 * --sketch}, and of the same command in exact mode, where {@code cur.csv} holds exactly the rows sent. The
 * prediction column ({@code score}, role PREDICTION in the baseline, sent as scalar {@code predictions}) checks the
 * baseline-driven naming of positional outputs too.
 *
 * <p>What is asserted for the numeric figures, and why: the spec's tolerances bound a sketch figure's distance from
 * the exact figure. The stream and {@code --sketch} are two <em>independent</em> sketch estimates (KLL compaction
 * flips a random coin, and the stream's sketch is a merge of six per-task sketches while the CLI builds one), so
 * their difference carries both errors. Simulated on this test's data (2,000 runs of the same profiles and
 * SketchDrift, 6-way merge vs single sketch), the stream was outside a tolerance of exact mode in 0.15 % of runs,
 * stream vs {@code --sketch} differed by more than one tolerance in 4.7 % of runs (mostly PSI and normalised
 * Wasserstein of the strongly shifted feature) and never by more than two. So the test requires each stream figure
 * within the tolerance of exact mode and within twice the tolerance of {@code --sketch}, and prints (without failing)
 * how many figures differ from {@code --sketch} by more than one tolerance.
 */
@WithKafka
class StreamMatchesCompareIT {
    private static final String MODEL = "cmp";
    private static final int REFERENCE_ROWS = 2_000;
    private static final int CURRENT_ROWS = 3_000;
    private static final int ROWS_PER_EVENT = 3;
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final String[] COLUMNS = {"x_norm", "x_shift", "n_int", "cat", "segment", "score"};
    private static final String[] CATS = {"a", "b", "c", "d", "e"};
    private static final double[] CAT_REF = {0.35, 0.25, 0.20, 0.12, 0.08};
    private static final double[] CAT_CUR = {0.15, 0.20, 0.20, 0.20, 0.25};
    private static final String[] SEGMENTS = {"web", "ios", "android"};
    private static final double[] SEGMENT_P = {0.5, 0.3, 0.2};
    /** Clearly drifted by construction, and clearly not: the decisions must agree on these. */
    private static final Set<String> SHIFTED = Set.of("x_shift", "n_int", "cat");
    private static final Set<String> UNSHIFTED = Set.of("x_norm", "segment", "score");
    private static final String[] NUMERIC_FIGURES = {"ks_statistic", "psi", "jensen_shannon", "hellinger",
        "wasserstein_norm"};
    private static final String[] CATEGORICAL_FIGURES = {"chi2_statistic", "chi2_pvalue", "linf", "psi",
        "jensen_shannon", "hellinger"};
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Fixes the data (KLL's own compaction coin is random per run). Chosen so that the unshifted features are
     * clearly unshifted in exact mode too (normalised Wasserstein 0.024 and 0.027, Jensen–Shannon 0.010, against
     * thresholds of 0.1); some seeds give a 2-sigma sample fluke near the threshold instead.
     */
    private static final long SEED = 4;

    @Test
    @Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
    void streamedWindowMatchesSketchCompare(KafkaBroker kafka, @TempDir Path dir) throws Exception {
        String prefix = kafka.uniqueTopic("cmp-it") + ".";
        Random rnd = new Random(SEED);
        List<Object[]> reference = rows(rnd, REFERENCE_ROWS, false);
        List<Object[]> current = rows(rnd, CURRENT_ROWS, true);
        Path refCsv = writeCsv(dir.resolve("ref.csv"), reference);
        Path curCsv = writeCsv(dir.resolve("cur.csv"), current);

        // baseline build + publish: the real commands
        Path baseline = dir.resolve("baseline.json");
        run("baseline", "build", "--input", refCsv.toString(), "--model", MODEL, "--prediction", "score",
                "--output", baseline.toString());
        run("baseline", "publish", baseline.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic-prefix", prefix);

        StreamsSettings settings = StreamsSettings.from(Config.builder(StreamsKeys.ALL)
                .flag(StreamsKeys.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                .flag(StreamsKeys.TOPIC_PREFIX, prefix)
                .flag(StreamsKeys.APPLICATION_ID, prefix + "app")
                .flag(StreamsKeys.STATE_DIR, dir.resolve("state"))
                .flag(StreamsKeys.WINDOW, "5m")
                .flag(StreamsKeys.GRACE, "2s")
                .flag(StreamsKeys.MERGE_SETTLE, "2s")
                .flag(StreamsKeys.METRICS_PORT, -1).build());
        String eventsTopic = settings.topics().inferenceEvents.name();
        String driftTopic = settings.topics().drift.name();

        // one past window, an hour ago, so the wall clock can close it on every task
        long windowStart = Math.floorDiv(Instant.now().minus(Duration.ofHours(1)).toEpochMilli(), WINDOW.toMillis())
                * WINDOW.toMillis();
        Instant start = Instant.ofEpochMilli(windowStart);
        JsonNode stream;
        try (DriftlineStreams app = DriftlineStreams.start(settings,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            assertThat(app.awaitRunning(Duration.ofSeconds(90))).as("streams RUNNING").isTrue();
            Set<Integer> partitions = new HashSet<>();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps())) {
                List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
                int events = CURRENT_ROWS / ROWS_PER_EVENT;
                for (int e = 0; e < events; e++) {
                    // 1,000 events × 250 ms = 250 s: all inside [start, start + 5 min)
                    Instant t = start.plusMillis(1_000 + 250L * e);
                    List<Object[]> batch = current.subList(e * ROWS_PER_EVENT, (e + 1) * ROWS_PER_EVENT);
                    sent.addAll(sendPair(producer, eventsTopic, "cmp-" + e, t, batch));
                }
                // closes the window by stream time on the partition it lands on; wall clock closes the others
                Object[] late = current.get(0);
                sendPair(producer, eventsTopic, "cmp-closer", start.plus(WINDOW).plusSeconds(90),
                        java.util.Collections.singletonList(late));
                producer.flush();
                for (var f : sent) {
                    partitions.add(f.get().partition());
                }
            }
            assertThat(partitions).as("events on every partition of " + eventsTopic)
                    .hasSize(settings.topics().inferenceEvents.partitions());
            stream = awaitReport(kafka, driftTopic, start.toString(), CURRENT_ROWS, Duration.ofSeconds(150));
        }

        JsonNode cli = JSON.readTree(runCapturing("drift", "compare", "--reference", refCsv.toString(), "--current",
                curCsv.toString(), "--sketch", "--format", "json"));
        assertThat(cli.get("mode").asText()).isEqualTo("sketch");
        // exact mode (full samples) only for the table: how far each sketch figure is from the exact one
        JsonNode exact = JSON.readTree(runCapturing("drift", "compare", "--reference", refCsv.toString(),
                "--current", curCsv.toString(), "--format", "json"));
        compare(stream, cli, exact);
    }

    // ---------------------------------------------------------------------------------------------- the data

    /** Rows of {@link #COLUMNS}: Double, Double, Long, String, String, Double; {@code null} = missing. */
    private static List<Object[]> rows(Random rnd, int n, boolean shifted) {
        List<Object[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Double xNorm = rnd.nextDouble() < 0.02 ? null : round(50 + 10 * rnd.nextGaussian());
            // right-skewed (lognormal); the current window moves it by about 0.6 reference standard deviations
            double shift = shifted ? 1.35 : 1.0;
            double xShift = round(100 * shift * Math.exp(0.4 * rnd.nextGaussian()));
            // integers 0..12 with many ties; mildly skewed towards larger values in the current window
            long nInt = Math.min(12, Math.round(Math.abs(rnd.nextGaussian()) * (shifted ? 3.6 : 3.0)));
            String cat = pick(rnd, CATS, shifted ? CAT_CUR : CAT_REF);
            String segment = pick(rnd, SEGMENTS, SEGMENT_P);
            double score = round(1 / (1 + Math.exp(-(0.05 * ((xNorm == null ? 50 : xNorm) - 50)
                    + 0.5 * rnd.nextGaussian()))));
            out.add(new Object[] {xNorm, xShift, nInt, cat, segment, score});
        }
        return out;
    }

    /** Rounded to 6 decimals: CSV and JSON then carry the same short decimal, which parses to the same double. */
    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static String pick(Random rnd, String[] values, double[] p) {
        double u = rnd.nextDouble();
        double acc = 0;
        for (int i = 0; i < values.length; i++) {
            acc += p[i];
            if (u < acc) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private static Path writeCsv(Path file, List<Object[]> rows) throws Exception {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Object[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                Object v = r[c];
                sb.append(v == null ? "" : v instanceof Double d ? BigDecimal.valueOf(d).toPlainString() : v.toString());
            }
            sb.append('\n');
        }
        Files.writeString(file, sb);
        return file;
    }

    /** A KServe V1 request (object rows, names explicit) and its response (scalar predictions), collector format. */
    private static List<java.util.concurrent.Future<RecordMetadata>> sendPair(KafkaProducer<byte[], byte[]> producer,
            String topic, String id, Instant time, List<Object[]> batch) throws Exception {
        ObjectNode request = JSON.createObjectNode();
        ArrayNode instances = request.putArray("instances");
        ObjectNode response = JSON.createObjectNode();
        ArrayNode predictions = response.putArray("predictions");
        for (Object[] r : batch) {
            ObjectNode row = instances.addObject();
            for (int c = 0; c < COLUMNS.length - 1; c++) { // all but the prediction
                Object v = r[c];
                if (v == null) {
                    row.putNull(COLUMNS[c]);
                } else if (v instanceof Double d) {
                    row.put(COLUMNS[c], d);
                } else if (v instanceof Long l) {
                    row.put(COLUMNS[c], l);
                } else {
                    row.put(COLUMNS[c], (String) v);
                }
            }
            predictions.add((Double) r[COLUMNS.length - 1]);
        }
        return List.of(
                producer.send(event(topic, id, "org.kubeflow.serving.inference.request", time,
                        JSON.writeValueAsBytes(request))),
                producer.send(event(topic, id, "org.kubeflow.serving.inference.response", time.plusMillis(20),
                        JSON.writeValueAsBytes(response))));
    }

    /** An inference event as the collector writes it (CloudEvents binary binding: ce_* headers, key = event id). */
    private static ProducerRecord<byte[], byte[]> event(String topic, String id, String type, Instant time,
                                                        byte[] body) {
        // the collector's headers, plus the attributes every CloudEvent has and the collector passes through
        RecordHeaders h = CollectorRecords.headers(id, MODEL, type, time);
        h.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        h.add("ce_source", "http://localhost:9081/".getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, id.getBytes(StandardCharsets.UTF_8), body, h);
    }

    // ---------------------------------------------------------------------------------------- the stream side

    /** Waits for the window's report with all its rows; keeps the highest revision (and waits briefly for more). */
    private static JsonNode awaitReport(KafkaBroker kafka, String topic, String windowStart, long rows,
                                        Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode best = null;
        long settledAt = Long.MAX_VALUE;
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topic, 1, Duration.ofSeconds(2))) {
                JsonNode n = JSON.readTree(r.value());
                if (!n.path("model").asText().equals(MODEL) || !n.path("window_start").asText().equals(windowStart)) {
                    continue;
                }
                if (best == null || n.get("revision").asInt() > best.get("revision").asInt()) {
                    best = n;
                }
            }
            if (best != null && best.get("rows").asLong() == rows) {
                if (settledAt == Long.MAX_VALUE) {
                    settledAt = System.nanoTime();
                } else if (System.nanoTime() - settledAt > Duration.ofSeconds(3).toNanos()) {
                    return best; // no further revision came
                }
            }
            Thread.sleep(500);
        }
        return fail("no drift report of %s for window %s with %d rows within %s; last seen: %s", MODEL, windowStart,
                rows, timeout, best);
    }

    // ------------------------------------------------------------------------------------------ the CLI side

    private static void run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute(args)).as(String.join(" ", args) + ": " + err).isZero();
    }

    private static String runCapturing(String... args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int rc;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            rc = cl.execute(args);
        } finally {
            System.setOut(stdout);
        }
        assertThat(rc).as(String.join(" ", args) + ": " + err).isZero();
        return captured.toString(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------- the comparison

    /**
     * Hard checks: counts, types and every categorical figure identical (1e-9) across stream, {@code --sketch} and
     * exact mode; each numeric figure of the stream within the spec's sketch tolerance of exact mode, and within
     * twice that of {@code --sketch} (two independent sketch estimates); decisions as constructed. The table marks
     * stream vs {@code --sketch} differences beyond one tolerance ({@code 1x}) without failing on them.
     */
    private static void compare(JsonNode stream, JsonNode cli, JsonNode exact) {
        JsonNode sf = stream.get("features");
        JsonNode cf = cli.get("features");
        JsonNode xf = exact.get("features");
        assertThat(stream.get("status").asText()).isEqualTo("evaluated");
        if (stream.has("reference")) { // compared with the published baseline, not with earlier windows
            assertThat(stream.at("/reference/mode").asText()).isEqualTo("baseline");
        }
        assertThat(fieldNames(sf)).containsExactlyInAnyOrder(COLUMNS);
        assertThat(fieldNames(cf)).containsExactlyInAnyOrder(COLUMNS);
        assertThat(fieldNames(xf)).containsExactlyInAnyOrder(COLUMNS);
        assertThat(sf.get("score").get("role").asText()).isEqualTo("prediction");

        List<String> problems = new ArrayList<>();
        int beyondOne = 0;
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%nstream window %s (revision %d, %d rows) vs driftline drift compare --sketch / exact%n"
                        + "%-8s %-16s %12s %12s %12s %10s %10s %9s  %s%n", stream.get("window_start").asText(),
                stream.get("revision").asInt(), stream.get("rows").asLong(), "feature", "figure", "stream",
                "cli sketch", "cli exact", "str-sketch", "str-exact", "tolerance", "flags"));
        for (String name : COLUMNS) {
            JsonNode s = sf.get(name);
            JsonNode c = cf.get(name);
            JsonNode x = xf.get(name);
            for (String key : new String[] {"type", "feature_type", "n_reference", "n_current", "missing_current",
                "type_mismatches_current"}) {
                if (!s.get(key).equals(c.get(key)) || !s.get(key).equals(x.get(key))) {
                    problems.add(name + "." + key + ": stream " + s.get(key) + ", sketch " + c.get(key) + ", exact "
                            + x.get(key));
                }
            }
            boolean numeric = c.get("type").asText().equals("numeric");
            for (String key : numeric ? NUMERIC_FIGURES : CATEGORICAL_FIGURES) {
                double sv = s.get(key).asDouble();
                double cv = c.get(key).asDouble();
                double xv = x.get(key).asDouble();
                double tol = tolerance(numeric, key, xv);
                double toSketch = sv - cv;
                double toExact = sv - xv;
                String flags = "";
                if (Math.abs(toExact) > tol) {
                    problems.add(String.format(Locale.ROOT, "%s.%s: stream %.6g, exact %.6g: diff %.3g > %.3g",
                            name, key, sv, xv, toExact, tol));
                    flags += " EXACT";
                }
                double pairTol = numeric ? 2 * tolerance(true, key, cv) : tolerance(false, key, cv);
                if (Math.abs(toSketch) > pairTol) {
                    problems.add(String.format(Locale.ROOT, "%s.%s: stream %.6g, --sketch %.6g: diff %.3g > %.3g",
                            name, key, sv, cv, toSketch, pairTol));
                    flags += " SKETCH";
                } else if (Math.abs(toSketch) > tolerance(numeric, key, cv)) {
                    beyondOne++;
                    flags += " 1x";
                }
                table.append(String.format(Locale.ROOT, "%-8s %-16s %12.6f %12.6f %12.6f %10.2e %10.2e %9.2e %s%n",
                        name, key, sv, cv, xv, toSketch, toExact, tol, flags.isEmpty() ? " ok" : flags));
            }
            if (numeric) {
                table.append(String.format(Locale.ROOT, "%-8s %-16s %12.4g %12.4g %12.4g%n", name, "ks_pvalue",
                        s.get("ks_pvalue").asDouble(), c.get("ks_pvalue").asDouble(), x.get("ks_pvalue").asDouble()));
            }
            table.append(String.format(Locale.ROOT, "%-8s %-16s %12s %12s %12s   %s: %s / %s / %s%n", name, "drift",
                    s.get("drift").asBoolean(), c.get("drift").asBoolean(), x.get("drift").asBoolean(),
                    s.get("method").asText(), s.get("status").asText(), c.get("status").asText(),
                    x.get("status").asText()));
            if (SHIFTED.contains(name) || UNSHIFTED.contains(name)) {
                boolean expected = SHIFTED.contains(name);
                if (s.get("drift").asBoolean() != expected || c.get("drift").asBoolean() != expected
                        || x.get("drift").asBoolean() != expected) {
                    problems.add(name + ".drift: expected " + expected + ", stream " + s.get("drift") + ", sketch "
                            + c.get("drift") + ", exact " + x.get("drift"));
                }
            }
        }
        table.append(String.format(Locale.ROOT, "numeric figures where stream and --sketch differ by more than one "
                + "tolerance (not a failure; two independent KLL estimates): %d%n", beyondOne));
        System.out.println(table);
        assertThat(problems).as("stream vs drift compare:" + table).isEmpty();
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The spec's sketch-mode tolerances; categorical figures are exact (up to summation order). */
    private static double tolerance(boolean numeric, String key, double reference) {
        if (!numeric) {
            return 1e-9 * Math.max(1, Math.abs(reference));
        }
        return switch (key) {
            case "ks_statistic" -> 0.03;
            case "wasserstein_norm" -> 0.05;
            default -> Math.max(0.02, 0.10 * Math.abs(reference)); // psi, jensen_shannon, hellinger
        };
    }
}
