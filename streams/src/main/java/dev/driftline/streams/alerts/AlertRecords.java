package dev.driftline.streams.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.alerts.Alert;
import dev.driftline.contracts.alerts.AlertDetails;

/**
 * The {@link Alert} records the alert stage writes: one when an alert opens and one when it resolves (the format is
 * {@code AlertCodec}'s). Ids are deterministic ({@link Alert#idOf}) and times are event times, so a replay gives the
 * same records.
 */
final class AlertRecords {
    private AlertRecords() {
    }

    /** The deterministic id of the alert of (model, kind, feature) that opened on the window starting at start. */
    static String alertId(String model, AlertKind kind, String feature, long openingWindowStart) {
        return Alert.idOf(model, kind.id(), feature, openingWindowStart);
    }

    /** The severity an alert opened by {@code v} has. */
    static String severity(Verdict v) {
        return v.kind().alwaysCritical() || v.critical() ? Alert.CRITICAL : Alert.WARNING;
    }

    /** The "open" record of {@code alert}, opened by {@code v}. */
    static Alert opened(String model, Verdict v, AlertState.Open alert, AlertState.Change c) {
        ObjectNode details = AlertDetails.opened(details(v), c.bad(), c.judged());
        return new Alert(alert.alertId(), model, v.kind().id(), v.feature(), Alert.OPEN, alert.severity(),
                v.windowStart(), v.windowEnd(), v.metric(), finite(v.value()), finite(v.threshold()),
                alert.openedAtMs(), null, details);
    }

    /** The "resolved" record of {@code alert}, resolved by {@code v}. */
    static Alert resolved(String model, Verdict v, AlertState.Open alert, AlertState.Change c) {
        // a clean data-quality window has no violated check; the alert keeps naming the one it opened on
        String metric = v.metric() != null ? v.metric() : alert.metric();
        ObjectNode details = AlertDetails.resolved(details(v), c.judged());
        return new Alert(alert.alertId(), model, v.kind().id(), v.feature(), Alert.RESOLVED, alert.severity(),
                v.windowStart(), v.windowEnd(), metric, finite(v.value()), finite(v.threshold()),
                alert.openedAtMs(), v.windowEnd(), details);
    }

    private static ObjectNode details(Verdict v) {
        ObjectNode details = Alert.newDetails();
        if (v.details() != null) {
            details.setAll(v.details());
        }
        return details;
    }

    private static Double finite(Double v) {
        return v == null || v.isNaN() || v.isInfinite() ? null : v;
    }
}
