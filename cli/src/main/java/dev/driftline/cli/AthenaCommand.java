package dev.driftline.cli;

import picocli.CommandLine.Command;

/** {@code driftline athena …}: the lake's tables in Athena and Glue, and queries over them. */
@Command(name = "athena", mixinStandardHelpOptions = true,
        description = {"The lake's tables in Amazon Athena and the Glue Data Catalog, and SQL over them.",
            "%nTables use partition projection (model, dt, hour), so new partitions need no MSCK REPAIR or "
                    + "crawler. See sink-s3/ATHENA.md."},
        subcommands = {AthenaDdlCommand.class, AthenaRegisterCommand.class, AthenaQueryCommand.class})
public final class AthenaCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
