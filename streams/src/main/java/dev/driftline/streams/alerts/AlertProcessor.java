package dev.driftline.streams.alerts;

import dev.driftline.contracts.alerts.Alert;
import dev.driftline.contracts.drift.DriftReport;
import dev.driftline.contracts.modelquality.ModelQualityWindow;
import dev.driftline.streams.alerts.AlertState.Change;
import dev.driftline.streams.alerts.AlertState.Transition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns drift reports or model-quality windows (one instance per input, both sharing the store) into alerts: key
 * model, value {@link Alert}, timestamp = that of the input (its window start).
 *
 * <p>The changelogged store {@value #STORE} holds one {@link AlertState} per {@code model|kind|feature} (feature empty
 * for model quality). Each verdict is applied to its state while its input record is processed, so under
 * {@code exactly_once_v2} the state, the alerts and the input offset commit together: an alert is emitted once when
 * it opens and once when it resolves, never in between. A drift report that is not {@code evaluated}
 * ({@code no_baseline}) carries no verdicts and is ignored; an unreadable value never gets here (it is a dead
 * letter of the deserialization handler).
 */
final class AlertProcessor<V> implements Processor<String, V, String, Alert> {
    public static final String STORE = "alert-state";

    /** Which topic this instance reads. */
    enum Input { DRIFT, MODEL_QUALITY }

    private final Input input;
    private final AlertConfig config;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, byte[]> store;

    private AlertProcessor(Input input, AlertConfig config) {
        this.input = Objects.requireNonNull(input, "input");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The instance that reads drift reports. */
    static AlertProcessor<DriftReport> ofDriftReports(AlertConfig config) {
        return new AlertProcessor<>(Input.DRIFT, config);
    }

    /** The instance that reads model-quality windows. */
    static AlertProcessor<ModelQualityWindow> ofModelQuality(AlertConfig config) {
        return new AlertProcessor<>(Input.MODEL_QUALITY, config);
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, V> r) {
        if (r.key() == null || r.value() == null) {
            return;
        }
        if (r.value() instanceof ModelQualityWindow q && !q.allVersions()) {
            return; // one version's window (a rollout's canary): the rollout's guardrail judges it, not the alerts
        }
        List<Verdict> verdicts = input == Input.DRIFT ? fromDriftReport(r.key(), (DriftReport) r.value())
                : List.of(AlertInputs.modelQuality((ModelQualityWindow) r.value()));
        for (Verdict v : verdicts) {
            apply(r, v);
        }
    }

    private List<Verdict> fromDriftReport(String model, DriftReport report) {
        if (!report.evaluated()) {
            return List.of();
        }
        List<Verdict> out = new ArrayList<>(AlertInputs.driftVerdicts(report));
        // columns with data-quality state that this report does not list (e.g. an extra column that went away) are
        // clean in it too: the checks ran on the whole window
        List<String> known = new ArrayList<>();
        String prefix = stateKey(model, AlertKind.DATA_QUALITY, "");
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix, new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                known.add(kv.key.substring(prefix.length()));
            }
        }
        out.addAll(AlertInputs.qualityVerdicts(report, known));
        // a column with an open drift alert that a report judged against a baseline made after the alert opened
        // does not compare any more (the new baseline has no such column): clean, so the alert can resolve; a column
        // merely absent from one window's traffic is not (its alert waits for data)
        Long baselineCreated = report.baselineCreatedAt();
        if (baselineCreated != null) {
            for (AlertKind kind : List.of(AlertKind.DATA_DRIFT, AlertKind.PREDICTION_DRIFT)) {
                openAlerts(model, kind).forEach((feature, open) -> {
                    if (!report.features().containsKey(feature) && baselineCreated > open.openedAtMs()) {
                        out.add(AlertInputs.notCompared(report, kind, feature));
                    }
                });
            }
        }
        return out;
    }

    /** Columns of {@code model} with an open alert of {@code kind}, and that alert. */
    private Map<String, AlertState.Open> openAlerts(String model, AlertKind kind) {
        Map<String, AlertState.Open> open = new LinkedHashMap<>();
        String prefix = stateKey(model, kind, "");
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix, new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                AlertState.Open o = AlertStateCodec.fromBytes(kv.value).open();
                if (o != null) {
                    open.put(kv.key.substring(prefix.length()), o);
                }
            }
        }
        return open;
    }

    private void apply(Record<String, V> r, Verdict v) {
        String model = r.key();
        String key = stateKey(model, v.kind(), v.feature());
        byte[] old = store.get(key);
        AlertState state = old == null ? new AlertState() : AlertStateCodec.fromBytes(old);
        AlertState.Open wasOpen = state.open();
        Change c = state.apply(v, config.badNeededFor(v.kind()), config.windowsFor(v.kind()), config.resolveAfter());
        if (c.transition() == Transition.IGNORED) {
            return;
        }
        if (c.transition() == Transition.OPENED) {
            AlertState.Open open = new AlertState.Open(
                    AlertRecords.alertId(model, v.kind(), v.feature(), v.windowStart()), AlertRecords.severity(v),
                    v.windowStart(), v.windowEnd(), v.metric());
            state.opened(open);
            context.forward(r.withValue(AlertRecords.opened(model, v, open, c)));
        } else if (c.transition() == Transition.RESOLVED) {
            context.forward(r.withValue(AlertRecords.resolved(model, v, wasOpen, c)));
        }
        store.put(key, AlertStateCodec.toBytes(state));
    }

    /** {@code model|kind|feature}; feature empty for model quality. */
    static String stateKey(String model, AlertKind kind, String feature) {
        return model + '|' + kind.id() + '|' + (feature == null ? "" : feature);
    }
}
