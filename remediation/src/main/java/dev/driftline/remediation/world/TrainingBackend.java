package dev.driftline.remediation.world;

/**
 * Where candidates are trained: a SageMaker training job, a SageMaker Pipelines execution, or a local command.
 * Implementations are idempotent by name: {@link #start} first describes the run named {@link TrainingRequest#runName()}
 * and only creates it when it does not exist, so a service restarted after a crash never trains twice.
 */
public interface TrainingBackend {
    /** Short name for logs and events ({@code sagemaker}, {@code pipeline}, {@code command}). */
    String kind();

    /**
     * Starts the run unless one of that name exists (then returns it as it is).
     *
     * @return the run's reference (training job ARN, pipeline execution ARN, work directory)
     */
    String start(TrainingRequest request);

    /** Where the run is: in progress, completed with its metrics and artifact, or failed with the reason. */
    TrainingStatus status(TrainingRequest request);

    /** Stops a run that is still going (episode cancelled); a finished or missing run is left alone. */
    void stop(TrainingRequest request);
}
