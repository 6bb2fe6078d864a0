package dev.driftline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.config.UserInputException;
import dev.driftline.drift.baseline.sagemaker.SageMakerImport;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/** Reads SageMaker's JSON documents (statistics, constraints) from a local path or an {@code s3://} URI. */
final class SageMakerDocuments implements AutoCloseable {
    private final Supplier<S3Client> s3Factory;
    private final ObjectMapper mapper;
    private S3Client s3;

    /** @param s3Factory called once, on the first {@code s3://} document */
    SageMakerDocuments(Supplier<S3Client> s3Factory, ObjectMapper mapper) {
        this.s3Factory = s3Factory;
        this.mapper = mapper;
    }

    /** The document; invalid JSON, a missing file or object, or a refusal is a user error naming it. */
    JsonNode read(String option, String location) throws IOException {
        if (!S3Location.isS3(location)) {
            try {
                return SageMakerImport.parse(Path.of(location), mapper);
            } catch (NoSuchFileException e) {
                throw new UserInputException(option + " " + location + ": no such file");
            }
        }
        S3Location at = S3Location.parse(option, location);
        if (s3 == null) {
            s3 = s3Factory.get();
        }
        String text = S3JsonLines.readString(s3, at);
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UserInputException(at + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        }
    }

    @Override
    public void close() {
        if (s3 != null) {
            s3.close();
        }
    }
}
