package dev.driftline.remediation.service;

import dev.driftline.contracts.alerts.Alert;
import dev.driftline.contracts.drift.DriftReport;
import dev.driftline.contracts.modelquality.ModelQualityWindow;
import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.contracts.remediation.RemediationCommand;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.remediation.engine.Outbox;
import dev.driftline.remediation.engine.RemediationEngine;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The remediation service's one processor: alerts, drift reports, model-quality windows and operators' commands of
 * the models of this task's partition go to the {@link RemediationEngine}; a wall-clock punctuation moves the
 * running episodes. What the engine publishes is forwarded, typed, to {@link RemediationTopology}'s sinks, in the
 * task's exactly-once transaction together with the store changes.
 */
final class RemediationProcessor implements Processor<String, Object, String, Object> {
    private final RemediationEngine engine;
    private final Duration tick;
    private ProcessorContext<String, Object> context;
    private StoreEngineState state;
    private Outbox outbox;

    RemediationProcessor(RemediationEngine engine, Duration tick) {
        this.engine = engine;
        this.tick = tick;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        state = new StoreEngineState(context.getStateStore(RemediationTopology.EPISODES_STORE),
                context.getStateStore(RemediationTopology.TRIGGERS_STORE),
                context.getStateStore(RemediationTopology.CANARY_STORE),
                context.getStateStore(RemediationTopology.FLAGS_STORE),
                context.getStateStore(RemediationTopology.BASELINES_STORE));
        outbox = new Outbox() {
            @Override
            public void episode(Episode e) {
                forward(e.model(), new RemediationOutput(e), e.updatedAt());
            }

            @Override
            public void event(EpisodeEvent e) {
                forward(e.model(), new RemediationOutput(e), e.at());
            }

            @Override
            public void baseline(Baseline b) {
                forward(b.model(), new RemediationOutput(b), b.createdAt().toEpochMilli());
            }
        };
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, ts -> engine.tick(state, outbox));
    }

    private void forward(String key, RemediationOutput value, long timestamp) {
        context.forward(new Record<>(key, value, timestamp));
    }

    @Override
    public void process(Record<String, Object> record) {
        Object v = record.value();
        if (v instanceof Alert a) {
            engine.onAlert(a, state, outbox);
        } else if (v instanceof DriftReport d) {
            engine.onWindow(d.model(), d.windowStart(), state, outbox);
        } else if (v instanceof ModelQualityWindow w) {
            QualityWindows.feed(w, engine, state, outbox);
        } else if (v instanceof RemediationCommand c) {
            engine.onCommand(c, state, outbox);
        }
    }
}
