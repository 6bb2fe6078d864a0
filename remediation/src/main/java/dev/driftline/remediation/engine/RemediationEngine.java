package dev.driftline.remediation.engine;

import dev.driftline.contracts.alerts.Alert;
import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.contracts.remediation.RemediationCommand;
import dev.driftline.remediation.episode.Advance;
import dev.driftline.remediation.episode.EpisodeDriver;
import dev.driftline.remediation.episode.ModelWorld;
import dev.driftline.remediation.episode.StepContext;
import dev.driftline.remediation.episode.VersionWindow;
import dev.driftline.remediation.policy.ModelPolicy;
import dev.driftline.remediation.policy.RemediationPolicy;
import dev.driftline.remediation.trigger.TriggerEvaluator;
import dev.driftline.remediation.trigger.TriggerState;
import dev.driftline.remediation.world.Notification;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remediation service's logic without Kafka: alerts and evaluated windows feed each model's trigger; a trigger
 * that holds starts one episode (never two for a model, never inside the cooldown or over the daily cap, never
 * while paused); every tick moves each running episode one step; operators' commands approve, reject, cancel,
 * pause and resume. State lives in {@link EngineState}, output goes to the {@link Outbox}, time comes from the
 * injected clock. A step that fails at the outside world is logged, counted and retried on the next tick.
 */
public final class RemediationEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RemediationEngine.class);
    /** Per-version windows kept per model for the guardrail (a few hours of 5-minute windows, two versions). */
    static final int CANARY_WINDOWS_KEPT = 96;

    private final RemediationPolicy policy;
    private final WorldFactory worlds;
    private final Clock clock;
    private final boolean enabled;
    private final RemediationMetrics metrics;
    /** The last reason a trigger did not start, per model: logged only when it changes. */
    private final Map<String, String> lastBlocked = new ConcurrentHashMap<>();
    /** Consecutive failed steps per episode (memory only: a restart gives a stuck step a fresh run of tries). */
    private final Map<String, Integer> errors = new ConcurrentHashMap<>();
    /** Failures that trying again will not cure (the policy's or the world's refusal): the episode fails at once. */
    private final java.util.function.Predicate<Throwable> permanent;
    /** Consecutive failures of one step after which the episode fails (about 5 minutes at the default tick). */
    static final int MAX_CONSECUTIVE_ERRORS = 30;

    /**
     * @param enabled the kill switch: false = watch and log, start nothing and move no episode
     */
    public RemediationEngine(RemediationPolicy policy, WorldFactory worlds, Clock clock,
                             boolean enabled, RemediationMetrics metrics) {
        this(policy, worlds, clock, enabled, metrics, t -> t instanceof dev.driftline.config.UserInputException
                || t instanceof IllegalArgumentException);
    }

    /**
     * @param permanent which step failures fail the episode at once (the rest are retried up to
     *                  {@value #MAX_CONSECUTIVE_ERRORS} times in a row)
     */
    public RemediationEngine(RemediationPolicy policy, WorldFactory worlds, Clock clock, boolean enabled,
                             RemediationMetrics metrics, java.util.function.Predicate<Throwable> permanent) {
        this.permanent = permanent;
        this.policy = policy;
        this.worlds = worlds;
        this.clock = clock;
        this.enabled = enabled;
        this.metrics = metrics;
    }

    public void onAlert(Alert a, EngineState s, Outbox out) {
        ModelPolicy p = policy.forModel(a.model());
        TriggerState t = s.trigger(a.model());
        TriggerEvaluator.onAlert(t, a, p.trigger());
        notify(a.model(), new Notification(a.alertId() + "/" + a.state(), a.model(), a.kind(), a.state(),
                "driftline: " + a.kind() + " alert " + a.state() + " for " + a.model()
                        + (a.feature() == null ? "" : " (" + a.feature() + ")"),
                a.kind() + " alert " + a.state() + " for model " + a.model()
                        + (a.feature() == null ? "" : ", feature " + a.feature()) + ": " + a.metric() + " "
                        + a.value() + " (threshold " + a.threshold() + ")"));
        maybeStart(a.model(), t, s, out);
        s.putTrigger(a.model(), t);
    }

    /** One evaluated window of the model (a drift report, or the model's all-versions model-quality window). */
    public void onWindow(String model, long windowStart, EngineState s, Outbox out) {
        ModelPolicy p = policy.forModel(model);
        TriggerState t = s.trigger(model);
        TriggerEvaluator.onWindow(t, windowStart, p.trigger());
        maybeStart(model, t, s, out);
        s.putTrigger(model, t);
    }

    /** A per-version model-quality window (exists while two or more versions serve): evidence for the guardrail. */
    public void onCanaryWindow(String model, VersionWindow w, EngineState s) {
        List<VersionWindow> kept = new ArrayList<>(s.canaryWindows(model));
        kept.removeIf(k -> k.version().equals(w.version()) && k.windowStart() == w.windowStart());
        kept.add(w);
        kept.sort(Comparator.comparingLong(VersionWindow::windowStart));
        while (kept.size() > CANARY_WINDOWS_KEPT) {
            kept.remove(0);
        }
        s.putCanaryWindows(model, kept);
    }

    public void onCommand(RemediationCommand c, EngineState s, Outbox out) {
        switch (c.action()) {
            case PAUSE, RESUME -> {
                boolean paused = c.action() == RemediationCommand.Action.PAUSE;
                if (c.global()) {
                    s.setGloballyPaused(paused);
                } else {
                    TriggerState t = s.trigger(c.model());
                    t.paused = paused;
                    s.putTrigger(c.model(), t);
                }
                LOG.info("remediation {} for {} by {}", paused ? "paused" : "resumed",
                        c.global() ? "all models" : "model " + c.model(), c.by());
            }
            default -> {
                Optional<Episode> current = s.episode(c.model());
                if (current.isEmpty() || !current.get().id().equals(c.episodeId())) {
                    LOG.warn("{} for episode {} ignored: the current episode of {} is {}", c.action(), c.episodeId(),
                            c.model(), current.map(Episode::id).orElse("none"));
                    return;
                }
                Episode e = current.get();
                if (!enabled) {
                    LOG.warn("{} for episode {} ignored: remediation.enabled=false (the kill switch) holds every "
                            + "episode where it is", c.action(), e.id());
                    return;
                }
                try {
                    StepContext ctx = context(e, s);
                    Advance a = c.action() == RemediationCommand.Action.CANCEL ? EpisodeDriver.cancel(e, ctx, c.by())
                            : EpisodeDriver.decide(e, ctx, c.action() == RemediationCommand.Action.APPROVE, c.by(),
                            c.reason());
                    if (!a.changed()) {
                        LOG.warn("{} for episode {} ignored: it is {}", c.action(), e.id(), e.state());
                    }
                    apply(e, a, s, out);
                } catch (RuntimeException ex) {
                    // an operator's command must not take the service down; the command can be sent again
                    metrics.error(e.model(), e.state());
                    LOG.error("{} of episode {} by {} failed; nothing changed, send it again: {}", c.action(),
                            e.id(), c.by(), ex.toString());
                }
            }
        }
    }

    /** Moves every running episode one step. */
    public void tick(EngineState s, Outbox out) {
        if (!enabled) {
            return;
        }
        for (Episode e : s.runningEpisodes()) {
            try {
                apply(e, EpisodeDriver.advance(e, context(e, s)), s, out);
                errors.remove(e.id());
            } catch (RuntimeException ex) {
                failed(e, s, out, ex);
            }
        }
    }

    /** A step failed at the outside world: retried, or the episode fails with the reason. */
    private void failed(Episode e, EngineState s, Outbox out, RuntimeException ex) {
        metrics.error(e.model(), e.state());
        int n = errors.merge(e.id(), 1, Integer::sum);
        boolean giveUp = permanent.test(ex) || n >= MAX_CONSECUTIVE_ERRORS;
        if (!giveUp) {
            LOG.warn("episode {} ({}): step failed ({} in a row), retrying on the next tick: {}", e.id(), e.state(),
                    n, ex.toString());
            return;
        }
        errors.remove(e.id());
        String reason = e.state() + " failed" + (n > 1 ? " " + n + " times in a row" : "") + ": "
                + (ex.getMessage() == null ? ex.toString() : ex.getMessage());
        try {
            apply(e, EpisodeDriver.fail(e, context(e, s), reason), s, out);
        } catch (RuntimeException again) {
            LOG.error("episode {}: could not end it after {}: {}", e.id(), reason, again.toString());
        }
    }

    private StepContext context(Episode e, EngineState s) {
        return new StepContext(clock.millis(), policy.forModel(e.model()), worlds.forModel(e.model()),
                s.canaryWindows(e.model()), s.baseline(e.model()));
    }

    private void maybeStart(String model, TriggerState t, EngineState s, Outbox out) {
        ModelPolicy p = policy.forModel(model);
        long now = clock.millis();
        boolean running = s.episode(model).map(e -> !e.state().terminal()).orElse(false);
        TriggerEvaluator.Verdict v = TriggerEvaluator.evaluate(t, p.trigger(), now, running,
                s.globallyPaused() || !enabled, p.paused());
        if (!v.start()) {
            if (!v.reason().equals(lastBlocked.put(model, v.reason())) && !"no trigger condition".equals(v.reason())) {
                LOG.info("{}: no episode: {}", model, v.reason());
            }
            return;
        }
        try {
            worlds.forModel(model);
        } catch (RuntimeException ex) {
            // an episode that could not act would retry every tick forever: it does not start, and says why once
            String why = v.reason() + "; the policy cannot be used for this model: " + ex.getMessage();
            if (!why.equals(lastBlocked.put(model, why))) {
                LOG.warn("{}: no episode: {}", model, why);
            }
            return;
        }
        lastBlocked.remove(model);
        Episode e = Episode.triggered(model, now, v.reason(), TriggerEvaluator.openAlertIds(t));
        if (s.episode(model).map(old -> old.id().equals(e.id())).orElse(false)) {
            return; // a second trigger in the same second: the same episode
        }
        TriggerEvaluator.started(t, now);
        EpisodeEvent first = EpisodeDriver.triggeredEvent(e);
        s.putEpisode(e);
        out.episode(e);
        published(e, first, 0, out);
    }

    private void apply(Episode before, Advance a, EngineState s, Outbox out) {
        if (!a.changed()) {
            if (!a.episode().equals(before)) {
                s.putEpisode(a.episode());
                out.episode(a.episode());
            }
            return;
        }
        Episode e = a.episode();
        s.putEpisode(e);
        out.episode(e);
        a.baseline().ifPresent(out::baseline);
        published(e, a.event().get(), before.updatedAt(), out);
        if (e.state().terminal()) {
            TriggerState t = s.trigger(e.model());
            TriggerEvaluator.ended(t, clock.millis());
            s.putTrigger(e.model(), t);
        }
    }

    private void published(Episode e, EpisodeEvent ev, long previousUpdate, Outbox out) {
        out.event(ev);
        metrics.current(e.model(), e.state());
        metrics.transition(ev, previousUpdate);
        LOG.info("episode {}: {} → {}: {}", e.id(), ev.from() == null ? "-" : ev.from(), ev.to(), ev.message());
        notify(e.model(), new Notification(ev.eventId(), e.model(), "remediation", ev.to().name(),
                "driftline: " + e.model() + " episode " + ev.to().name().toLowerCase(java.util.Locale.ROOT),
                "episode " + e.id() + ": " + ev.message()));
    }

    private void notify(String model, Notification n) {
        try {
            ModelWorld w = worlds.forModel(model);
            w.notifier().send(n);
        } catch (RuntimeException ex) {
            LOG.warn("notification {} not sent: {}", n.dedupeKey(), ex.toString());
        }
    }
}
