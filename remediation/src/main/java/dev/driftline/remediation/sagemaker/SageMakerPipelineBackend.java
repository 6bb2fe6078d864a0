package dev.driftline.remediation.sagemaker;

import dev.driftline.remediation.world.TrainingBackend;
import dev.driftline.remediation.world.TrainingRequest;
import dev.driftline.remediation.world.TrainingStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribePipelineExecutionResponse;
import software.amazon.awssdk.services.sagemaker.model.Parameter;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionStep;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionSummary;

/**
 * Retraining as a SageMaker Pipelines execution. Idempotent twice over: the execution's display name is the run name
 * and is looked up before starting, and the start carries a ClientRequestToken derived from the episode id, so even
 * two instances racing past the lookup start one execution.
 */
public final class SageMakerPipelineBackend implements TrainingBackend {
    private static final Logger LOG = LoggerFactory.getLogger(SageMakerPipelineBackend.class);

    private final SageMakerClient sageMaker;
    private final SageMakerPipelineSettings settings;

    public SageMakerPipelineBackend(SageMakerClient sageMaker, SageMakerPipelineSettings settings) {
        this.sageMaker = sageMaker;
        this.settings = settings;
    }

    @Override
    public String kind() {
        return "pipeline";
    }

    /**
     * The ClientRequestToken of an episode's execution: SageMaker wants 32 to 128 characters, so the SHA-256 of the
     * pipeline and episode in hex (64), the same for every start of the episode on that pipeline.
     */
    public static String requestToken(String pipeline, String episodeId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((pipeline + "\n" + episodeId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /**
     * The display name: the run name made valid like a job name ({@code [a-zA-Z0-9](-*[a-zA-Z0-9])*}, ≤ 63
     * characters, within the display name's 82), so the lookup finds what the start named.
     */
    static String displayName(String runName) {
        return SageMakerTrainingBackend.jobName(runName);
    }

    @Override
    public String start(TrainingRequest request) {
        Optional<String> existing = find(request);
        if (existing.isPresent()) {
            LOG.info("pipeline execution {} of episode {} exists; not starting it again", existing.get(),
                    request.episodeId());
            return existing.get();
        }
        List<Parameter> parameters = new ArrayList<>();
        settings.parameters().forEach((k, v) -> parameters.add(Parameter.builder().name(k).value(v).build()));
        parameters.add(Parameter.builder().name(settings.dataParameter()).value(request.dataLocation()).build());
        if (!settings.episodeParameter().isBlank()) {
            parameters.add(Parameter.builder().name(settings.episodeParameter()).value(request.episodeId()).build());
        }
        String arn = sageMaker.startPipelineExecution(b -> b.pipelineName(settings.pipelineName())
                .pipelineExecutionDisplayName(displayName(request.runName()))
                .pipelineExecutionDescription("driftline episode " + request.episodeId())
                .pipelineParameters(parameters)
                .clientRequestToken(requestToken(settings.pipelineName(), request.episodeId())))
                .pipelineExecutionArn();
        LOG.info("started pipeline execution {} for episode {}", arn, request.episodeId());
        return arn;
    }

    /** The execution with the run's display name, newest first (ListPipelineExecutions sorts by start time). */
    private Optional<String> find(TrainingRequest request) {
        String display = displayName(request.runName());
        for (var page : sageMaker.listPipelineExecutionsPaginator(b -> b.pipelineName(settings.pipelineName())
                .sortOrder("Descending"))) {
            for (PipelineExecutionSummary s : page.pipelineExecutionSummaries()) {
                if (display.equals(s.pipelineExecutionDisplayName())) {
                    return Optional.of(s.pipelineExecutionArn());
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public TrainingStatus status(TrainingRequest request) {
        Optional<String> arn = find(request);
        if (arn.isEmpty()) {
            return TrainingStatus.failed("no execution of pipeline " + settings.pipelineName() + " named "
                    + displayName(request.runName()));
        }
        DescribePipelineExecutionResponse e = sageMaker.describePipelineExecution(b -> b.pipelineExecutionArn(arn.get()));
        PipelineExecutionStatus s = e.pipelineExecutionStatus();
        if (s == PipelineExecutionStatus.SUCCEEDED) {
            return fromTrainingStep(arn.get());
        }
        if (s == PipelineExecutionStatus.FAILED || s == PipelineExecutionStatus.STOPPED) {
            String reason = e.failureReason() == null || e.failureReason().isBlank() ? "" : ": " + e.failureReason();
            return TrainingStatus.failed("pipeline execution " + arn.get() + " " + e.pipelineExecutionStatusAsString()
                    + reason);
        }
        return TrainingStatus.inProgress(); // Executing, Stopping
    }

    /** The metrics and artifact of the training job the pipeline ran (its configured step, else the newest). */
    private TrainingStatus fromTrainingStep(String executionArn) {
        Map<String, String> jobs = new LinkedHashMap<>(); // step name → training job ARN, newest first
        for (var page : sageMaker.listPipelineExecutionStepsPaginator(b -> b.pipelineExecutionArn(executionArn)
                .sortOrder("Descending"))) {
            for (PipelineExecutionStep step : page.pipelineExecutionSteps()) {
                if (step.metadata() != null && step.metadata().trainingJob() != null
                        && step.metadata().trainingJob().arn() != null) {
                    jobs.putIfAbsent(step.stepName(), step.metadata().trainingJob().arn());
                }
            }
        }
        if (settings.trainingStep().isPresent() && !jobs.containsKey(settings.trainingStep().get())) {
            // a misspelt step must not quietly take another step's metrics
            return TrainingStatus.failed("pipeline execution " + executionArn + " ran no training job in step "
                    + settings.trainingStep().get() + " (steps with a training job: " + jobs.keySet() + ")");
        }
        String jobArn = settings.trainingStep().map(jobs::get)
                .orElse(jobs.isEmpty() ? null : jobs.values().iterator().next());
        if (jobArn == null) {
            return TrainingStatus.failed("pipeline execution " + executionArn + " succeeded but ran no training job"
                    + settings.trainingStep().map(n -> " in step " + n).orElse("") + " to take metrics from");
        }
        String jobName = jobArn.substring(jobArn.lastIndexOf('/') + 1);
        return SageMakerTrainingBackend.describeJob(sageMaker, jobName).map(SageMakerTrainingBackend::statusOf)
                .orElseGet(() -> TrainingStatus.failed("training job " + jobName + " of " + executionArn + " is gone"));
    }

    @Override
    public void stop(TrainingRequest request) {
        Optional<String> arn = find(request);
        if (arn.isEmpty()) {
            return;
        }
        var e = sageMaker.describePipelineExecution(b -> b.pipelineExecutionArn(arn.get()));
        if (e.pipelineExecutionStatus() == PipelineExecutionStatus.EXECUTING) {
            sageMaker.stopPipelineExecution(b -> b.pipelineExecutionArn(arn.get())
                    .clientRequestToken(requestToken("stop:" + settings.pipelineName(), request.episodeId())));
            LOG.info("stopping pipeline execution {} of episode {}", arn.get(), request.episodeId());
        }
    }
}
