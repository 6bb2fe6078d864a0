package dev.driftline.bench.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.contracts.inference.InferenceRecordCodec;
import dev.driftline.drift.model.InferenceRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The normalised rows of {@code driftline bench sink}, each as an InferenceRecordCodec v1 value (one JSON value per
 * row, as the pipeline wrote {@code inference.records} before v2), key = inference id; {@link SinkTopicRecords}
 * groups a request's rows into one v2 value ({@code InferenceRowsCodec}) as the pipeline writes them now. Three
 * models (a fraud classifier with a canary version on a tenth of its requests, a churn classifier, a price regressor
 * without a version), requests of 1–4 rows sharing an id, version and event time, 20 features
 * ({@link #NUMERIC} numbers — integers, money rounded to cents, full-precision scores — with a few nulls, and
 * {@link #CATEGORICAL} skewed categories), about one row in ten labelled. Event times rise evenly from
 * {@code start} over {@code span}, so each partition sees them in order (as the pipeline's output does); the
 * record timestamp is the event time plus a 50–500 ms processing lag. Seeded: the same seed, count, start and span
 * give the same bytes.
 */
public final class SinkRecords {
    public static final List<String> MODELS = List.of("fraud-detector", "churn-classifier", "price-regressor");
    public static final List<String> NUMERIC = List.of("amount", "balance", "age", "tenure_months", "txn_count_24h",
            "avg_txn_amount", "credit_score", "income", "debt_ratio", "days_since_login", "session_seconds",
            "pages_viewed", "cart_value", "discount_pct", "distance_km", "risk_score");
    public static final List<String> CATEGORICAL = List.of("country", "device", "channel", "plan");
    private static final String[] COUNTRIES = {"US", "GB", "DE", "FR", "NO", "SE", "ES", "IT", "NL", "PL", "BR", "IN"};
    private static final double[] COUNTRY_WEIGHTS = {30, 12, 10, 8, 3, 3, 6, 6, 4, 4, 7, 7};
    private static final String[] DEVICES = {"ios", "android", "web"};
    private static final String[] CHANNELS = {"organic", "paid", "referral", "email"};
    private static final String[] PLANS = {"free", "basic", "pro", "enterprise"};

    /**
     * One row as a v1 Kafka record: key, value, record timestamp (epoch ms), the event time in the value, and the
     * row itself ({@link SinkTopicRecords} groups a request's rows into one v2 value).
     */
    public record Generated(byte[] key, byte[] value, long timestamp, Instant eventTime, InferenceRecord record) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final SplittableRandom random;
    private final long total;
    private final long startMillis;
    private final long spanMillis;
    private long index;
    private String id;
    private int model;
    private int rows;
    private int row;
    private Instant time;
    private long lag;
    private boolean canary;

    public SinkRecords(long seed, long total, Instant start, Duration span) {
        if (total < 1 || span.isNegative()) {
            throw new IllegalArgumentException("total >= 1 and a non-negative span");
        }
        this.random = new SplittableRandom(seed);
        this.total = total;
        this.startMillis = start.toEpochMilli();
        this.spanMillis = span.toMillis();
    }

    /** Whether {@link #next} has records left. */
    public boolean hasNext() {
        return index < total;
    }

    /** The next record. */
    public Generated next() {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException("all " + total + " records generated");
        }
        if (row == rows) {
            startRequest();
        }
        InferenceRecord r = record();
        row++;
        index++;
        return new Generated(id.getBytes(StandardCharsets.UTF_8), InferenceRecordCodec.toBytes(r, mapper),
                time.toEpochMilli() + lag, time, r);
    }

    private void startRequest() {
        UUID u = new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
        id = u.toString();
        double m = random.nextDouble();
        model = m < 0.5 ? 0 : m < 0.8 ? 1 : 2;
        rows = 1 + (random.nextDouble() < 0.6 ? 0 : random.nextInt(4));
        row = 0;
        time = Instant.ofEpochMilli(startMillis + (long) ((double) spanMillis * index / total));
        lag = 50 + random.nextInt(451);
        // one version per request, as an endpoint serves a request with one model version (a canary's share)
        canary = random.nextDouble() < 0.1;
    }

    private InferenceRecord record() {
        Map<String, Object> f = new LinkedHashMap<>();
        double amount = cents(Math.exp(3.5 + 1.2 * random.nextGaussian()));
        f.put("amount", amount);
        f.put("balance", cents(Math.max(0, 2500 + 4000 * random.nextGaussian())));
        f.put("age", clamp(Math.round(41 + 13 * random.nextGaussian()), 18, 95));
        f.put("tenure_months", (long) random.nextInt(121));
        f.put("txn_count_24h", (long) Math.floor(-Math.log(1 - random.nextDouble()) * 3));
        f.put("avg_txn_amount", cents(amount * (0.5 + random.nextDouble())));
        f.put("credit_score", random.nextDouble() < 0.03 ? null
                : clamp(Math.round(680 + 60 * random.nextGaussian()), 300, 850));
        f.put("income", random.nextDouble() < 0.05 ? null : cents(Math.exp(10.8 + 0.5 * random.nextGaussian())));
        f.put("debt_ratio", random.nextDouble() * random.nextDouble());
        f.put("days_since_login", (long) Math.floor(-Math.log(1 - random.nextDouble()) * 9));
        f.put("session_seconds", Math.round(Math.exp(5 + random.nextGaussian()) * 10) / 10.0);
        f.put("pages_viewed", (long) (1 + random.nextInt(40)));
        f.put("cart_value", random.nextDouble() < 0.4 ? 0.0 : cents(Math.exp(4 + random.nextGaussian())));
        f.put("discount_pct", (double) (5 * random.nextInt(7)));
        f.put("distance_km", Math.round(Math.exp(2 + 1.5 * random.nextGaussian()) * 100) / 100.0);
        double risk = 1 / (1 + Math.exp(-(random.nextGaussian() * 1.5 - 2.5 + amount / 500)));
        f.put("risk_score", risk);
        f.put("country", COUNTRIES[weighted(COUNTRY_WEIGHTS)]);
        f.put("device", DEVICES[random.nextInt(DEVICES.length)]);
        f.put("channel", CHANNELS[random.nextDouble() < 0.5 ? 0 : 1 + random.nextInt(3)]);
        f.put("plan", random.nextDouble() < 0.02 ? null : PLANS[random.nextDouble() < 0.55 ? 0 : 1 + random.nextInt(3)]);
        Map<String, Object> p = new LinkedHashMap<>();
        Object label = null;
        boolean labelled = random.nextDouble() < 0.1;
        String version;
        switch (model) {
            case 0 -> {
                version = canary ? "v8" : "v7";
                double prob = Math.min(1, Math.max(0, risk + 0.05 * random.nextGaussian()));
                p.put("probability", prob);
                p.put("is_fraud", prob > 0.5 ? 1L : 0L);
                label = labelled ? (random.nextDouble() < prob ? 1L : 0L) : null;
            }
            case 1 -> {
                version = "2024.11";
                double prob = random.nextDouble();
                p.put("class", prob > 0.7 ? "churn" : "stay");
                p.put("probability", prob);
                label = labelled ? (random.nextDouble() < 0.2 ? "churn" : "stay") : null;
            }
            default -> {
                version = "";
                double price = cents(Math.exp(4.5 + 0.8 * random.nextGaussian()));
                p.put("price", price);
                label = labelled ? cents(price * (0.8 + 0.4 * random.nextDouble())) : null;
            }
        }
        return new InferenceRecord(MODELS.get(model), version, id, row, time, f, p, label);
    }

    private int weighted(double[] weights) {
        double sum = Arrays.stream(weights).sum();
        double x = random.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static double cents(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /**
     * A record's value as one line of the JSON-lines file DuckDB loads: the value's object with
     * {@code kafka_partition}, {@code kafka_offset} and {@code kafka_timestamp} (epoch ms) appended, no newline.
     */
    public static byte[] jsonLine(byte[] value, int partition, long offset, long timestamp) {
        int end = value.length - 1;
        while (end >= 0 && Character.isWhitespace(value[end])) {
            end--;
        }
        if (end < 1 || value[end] != '}') {
            throw new IllegalArgumentException("not a JSON object");
        }
        byte[] tail = (",\"kafka_partition\":" + partition + ",\"kafka_offset\":" + offset + ",\"kafka_timestamp\":"
                + timestamp + "}").getBytes(StandardCharsets.US_ASCII);
        byte[] line = Arrays.copyOf(value, end + tail.length);
        System.arraycopy(tail, 0, line, end, tail.length);
        return line;
    }
}
