package dev.driftline.remediation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.alerts.Alert;

/** Alerts as the alert stage writes them, for tests. */
public final class Alerts {
    public static final long WINDOW = 300_000;

    private Alerts() {
    }

    public static Alert open(String model, String kind, String feature, long windowStart, boolean datasetDrift) {
        ObjectNode d = Alert.newDetails();
        d.put("dataset_drift", datasetDrift);
        return new Alert(Alert.idOf(model, kind, feature, windowStart), model, kind, feature, Alert.OPEN,
                Alert.WARNING, windowStart, windowStart + WINDOW, "psi", 0.4, 0.2, windowStart + WINDOW, null, d);
    }

    public static Alert resolved(Alert open, long windowStart) {
        return new Alert(open.alertId(), open.model(), open.kind(), open.feature(), Alert.RESOLVED, open.severity(),
                windowStart, windowStart + WINDOW, open.metric(), 0.01, open.threshold(), open.openedAt(),
                windowStart + WINDOW, open.details());
    }

    public static Alert quality(String model, long windowStart) {
        return new Alert(Alert.idOf(model, "model_quality", null, windowStart), model, "model_quality", null,
                Alert.OPEN, Alert.CRITICAL, windowStart, windowStart + WINDOW, "accuracy", 0.7, 0.9,
                windowStart + WINDOW, null, Alert.newDetails());
    }
}
