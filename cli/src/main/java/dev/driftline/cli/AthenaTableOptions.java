package dev.driftline.cli;

import dev.driftline.config.UserInputException;
import dev.driftline.sink.AthenaDdl;
import dev.driftline.sink.LakeLocation;
import java.util.List;
import picocli.CommandLine.Option;

/** The options {@code athena ddl} and {@code athena register} share: which lake, which database, which models. */
final class AthenaTableOptions {
    @Option(names = "--lake", required = true, paramLabel = "s3://BUCKET/PREFIX",
            description = "Where the sink writes the lake; Athena reads only S3.")
    String lake;

    @Option(names = "--database", defaultValue = AthenaDdl.DEFAULT_DATABASE,
            description = "Athena/Glue database, lower-case [a-z0-9_] (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--models", split = ",", paramLabel = "MODEL",
            description = {"Make 'model' an enum projection of these models instead of an injected one. "
                    + "Injected (the default): any model works at once, but Athena refuses a query that does not "
                    + "filter it with model = '...', so no cross-model query (e.g. alerts per model per week). "
                    + "Enum: cross-model queries work, but a new model stays invisible until the tables are made "
                    + "again with it in the list (re-run athena register, or drop and re-create the tables)."})
    List<String> models;

    /** The lake as {@code s3://bucket/prefix/}; anything else is the user's to fix. */
    String lakeUri() {
        LakeLocation location;
        try {
            location = LakeLocation.parse(lake);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--lake: " + e.getMessage());
        }
        if (!location.isS3()) {
            throw new UserInputException("--lake " + lake + ": athena needs an s3:// lake (s3://BUCKET/PREFIX)");
        }
        return location.uri();
    }

    /** The database name, checked. */
    String database() {
        try {
            return AthenaDdl.checkDatabase(database);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--database: " + e.getMessage());
        }
    }

    /** The models of an enum projection, empty for injected; blank names refused. */
    List<String> models() {
        List<String> m = models == null ? List.of() : models.stream().map(String::strip).toList();
        if (m.stream().anyMatch(String::isEmpty)) {
            throw new UserInputException("--models: empty model name in " + String.join(",", models));
        }
        return m;
    }
}
