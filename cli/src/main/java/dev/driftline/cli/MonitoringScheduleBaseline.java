package dev.driftline.cli;

import dev.driftline.config.UserInputException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeDataQualityJobDefinitionResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeMonitoringScheduleResponse;
import software.amazon.awssdk.services.sagemaker.model.MonitoringBaselineConfig;
import software.amazon.awssdk.services.sagemaker.model.MonitoringType;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;

/**
 * Where an existing SageMaker Model Monitor schedule keeps its baseline: the S3 URIs of its statistics.json and
 * constraints.json. A schedule either carries its job definition inline
 * ({@code MonitoringScheduleConfig.MonitoringJobDefinition.BaselineConfig}) or names a data-quality job definition
 * ({@code MonitoringJobDefinitionName}, type DataQuality), whose {@code DataQualityBaselineConfig} holds them.
 */
record MonitoringScheduleBaseline(String statistics, String constraints) {

    static MonitoringScheduleBaseline of(SageMakerClient sageMaker, String schedule) {
        String what = "monitoring schedule " + schedule;
        try {
            DescribeMonitoringScheduleResponse s = sageMaker.describeMonitoringSchedule(
                    b -> b.monitoringScheduleName(schedule));
            var config = s.monitoringScheduleConfig();
            if (config == null) {
                throw new UserInputException(what + ": has no MonitoringScheduleConfig");
            }
            if (config.monitoringJobDefinition() != null) {
                MonitoringBaselineConfig b = config.monitoringJobDefinition().baselineConfig();
                return from(what, b == null ? null : b.statisticsResource() == null ? null
                        : b.statisticsResource().s3Uri(), b == null || b.constraintsResource() == null ? null
                        : b.constraintsResource().s3Uri());
            }
            String definition = config.monitoringJobDefinitionName();
            MonitoringType type = config.monitoringType();
            if (definition == null) {
                throw new UserInputException(what + ": names neither a MonitoringJobDefinition nor a "
                        + "MonitoringJobDefinitionName");
            }
            if (type != null && type != MonitoringType.DATA_QUALITY) {
                throw new UserInputException(what + ": is a " + config.monitoringTypeAsString() + " schedule; only "
                        + "DataQuality schedules carry a data baseline");
            }
            what += " (job definition " + definition + ")";
            DescribeDataQualityJobDefinitionResponse d = sageMaker.describeDataQualityJobDefinition(
                    b -> b.jobDefinitionName(definition));
            var b = d.dataQualityBaselineConfig();
            return from(what, b == null || b.statisticsResource() == null ? null : b.statisticsResource().s3Uri(),
                    b == null || b.constraintsResource() == null ? null : b.constraintsResource().s3Uri());
        } catch (ResourceNotFoundException e) {
            throw new UserInputException(what + ": not found (" + e.awsErrorDetails().errorMessage() + ")");
        } catch (SdkException e) {
            throw new UserInputException(what + ": cannot describe it: " + e.getMessage());
        }
    }

    private static MonitoringScheduleBaseline from(String what, String statistics, String constraints) {
        if (statistics == null || constraints == null) {
            throw new UserInputException(what + ": has no baseline (BaselineConfig.StatisticsResource and "
                    + "ConstraintsResource S3 URIs); give --statistics and --constraints instead");
        }
        return new MonitoringScheduleBaseline(statistics, constraints);
    }
}
