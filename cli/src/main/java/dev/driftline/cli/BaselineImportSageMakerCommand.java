package dev.driftline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftline.drift.baseline.sagemaker.SageMakerModelQuality;
import java.util.Optional;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.config.UserInputException;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.contracts.baseline.BaselineCodec;
import dev.driftline.drift.baseline.sagemaker.SageMakerImport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code driftline baseline import-sagemaker}: SageMaker Model Monitor statistics + constraints → baseline JSON. */
@Command(name = "import-sagemaker", mixinStandardHelpOptions = true,
        description = {"Convert SageMaker Model Monitor baseline files into a baseline.",
            "%nReads statistics.json and constraints.json (from SageMaker's baselining job or from "
                    + "export-sagemaker), local files or s3:// objects, or takes both from an existing Model Monitor "
                    + "schedule (--monitoring-schedule: its BaselineConfig, or its data-quality job definition's). "
                    + "Every column becomes a feature; numeric distributions are taken over from the KLL sketch.",
            "%nWith --model-quality-statistics (and optionally --model-quality-constraints) from a SageMaker "
                    + "model-quality baseline job, the baseline also carries the model's training-time quality.",
            "%nAWS: the SDK's default credentials and region; --endpoint-url for moto or MinIO. Exit 2 naming "
                    + "the file and JSON path on bad input."})
public final class BaselineImportSageMakerCommand implements Callable<Integer> {
    @Option(names = "--statistics", paramLabel = "FILE|s3://…", description = "SageMaker statistics.json.")
    String statistics;

    @Option(names = "--constraints", paramLabel = "FILE|s3://…", description = "SageMaker constraints.json.")
    String constraints;

    @Option(names = "--monitoring-schedule", paramLabel = "NAME", description = "Take statistics and constraints "
            + "from this SageMaker Model Monitor schedule's baseline (instead of --statistics/--constraints).")
    String monitoringSchedule;

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Option(names = "--output", required = true, description = "Baseline JSON to write.")
    Path output;

    @Option(names = "--model-quality-statistics", paramLabel = "FILE|s3://…",
            description = "statistics.json of a SageMaker model-quality baseline (binary_classification_metrics, "
                    + "multiclass_classification_metrics or regression_metrics).")
    String modelQualityStatistics;

    @Option(names = "--model-quality-constraints", paramLabel = "FILE|s3://…",
            description = "constraints.json of a SageMaker model-quality baseline: its thresholds are taken over "
                    + "(the judged metric's wins over the relative default).")
    String modelQualityConstraints;

    @Mixin
    DataQualityOptions dataQuality = new DataQualityOptions();

    @Option(names = "--model", defaultValue = "sagemaker",
            description = "Model name (KServe InferenceService name; default: ${DEFAULT-VALUE}).")
    String model;

    @Override
    public Integer call() throws IOException {
        if (modelQualityConstraints != null && modelQualityStatistics == null) {
            throw new UserInputException("--model-quality-constraints needs --model-quality-statistics");
        }
        if (monitoringSchedule != null && (statistics != null || constraints != null)) {
            throw new UserInputException("--monitoring-schedule takes the place of --statistics and --constraints; "
                    + "give one or the other");
        }
        if (monitoringSchedule == null && (statistics == null || constraints == null)) {
            throw new UserInputException("give --statistics and --constraints, or --monitoring-schedule");
        }
        if (monitoringSchedule != null) {
            try (var sageMaker = aws.sageMaker()) {
                MonitoringScheduleBaseline found = MonitoringScheduleBaseline.of(sageMaker, monitoringSchedule);
                statistics = found.statistics();
                constraints = found.constraints();
            }
            System.err.printf("monitoring schedule %s: statistics %s, constraints %s%n", monitoringSchedule,
                    statistics, constraints);
        }
        ObjectMapper mapper = new ObjectMapper();
        Baseline b;
        try (SageMakerDocuments docs = new SageMakerDocuments(aws::s3, mapper)) {
            b = SageMakerImport.fromJson(docs.read("--statistics", statistics), statistics,
                    docs.read("--constraints", constraints), constraints, model, Instant.now());
            if (modelQualityStatistics != null) {
                Optional<JsonNode> limits = Optional.empty();
                if (modelQualityConstraints != null) {
                    limits = Optional.of(docs.read("--model-quality-constraints", modelQualityConstraints));
                }
                b = b.withModelQuality(Optional.of(SageMakerModelQuality.read(
                        docs.read("--model-quality-statistics", modelQualityStatistics), modelQualityStatistics,
                        limits, String.valueOf(modelQualityConstraints))));
            }
            b = dataQuality.apply(b);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        } catch (NoSuchFileException e) {
            throw new UserInputException(e.getFile() + ": no such file");
        } catch (IOException e) {
            throw new UserInputException("cannot read " + (e.getMessage() == null ? e : e.getMessage()));
        }
        if (output.toAbsolutePath().getParent() != null) {
            Files.createDirectories(output.toAbsolutePath().getParent());
        }
        mapper.writerWithDefaultPrettyPrinter().writeValue(output.toFile(), BaselineCodec.toJson(b, mapper));
        System.out.printf("baseline for %s from %s: %d rows, %d columns -> %s%n", model, statistics, b.rows(),
                b.features().size(), output);
        for (BaselineFeature f : b.features()) {
            System.out.printf(Locale.ROOT, "  %-24s %-10s present %d, missing %d, completeness %.4f%n", f.name(),
                    f.type().name().toLowerCase(Locale.ROOT), f.profile().present(), f.profile().missing(),
                    f.constraint().completeness());
        }
        DataQualityOptions.printModelQuality(b);
        return 0;
    }
}
