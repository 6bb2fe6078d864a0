package dev.driftline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.config.UserInputException;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineBuilder;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.contracts.baseline.BaselineCodec;
import dev.driftline.drift.io.Table;
import dev.driftline.cli.io.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code driftline baseline build}: profile a training file into a baseline JSON. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Profile training data into a baseline.",
            "%nReads CSV with a header, JSON Lines or Parquet and keeps per column the sketch profile, "
                    + "reference deciles, category frequencies and constraints. Types are inferred (override with "
                    + "--types). Exit 2 with file/line/column on unreadable input."})
public final class BaselineBuildCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "Training data file.")
    Path input;

    @Option(names = "--model", required = true, description = "Model name (KServe InferenceService name).")
    String model;

    @Option(names = "--features", split = ",", description = "Input columns (default: all but label and prediction).")
    List<String> features;

    @Option(names = "--label", description = "Ground-truth column. With --prediction, the baseline also stores the "
            + "model's quality on this data (accuracy, precision, recall, F1, AUC; or MAE, RMSE, R²), the reference "
            + "model-quality windows are judged against.")
    String label;

    @Option(names = "--prediction", description = "Model-output column.")
    String prediction;

    @Option(names = "--types", split = ",", description = "Type overrides, e.g. zip=string (fractional, integral, string, boolean).")
    List<String> types;

    @Option(names = "--output", required = true, description = "Baseline JSON to write.")
    Path output;

    @Mixin
    DataQualityOptions dataQuality = new DataQualityOptions();

    @Override
    public Integer call() throws Exception {
        Table table = Tables.read(input);
        Baseline b;
        try {
            b = new BaselineBuilder(Clock.systemUTC()).build(table, model, Optional.ofNullable(features),
                    Optional.ofNullable(label), Optional.ofNullable(prediction), TypeOverrides.parse(types));
            b = dataQuality.apply(b);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        ObjectMapper mapper = new ObjectMapper();
        if (output.toAbsolutePath().getParent() != null) {
            Files.createDirectories(output.toAbsolutePath().getParent());
        }
        mapper.writerWithDefaultPrettyPrinter().writeValue(output.toFile(), BaselineCodec.toJson(b, mapper));
        System.out.printf("baseline for %s: %d rows, %d columns -> %s%n", model, b.rows(), b.features().size(), output);
        for (BaselineFeature f : b.features()) {
            System.out.printf(Locale.ROOT, "  %-24s %-10s %-10s present %d, missing %d, type mismatches %d%n",
                    f.name(), f.type().name().toLowerCase(Locale.ROOT), f.role().id(), f.profile().present(),
                    f.profile().missing(), f.profile().typeMismatches());
        }
        DataQualityOptions.printModelQuality(b);
        return 0;
    }
}
