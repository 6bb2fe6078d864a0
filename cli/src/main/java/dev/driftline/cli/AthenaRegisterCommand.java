package dev.driftline.cli;

import dev.driftline.sink.athena.AthenaClients;
import dev.driftline.sink.athena.GlueRegistrar;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.services.glue.GlueClient;

/** {@code driftline athena register}: the lake's database and tables in Glue, without running DDL in Athena. */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = {"Create the Glue database and the six lake tables through the Glue API.",
            "%nThe same columns, partition keys and projection as 'athena ddl' prints. Idempotent: an existing "
                    + "database is kept, existing tables are updated (re-run it after changing --models or "
                    + "upgrading driftline). Prints one line per database and table. Exit 0, 2 on bad input, 1 if "
                    + "AWS refuses."})
public final class AthenaRegisterCommand implements Callable<Integer> {
    @Mixin
    AthenaTableOptions table;

    @Mixin
    AthenaAwsOptions aws;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String lake = table.lakeUri();
        String database = table.database();
        PrintWriter err = spec.commandLine().getErr();
        try (GlueClient glue = AthenaClients.glue(aws.region(err), aws.endpoint())) {
            GlueRegistrar.Registration r = new GlueRegistrar(glue).register(database, lake, table.models());
            System.out.println("database " + database + ": " + word(r.database()));
            r.tables().forEach((t, outcome) -> System.out.println("table " + database + "." + t.tableName() + ": "
                    + word(outcome)));
        }
        return 0;
    }

    private static String word(GlueRegistrar.Outcome o) {
        return o.name().toLowerCase(Locale.ROOT);
    }
}
