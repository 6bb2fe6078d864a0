package dev.driftline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.config.UserInputException;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.contracts.baseline.BaselineCodec;
import dev.driftline.drift.baseline.sagemaker.SageMakerExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftline baseline export-sagemaker}: baseline JSON → SageMaker statistics.json + constraints.json. */
@Command(name = "export-sagemaker", mixinStandardHelpOptions = true,
        description = {"Write a baseline as SageMaker Model Monitor baseline files.",
            "%nWrites statistics.json and constraints.json into --out-dir, for a SageMaker monitoring schedule "
                    + "or for import-sagemaker. Roles, the range margin and boolean-ness are not part of SageMaker's "
                    + "format. A baseline with the model's training-time quality also gets "
                    + "model-quality/statistics.json and model-quality/constraints.json (the judged metric at "
                    + "driftline's default limit). Exit 2 naming the file on bad input."})
public final class BaselineExportSageMakerCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASELINE.json", description = "Baseline JSON (from baseline build).")
    Path baseline;

    @Option(names = "--out-dir", required = true, description = "Directory for statistics.json and constraints.json.")
    Path outDir;

    @Override
    public Integer call() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Baseline b;
        try {
            JsonNode root = mapper.readTree(Files.readString(baseline));
            b = BaselineCodec.fromJson(root, baseline.toString());
        } catch (NoSuchFileException e) {
            throw new UserInputException(e.getFile() + ": no such file");
        } catch (JsonProcessingException e) {
            throw new UserInputException(baseline + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            String m = e.getMessage();
            throw new UserInputException(m != null && m.startsWith(baseline.toString()) ? m : baseline + ": " + m);
        }
        List<Path> written = SageMakerExport.write(b, outDir, mapper);
        System.out.printf("SageMaker baseline for %s: %d rows, %d columns -> %s, %s%n", b.model(), b.rows(),
                b.features().size(), written.get(0), written.get(1));
        if (b.modelQuality().isPresent()) {
            List<Path> quality = SageMakerExport.writeModelQuality(b.modelQuality().get(),
                    outDir.resolve(SageMakerExport.MODEL_QUALITY_DIR), mapper);
            System.out.printf("SageMaker model-quality baseline (%s) -> %s, %s%n",
                    b.modelQuality().get().type().id(), quality.get(0), quality.get(1));
        }
        return 0;
    }
}
