package dev.driftline.remediation.kserve;

import dev.driftline.remediation.policy.PolicySection;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Where and how a model's InferenceService is rolled out, read from a policy's {@code kserve} section.
 *
 * <pre>{@code
 * kserve:
 *   namespace: models                  # default "default"
 *   inference-service: churn-v1        # default: the model's name
 *   framework: sklearn                 # key under spec.predictor; default: detected (sklearn, pytorch, model, …)
 *   version-label: serving.driftline.dev/model-version   # predictor pod label carrying the candidate version; "" = none
 *   rollback-settle: 2m                # how long rollback waits for the restored revision before clearing the canary
 *   master-url: https://…              # optional; default: kubeconfig or in-cluster service account
 * }</pre>
 *
 * @param namespace        the InferenceService's namespace
 * @param inferenceService its name; empty means "the model's name" (one section can then serve several models)
 * @param framework        the predictor key holding {@code storageUri}; empty means detect it from the live object
 * @param versionLabel     label set in {@code spec.predictor.labels} to the candidate version, so the candidate's
 *                         pods (and pod-level metrics) can be told apart; empty disables it
 * @param rollbackSettle   bounded wait inside {@link KServeRollout#rollback} for the restored revision to be ready;
 *                         0 returns at once (a later rollback call finishes the job)
 * @param masterUrl        API server URL override (tests, out-of-cluster runs); empty = kubeconfig / in-cluster
 */
public record KServeSettings(String namespace, Optional<String> inferenceService, Optional<String> framework,
                             Optional<String> versionLabel, Duration rollbackSettle, Optional<String> masterUrl) {
    public static final String DEFAULT_VERSION_LABEL = "serving.driftline.dev/model-version";
    public static final Duration DEFAULT_ROLLBACK_SETTLE = Duration.ofMinutes(2);
    private static final Set<String> KEYS =
            Set.of("namespace", "inference-service", "framework", "version-label", "rollback-settle", "master-url");

    public KServeSettings {
        if (namespace == null || namespace.isBlank()) {
            namespace = "default";
        }
        inferenceService = inferenceService == null ? Optional.empty() : inferenceService.filter(s -> !s.isBlank());
        framework = framework == null ? Optional.empty() : framework.filter(s -> !s.isBlank());
        versionLabel = versionLabel == null ? Optional.empty() : versionLabel.filter(s -> !s.isBlank());
        rollbackSettle = rollbackSettle == null ? DEFAULT_ROLLBACK_SETTLE : rollbackSettle;
        masterUrl = masterUrl == null ? Optional.empty() : masterUrl.filter(s -> !s.isBlank());
    }

    /** Defaults everywhere: namespace {@code default}, name = model, framework detected. */
    public static KServeSettings defaults() {
        return new KServeSettings("default", Optional.empty(), Optional.empty(), Optional.of(DEFAULT_VERSION_LABEL),
                DEFAULT_ROLLBACK_SETTLE, Optional.empty());
    }

    public static KServeSettings from(PolicySection s) {
        s.onlyKeys(KEYS);
        String namespace = s.text("namespace", "default");
        if (!namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw s.error("namespace", "must be a Kubernetes namespace name (lower case, digits, '-'), got " + namespace);
        }
        Duration settle = s.duration("rollback-settle", DEFAULT_ROLLBACK_SETTLE);
        if (settle.isNegative()) {
            throw s.error("rollback-settle", "must not be negative");
        }
        return new KServeSettings(namespace, s.optText("inference-service"), s.optText("framework"),
                Optional.of(s.text("version-label", DEFAULT_VERSION_LABEL)), settle, s.optText("master-url"));
    }

    /** The InferenceService serving {@code model}. */
    public String inferenceServiceFor(String model) {
        return inferenceService.orElse(model);
    }

    public KServeSettings withRollbackSettle(Duration d) {
        return new KServeSettings(namespace, inferenceService, framework, versionLabel, d, masterUrl);
    }
}
