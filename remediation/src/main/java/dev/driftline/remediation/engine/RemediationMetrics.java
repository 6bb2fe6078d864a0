package dev.driftline.remediation.engine;

import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.contracts.remediation.EpisodeState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The remediation service's meters (tags bounded: model, state, step):
 * <ul>
 * <li>{@code driftline.remediation.episodes{state}}: episodes of this instance's models currently in each state
 *     (a model's latest episode);</li>
 * <li>{@code driftline.remediation.transitions{model,state}}: transitions into each state;</li>
 * <li>{@code driftline.remediation.rollbacks{model}}: rollouts rolled back;</li>
 * <li>{@code driftline.remediation.training.duration{model}}: training time, TRAINING to EVALUATING (seconds);</li>
 * <li>{@code driftline.remediation.errors{model,state}}: steps that failed at the outside world and will be
 *     retried.</li>
 * </ul>
 */
public final class RemediationMetrics {
    public static final String EPISODES = "driftline.remediation.episodes";
    public static final String TRANSITIONS = "driftline.remediation.transitions";
    public static final String ROLLBACKS = "driftline.remediation.rollbacks";
    public static final String TRAINING_DURATION = "driftline.remediation.training.duration";
    public static final String ERRORS = "driftline.remediation.errors";

    private final MeterRegistry registry;
    private final Map<EpisodeState, AtomicInteger> byState = new EnumMap<>(EpisodeState.class);
    private final Map<String, EpisodeState> latest = new ConcurrentHashMap<>();

    public RemediationMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (EpisodeState s : EpisodeState.values()) {
            AtomicInteger n = new AtomicInteger();
            byState.put(s, n);
            Gauge.builder(EPISODES, n, AtomicInteger::get).tag("state", name(s))
                    .description("Latest episodes of this instance's models, by state").register(registry);
        }
    }

    /** The model's latest episode is in {@code state} now. */
    public synchronized void current(String model, EpisodeState state) {
        EpisodeState before = latest.put(model, state);
        if (before != null) {
            byState.get(before).decrementAndGet();
        }
        byState.get(state).incrementAndGet();
    }

    public void transition(EpisodeEvent event, long trainingStartedAt) {
        // registered at 0 with the model's first transition: rate() and increase() have a series before a rollback
        Counter rollbacks = Counter.builder(ROLLBACKS).tag("model", event.model()).description("Rollouts rolled back")
                .register(registry);
        Counter.builder(TRANSITIONS).tag("model", event.model()).tag("state", name(event.to()))
                .description("Episode transitions into each state").register(registry).increment();
        if (event.to() == EpisodeState.ROLLED_BACK) {
            rollbacks.increment();
        }
        if (event.to() == EpisodeState.EVALUATING && trainingStartedAt > 0) {
            Timer.builder(TRAINING_DURATION).tag("model", event.model()).description("Training time")
                    .register(registry).record(Duration.ofMillis(Math.max(0, event.at() - trainingStartedAt)));
        }
    }

    public void error(String model, EpisodeState state) {
        Counter.builder(ERRORS).tag("model", model).tag("state", name(state))
                .description("Episode steps that failed at the outside world (retried)").register(registry)
                .increment();
    }

    private static String name(EpisodeState s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
