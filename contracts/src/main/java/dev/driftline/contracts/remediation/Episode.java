package dev.driftline.contracts.remediation;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One remediation episode of one model: the value of {@code <prefix>remediation.episodes} (compacted, key model: the
 * model's latest episode). Every field the next step needs to resume after a crash is here, so a restarted service
 * describes what the last one may have created before it creates anything. JSON form: {@link EpisodeCodec}.
 *
 * @param id            deterministic: {@code <model>-<yyyyMMdd'T'HHmmss'Z'>} of the trigger time ({@link #idOf});
 *                      the name every external resource of the episode derives from
 * @param state         where it is
 * @param triggeredAt   when the trigger held (epoch ms, service clock)
 * @param updatedAt     last transition (epoch ms)
 * @param trigger       why it started, in words
 * @param alertIds      the open alerts that triggered it
 * @param dataLocation  the training data (s3:// or file://), once prepared
 * @param trainingJob   the training job / pipeline execution / command run name, once started
 * @param metrics       the candidate's training metrics (name → value), once read
 * @param artifact      the candidate model artifact URI (ModelDataUrl / storageUri)
 * @param packageRef    the registry reference (model package ARN or local registry id), once registered
 * @param decision      the approval rule that decided, or who approved / rejected, in words
 * @param step          index of the current rollout step (0-based), -1 before the rollout
 * @param stepStartedAt when the current step's share went live (epoch ms), 0 before
 * @param previousSpec  the serving spec before the rollout (target-specific JSON), restored on rollback
 * @param failure       why it failed, was rejected, rolled back or cancelled
 */
public record Episode(String id, String model, EpisodeState state, long triggeredAt, long updatedAt, String trigger,
                      List<String> alertIds, String dataLocation, String trainingJob, Map<String, Double> metrics,
                      String artifact, String packageRef, String decision, int step, long stepStartedAt,
                      String previousSpec, String failure) {
    public Episode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(state, "state");
        alertIds = alertIds == null ? List.of() : List.copyOf(alertIds);
        metrics = metrics == null ? Map.of() : Map.copyOf(new TreeMap<>(metrics));
    }

    /** A new episode of {@code model} triggered at {@code at}. */
    public static Episode triggered(String model, long at, String trigger, List<String> alertIds) {
        return new Episode(idOf(model, at), model, EpisodeState.TRIGGERED, at, at, trigger, alertIds, null, null,
                Map.of(), null, null, null, -1, 0, null, null);
    }

    /** {@code <model>-<yyyyMMdd'T'HHmmss'Z'>}: readable, sortable, and the same after a restart. */
    public static String idOf(String model, long at) {
        return model + "-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.ofEpochMilli(at));
    }

    public Builder edit() {
        return new Builder(this);
    }

    /** A mutable copy for the state machine: set what changes, then {@link #build()}. */
    public static final class Builder {
        public String id;
        public String model;
        public EpisodeState state;
        public long triggeredAt;
        public long updatedAt;
        public String trigger;
        public List<String> alertIds;
        public String dataLocation;
        public String trainingJob;
        public Map<String, Double> metrics;
        public String artifact;
        public String packageRef;
        public String decision;
        public int step;
        public long stepStartedAt;
        public String previousSpec;
        public String failure;

        Builder(Episode e) {
            id = e.id;
            model = e.model;
            state = e.state;
            triggeredAt = e.triggeredAt;
            updatedAt = e.updatedAt;
            trigger = e.trigger;
            alertIds = e.alertIds;
            dataLocation = e.dataLocation;
            trainingJob = e.trainingJob;
            metrics = e.metrics;
            artifact = e.artifact;
            packageRef = e.packageRef;
            decision = e.decision;
            step = e.step;
            stepStartedAt = e.stepStartedAt;
            previousSpec = e.previousSpec;
            failure = e.failure;
        }

        public Episode build() {
            return new Episode(id, model, state, triggeredAt, updatedAt, trigger, alertIds, dataLocation, trainingJob,
                    metrics, artifact, packageRef, decision, step, stepStartedAt, previousSpec, failure);
        }
    }
}
