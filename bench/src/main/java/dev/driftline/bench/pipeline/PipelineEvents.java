package dev.driftline.bench.pipeline;

import dev.driftline.bench.ingest.KServeEvents;
import dev.driftline.collector.EventRecords;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineBuilder;
import dev.driftline.drift.io.Table;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The inference traffic of {@code driftline bench pipeline}: KServe request/response pairs of one model, each
 * request a batch of {@code batch} rows × {@code features} numeric features, each response one prediction per row
 * (the baseline's prediction column {@value #PREDICTION}, a logistic score of the row), as Kafka records in the
 * collector's exact format (CloudEvents binary mode: key = event id, {@code ce_*} headers, {@code content-type}).
 * In V2 (the default) the request is one {@code [batch, features]} FP64 tensor and the response one {@code [batch]}
 * FP64 tensor with a {@code model_version}; in V1 (what KServe's sklearn, xgboost and lightgbm servers speak by
 * default) the request is {@code {"instances": [[…], …]}} and the response {@code {"predictions": […]}}. Either way
 * the positional values are named by the baseline's columns {@code f00…}, and the same seed gives the same values.
 *
 * <p>Feature {@code j} is normal with mean {@link #mean(int)} and standard deviation {@link #std(int)}; a shifted
 * feature is moved up by {@value #SHIFT_STDS} standard deviations. The reference table for the baseline is drawn
 * from the same distribution (unshifted). Seeded: the same seed gives the same bytes.
 */
public final class PipelineEvents {
    public static final String REQUEST = KServeEvents.REQUEST;
    public static final String RESPONSE = KServeEvents.RESPONSE;
    public static final String PREDICTION = "score";
    /** The shift schedule's period in windows: a shifted feature drifts in 2 windows of every 5. */
    public static final int SHIFT_PERIOD = 5;
    public static final double SHIFT_STDS = 1.5;
    /** Response event time after its request. */
    public static final long RESPONSE_DELAY_MS = 5;

    /** The KServe protocol of the bodies. */
    public enum Protocol {
        V1, V2;

        /** {@code v1} or {@code v2}, any case. */
        public static Protocol parse(String text) {
            for (Protocol p : values()) {
                if (p.name().equalsIgnoreCase(text)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not a KServe protocol: v1 or v2");
        }
    }

    private final String model;
    private final Protocol protocol;
    private final int features;
    private final int batch;
    private final SplittableRandom random;
    private final double[] weights;

    /** One inference: its id, event time and the two bodies. */
    public record Inference(String id, Instant time, byte[] request, byte[] response) {
    }

    public PipelineEvents(String model, int features, int batch, long seed) {
        this(model, Protocol.V2, features, batch, seed);
    }

    public PipelineEvents(String model, Protocol protocol, int features, int batch, long seed) {
        if (features < 1 || batch < 1) {
            throw new IllegalArgumentException("features and batch must be >= 1");
        }
        this.model = model;
        this.protocol = protocol;
        this.features = features;
        this.batch = batch;
        this.random = new SplittableRandom(seed);
        this.weights = new double[features];
        for (int j = 0; j < features; j++) {
            weights[j] = ((j & 1) == 0 ? 1.0 : -0.5) / Math.sqrt(features);
        }
    }

    public String model() {
        return model;
    }

    public int features() {
        return features;
    }

    public int batch() {
        return batch;
    }

    public Protocol protocol() {
        return protocol;
    }

    public static String featureName(int j) {
        return String.format(java.util.Locale.ROOT, "f%02d", j);
    }

    public List<String> featureNames() {
        List<String> names = new ArrayList<>(features);
        for (int j = 0; j < features; j++) {
            names.add(featureName(j));
        }
        return names;
    }

    public static double mean(int j) {
        return 10.0 * (j % 7) - 20.0;
    }

    public static double std(int j) {
        return 0.5 + (j % 4);
    }

    /**
     * Which features are shifted in the window with this index (window start / window length): feature
     * {@code j < SHIFT_PERIOD} drifts in windows {@code w} with {@code (w - j) mod 5} in {0, 1}, i.e. bad, bad,
     * clean, clean, clean. With a K-of-M = 2-of-3 open rule and resolve after 3 clean windows, feature {@code j}'s
     * alert opens in its second bad window and resolves in its third clean one, and as the five features are
     * staggered by one window every window opens one alert and resolves another once the run is under way.
     */
    public static boolean[] shiftSchedule(long windowIndex, int features) {
        boolean[] shifted = new boolean[features];
        for (int j = 0; j < Math.min(SHIFT_PERIOD, features); j++) {
            long phase = Math.floorMod(windowIndex - j, SHIFT_PERIOD);
            shifted[j] = phase == 0 || phase == 1;
        }
        return shifted;
    }

    /** The next inference at {@code time}; {@code shifted} (may be null) marks features moved up. */
    public Inference next(String id, Instant time, boolean[] shifted) {
        boolean v1 = protocol == Protocol.V1;
        StringBuilder req = new StringBuilder(96 + batch * features * 9);
        StringBuilder resp = new StringBuilder(160 + batch * 8);
        if (v1) {
            req.append("{\"instances\":[");
            resp.append("{\"predictions\":[");
        } else {
            req.append("{\"id\":\"").append(id).append("\",\"inputs\":[{\"name\":\"input-0\",\"shape\":[")
                    .append(batch).append(',').append(features).append("],\"datatype\":\"FP64\",\"data\":[");
            resp.append("{\"model_name\":\"").append(model).append("\",\"model_version\":\"v1\",\"id\":\"")
                    .append(id).append("\",\"outputs\":[{\"name\":\"output-0\",\"shape\":[").append(batch)
                    .append("],\"datatype\":\"FP64\",\"data\":[");
        }
        double[] row = new double[features];
        for (int r = 0; r < batch; r++) {
            double score = draw(row, shifted);
            if (v1) {
                req.append(r > 0 ? ",[" : "[");
            }
            for (int j = 0; j < features; j++) {
                if (j > 0 || (r > 0 && !v1)) {
                    req.append(',');
                }
                req.append(round(row[j], 1e4));
            }
            if (v1) {
                req.append(']');
            }
            if (r > 0) {
                resp.append(',');
            }
            resp.append(round(score, 1e5));
        }
        req.append(v1 ? "]}" : "]}]}");
        resp.append(v1 ? "]}" : "]}]}");
        return new Inference(id, time, req.toString().getBytes(StandardCharsets.UTF_8),
                resp.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Fills {@code row} and returns the model's score for it. */
    private double draw(double[] row, boolean[] shifted) {
        double z = 0;
        for (int j = 0; j < features; j++) {
            double g = random.nextGaussian();
            if (shifted != null && shifted[j]) {
                g += SHIFT_STDS;
            }
            row[j] = mean(j) + std(j) * g;
            z += weights[j] * g;
        }
        return 1.0 / (1.0 + Math.exp(-z));
    }

    private static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }

    /** The request and response records of an inference, in the collector's format. */
    public List<ProducerRecord<byte[], byte[]>> records(String topic, Inference inf) {
        return List.of(record(topic, model, inf.id(), REQUEST, inf.time(), inf.request()),
                record(topic, model, inf.id(), RESPONSE, inf.time().plusMillis(RESPONSE_DELAY_MS), inf.response()));
    }

    /** One event as the collector writes it (CloudEvents Kafka binding, binary mode). */
    public static ProducerRecord<byte[], byte[]> record(String topic, String model, String id, String type,
                                                        Instant time, byte[] body) {
        return EventRecords.toRecord(topic, KServeEvents.cloudEvent(id, type, "http://bench-predictor.default/",
                time.toString(), model, body));
    }

    /** A training table of the same (unshifted) distribution: the features and the prediction column. */
    public Table referenceTable(int rows, long seed) {
        PipelineEvents gen = new PipelineEvents(model, features, 1, seed);
        List<String> columns = new ArrayList<>(featureNames());
        columns.add(PREDICTION);
        List<Object[]> cells = new ArrayList<>(rows);
        List<Long> lines = new ArrayList<>(rows);
        double[] row = new double[features];
        for (int i = 0; i < rows; i++) {
            double score = gen.draw(row, null);
            Object[] c = new Object[features + 1];
            for (int j = 0; j < features; j++) {
                c[j] = round(row[j], 1e4);
            }
            c[features] = round(score, 1e5);
            cells.add(c);
            lines.add((long) i + 2);
        }
        return new Table("bench reference (generated)", columns, cells, lines);
    }

    /** The model's baseline, built by the drift core from {@link #referenceTable}. */
    public Baseline baseline(int rows, long seed, Clock clock) {
        return new BaselineBuilder(clock).build(referenceTable(rows, seed), model, Optional.of(featureNames()),
                Optional.empty(), Optional.of(PREDICTION), Map.of());
    }
}
