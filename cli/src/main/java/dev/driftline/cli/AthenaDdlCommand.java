package dev.driftline.cli;

import dev.driftline.sink.AthenaDdl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code driftline athena ddl}: the CREATE EXTERNAL TABLE statements, for people who run DDL themselves. */
@Command(name = "ddl", mixinStandardHelpOptions = true,
        description = {"Print CREATE EXTERNAL TABLE statements for the six lake tables.",
            "%nParquet, partitioned by model, dt and hour, with partition projection; one statement per table, "
                    + "each ending with ';'. Run them in Athena, or use 'athena register' to create the same "
                    + "tables through Glue. Needs no AWS access. Exit 0, or 2 on bad input."})
public final class AthenaDdlCommand implements Callable<Integer> {
    @Mixin
    AthenaTableOptions table;

    @Override
    public Integer call() {
        String lake = table.lakeUri();
        String ddl = AthenaDdl.createAll(lake, table.database(), table.models());
        System.out.print(ddl);
        System.out.flush();
        return 0;
    }
}
