package dev.driftline.remediation.sagemaker;

import dev.driftline.remediation.policy.PolicySection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How {@link SageMakerPipelineBackend} starts a SageMaker Pipelines execution: for teams whose retraining already is
 * a pipeline (preprocess → train → evaluate), driftline only starts it with the episode's data.
 *
 * @param pipelineName       {@code pipeline} (required): the pipeline's name
 * @param parameters         {@code parameters}: fixed pipeline parameters, sent as text
 * @param dataParameter      {@code data-parameter}, default {@code TrainingData}: gets the episode's s3:// data
 * @param episodeParameter   {@code episode-parameter}, default {@code Episode}: gets the episode id; empty for none
 * @param trainingStep       {@code training-step}: the step whose training job has the metrics and the artifact;
 *                           default the newest step that ran a training job
 */
public record SageMakerPipelineSettings(String pipelineName, Map<String, String> parameters, String dataParameter,
                                        String episodeParameter, Optional<String> trainingStep) {
    static final Set<String> KEYS = Set.of("pipeline", "parameters", "data-parameter", "episode-parameter",
            "training-step");

    public SageMakerPipelineSettings {
        parameters = Map.copyOf(parameters);
    }

    public static SageMakerPipelineSettings from(PolicySection s) {
        s.onlyKeys(KEYS);
        String data = s.text("data-parameter", "TrainingData");
        if (data.isBlank()) {
            throw s.error("data-parameter", "must name the pipeline parameter that gets the training data");
        }
        return new SageMakerPipelineSettings(s.requiredText("pipeline"), s.textMap("parameters"), data,
                s.text("episode-parameter", "Episode"), s.optText("training-step"));
    }
}
