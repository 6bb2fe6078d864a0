package dev.driftline.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/** Where {@code import capture} and {@code import ground-truth} read from, and which hours (a picocli mixin). */
final class ImportSourceOptions {
    @Option(names = "--from", required = true, paramLabel = "FILE|DIR|s3://BUCKET/PREFIX",
            description = {"A .jsonl file, a directory of them (searched recursively), or every .jsonl object under "
                    + "an S3 prefix, read in key order (time order in SageMaker's yyyy/mm/dd/hh layout)."})
    String from;

    @Option(names = "--since", paramLabel = "TIME", description = "Only hour folders (yyyy/mm/dd/hh) ending after "
            + "TIME: 2026-01-31, 2026-01-31T13:00 or 2026-01-31T13:00:00Z (UTC).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only hour folders starting before TIME.")
    String until;

    @Option(names = "--checkpoint-id", paramLabel = "NAME", description = {"Names this import's checkpoint (default: "
            + "the command, --model and --from). A rerun with the same name skips the objects already imported; "
            + "use a new name to import them again."})
    String checkpointId;

    @Mixin
    AwsOptions aws = new AwsOptions();

    /** The checkpoint name: given, or derived from what identifies the import. */
    String checkpointId(String command, String model) {
        return checkpointId != null ? checkpointId : command + " " + model + " " + normalizedFrom();
    }

    /** The objects to import, in order, filtered by the layout; {@code s3} is opened only for s3:// inputs. */
    List<JsonLinesObject> objects(CaptureLayoutFilter filter, S3Client s3) throws IOException {
        List<JsonLinesObject> all;
        if (S3Location.isS3(from)) {
            all = S3JsonLines.list(s3, S3Location.parse("--from", from));
        } else {
            Path root = Path.of(from).toAbsolutePath().normalize();
            all = new ArrayList<>();
            for (Path f : JsonLinesFiles.of(root)) {
                Path abs = f.toAbsolutePath().normalize();
                String key = (Files.isDirectory(root) ? root.relativize(abs) : abs.getFileName()).toString()
                        .replace(java.io.File.separatorChar, '/');
                all.add(new JsonLinesObject(abs.toString(), key,
                        () -> Files.newBufferedReader(abs, StandardCharsets.UTF_8)));
            }
        }
        return filter.apply(all);
    }

    boolean isS3() {
        return S3Location.isS3(from);
    }

    private String normalizedFrom() {
        return isS3() ? S3Location.parse("--from", from).toString() : Path.of(from).toAbsolutePath().normalize().toString();
    }
}
