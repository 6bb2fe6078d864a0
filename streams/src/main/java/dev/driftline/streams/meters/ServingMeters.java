package dev.driftline.streams.meters;

import dev.driftline.streams.pairing.PairingListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Serving health from the inference logger's own traffic, as SageMaker shows it for an endpoint (Prometheus names
 * in brackets; the model tag is the InferenceService name, as everywhere):
 * <ul>
 *   <li>{@code driftline.serving.requests} {model} ({@code driftline_serving_requests_total}, ≈ Invocations): one
 *   per inference the pairing stage emits — a paired request/response, or either side alone after the wait;</li>
 *   <li>{@code driftline.serving.errors} {model, kind} ({@code driftline_serving_errors_total}, ≈
 *   Invocation4XXErrors / Invocation5XXErrors): error responses, kind {@code 4xx} or {@code 5xx} from a status
 *   code the sender carried in {@code ce_statuscode}, else a V2 error body ({@code {"error": "..."}}) counts as
 *   {@code 4xx}. KServe's logger sends a response event only for HTTP 200 answers and carries no status, so with it
 *   only V2 error bodies are seen; failed answers show up as {@code driftline.serving.unanswered} instead;</li>
 *   <li>{@code driftline.serving.unanswered} {model} ({@code driftline_serving_unanswered_total}): requests whose
 *   response never came within the pairing wait (a non-200 answer, or a lost event);</li>
 *   <li>{@code driftline.serving.latency} {model} (timer with a percentile histogram,
 *   {@code driftline_serving_latency_seconds_bucket}, ≈ ModelLatency): response CloudEvent time minus request
 *   CloudEvent time; pairs with a negative difference are skipped.</li>
 * </ul>
 * Both error kinds are registered (at 0) with a model's first inference so that rate queries have a series.
 * Meters are cached per model: the per-record cost is a map look-up and an increment.
 */
public final class ServingMeters implements PairingListener {
    public static final String REQUESTS = "driftline.serving.requests";
    public static final String ERRORS = "driftline.serving.errors";
    public static final String UNANSWERED = "driftline.serving.unanswered";
    public static final String LATENCY = "driftline.serving.latency";
    static final String UNKNOWN_MODEL = "_none";
    private static final Duration[] SLOS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final Map<String, ModelMeters> byModel = new ConcurrentHashMap<>();

    public ServingMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onResponse(String model, byte[] body, int statusCode) {
        String kind = errorKind(body, statusCode);
        if (kind != null) {
            ModelMeters m = meters(model);
            (kind.equals("5xx") ? m.errors5xx : m.errors4xx).increment();
        }
    }

    @Override
    public void onInference(String model, boolean hasRequest, boolean answered, long latencyMs) {
        ModelMeters m = meters(model);
        m.requests.increment();
        if (hasRequest && !answered) {
            m.unanswered.increment();
        }
        if (latencyMs >= 0) {
            m.latency.record(latencyMs, TimeUnit.MILLISECONDS);
        }
    }

    /** {@code 4xx}, {@code 5xx} or null (not an error) for a response's status code (-1: none) and body. */
    static String errorKind(byte[] body, int statusCode) {
        if (statusCode >= 500 && statusCode < 600) {
            return "5xx";
        }
        if (statusCode >= 400 && statusCode < 500) {
            return "4xx";
        }
        if (statusCode >= 0) {
            return null; // a carried 1xx-3xx status is not an error, whatever the body
        }
        return isV2ErrorBody(body) ? "4xx" : null;
    }

    /**
     * Whether a body is a V2 error ({@code {"error": "..."}}): its first key is {@code error}. Reads a few bytes,
     * never parses the body (the normaliser does that).
     */
    static boolean isV2ErrorBody(byte[] body) {
        if (body == null) {
            return false;
        }
        int i = skipSpace(body, 0);
        if (i >= body.length || body[i] != '{') {
            return false;
        }
        i = skipSpace(body, i + 1);
        byte[] key = "\"error\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (i + key.length > body.length) {
            return false;
        }
        for (int k = 0; k < key.length; k++) {
            if (body[i + k] != key[k]) {
                return false;
            }
        }
        i = skipSpace(body, i + key.length);
        return i < body.length && body[i] == ':';
    }

    private static int skipSpace(byte[] b, int i) {
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
        return i;
    }

    private ModelMeters meters(String model) {
        return byModel.computeIfAbsent(model == null || model.isBlank() ? UNKNOWN_MODEL : model, this::create);
    }

    private ModelMeters create(String model) {
        return new ModelMeters(
                Counter.builder(REQUESTS).tag("model", model).description("Inferences seen in the logger's traffic")
                        .register(registry),
                error(model, "4xx"), error(model, "5xx"),
                Counter.builder(UNANSWERED).tag("model", model)
                        .description("Requests whose response never came within the pairing wait")
                        .register(registry),
                Timer.builder(LATENCY).tag("model", model)
                        .description("Response CloudEvent time minus request CloudEvent time")
                        .publishPercentileHistogram().serviceLevelObjectives(SLOS)
                        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                        .register(registry));
    }

    private Counter error(String model, String kind) {
        return Counter.builder(ERRORS).tag("model", model).tag("kind", kind)
                .description("Error responses in the logger's traffic, by kind (4xx, 5xx)").register(registry);
    }

    private record ModelMeters(Counter requests, Counter errors4xx, Counter errors5xx, Counter unanswered,
                               Timer latency) {
    }
}
