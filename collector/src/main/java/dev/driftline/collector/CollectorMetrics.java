package dev.driftline.collector;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The collector's own meters. Tags are bounded: event type is one of three values, the reason one of
 * {@link Rejection.Reason}, and model names are capped (beyond the cap they count as {@code _other}) because the
 * model tag comes from a request header that anyone can set.
 */
public final class CollectorMetrics {
    public static final String OTHER_MODEL = "_other";
    public static final String NO_MODEL = "_none";

    private final MeterRegistry registry;
    private final int maxModels;
    private final Set<String> models = ConcurrentHashMap.newKeySet();
    private final Map<String, Counter> eventCounters = new ConcurrentHashMap<>();
    private final Counter receivedBytes;
    private final Timer produceLatency;

    public CollectorMetrics(MeterRegistry registry, int maxModels, AtomicLong inFlightBytes) {
        this.registry = registry;
        this.maxModels = maxModels;
        this.receivedBytes = Counter.builder("driftline.collector.received").baseUnit("bytes")
                .description("Request body bytes received on event endpoints (after decompression)")
                .register(registry);
        this.produceLatency = Timer.builder("driftline.collector.produce.latency")
                .description("Time from a request's last body byte to Kafka's acknowledgement of all its events")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(1)).register(registry);
        Gauge.builder("driftline.collector.inflight", inFlightBytes, AtomicLong::get).baseUnit("bytes")
                .description("Body bytes being read or awaiting Kafka's ack").register(registry);
    }

    /** Counts one event by type, model and outcome (accepted, unavailable). */
    public void event(CloudEvent e, String outcome) {
        String type = typeTag(e.type());
        String model = modelTag(e.model());
        // Cached: building and registering a meter id per event showed up in profiles.
        eventCounters.computeIfAbsent(type + '\u0000' + model + '\u0000' + outcome, k -> Counter
                .builder("driftline.collector.events").description("CloudEvents received, by type, model and outcome")
                .tag("type", type).tag("model", model).tag("outcome", outcome).register(registry)).increment();
    }

    public void rejection(Rejection.Reason reason) {
        Counter.builder("driftline.collector.rejections").description("Requests refused, by reason")
                .tag("reason", reason.tag()).register(registry).increment();
    }

    public void bytes(long n) {
        receivedBytes.increment(n);
    }

    public void produced(long nanos) {
        produceLatency.record(Duration.ofNanos(nanos));
    }

    static String typeTag(String type) {
        if (CollectorSettings.TYPE_REQUEST.equals(type)) {
            return "request";
        }
        return CollectorSettings.TYPE_RESPONSE.equals(type) ? "response" : "other";
    }

    String modelTag(String model) {
        if (model == null || model.isBlank()) {
            return NO_MODEL;
        }
        if (models.contains(model)) {
            return model;
        }
        synchronized (models) { // check-then-add must be atomic, or concurrent requests overshoot the cap
            if (models.size() < maxModels) {
                models.add(model);
                return model;
            }
        }
        return models.contains(model) ? model : OTHER_MODEL;
    }
}
