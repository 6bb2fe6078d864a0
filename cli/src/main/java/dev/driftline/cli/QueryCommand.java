package dev.driftline.cli;

import dev.driftline.config.UserInputException;
import dev.driftline.sink.LakeTable;
import dev.driftline.sink.query.AnalystQueries;
import dev.driftline.sink.query.AnalystQueries.AnalystQuery;
import dev.driftline.sink.query.LakeQueryException;
import dev.driftline.sink.query.LocalLake;
import dev.driftline.sink.query.QueryResult;
import dev.driftline.sink.query.QueryResultFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code driftline query}: SQL over a local lake with embedded DuckDB ({@link LocalLake}), under the Athena table
 * names, so what works here works in {@code driftline athena query}; plus the shipped analyst queries
 * ({@link AnalystQueries}, explained in {@code sink-s3/QUERIES.md}).
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run SQL over a local lake directory with embedded DuckDB and print the rows.",
            "%nTables: inference_log, feature_profiles, drift_metrics, model_quality, alerts, dead_letters, labels, "
                    + "remediation_events, with the "
                    + "columns and types of the Athena tables plus the partitions model, dt, hour (strings), so the "
                    + "same SQL runs in 'driftline athena query'. Timestamps are UTC. Tables without files yet are "
                    + "empty. See sink-s3/README.md for the columns and sink-s3/QUERIES.md for the analyst queries.",
            "%nExit 0 on success, 2 on bad input or an error in the SQL (DuckDB's message on stderr), 1 when a "
                    + "lake file cannot be read."},
        footer = {"%nExamples:",
            "  driftline query \"SELECT model, count(*) FROM alerts GROUP BY model\"",
            "  driftline query --list-tables --lake file:///data/driftline-lake",
            "  driftline query --analyst list",
            "  driftline query --analyst drift_timeline --model fraud --format csv",
            "  driftline query --analyst alerts_per_week --show-sql   (for Athena)",
            "  driftline query --analyst episodes-per-week"})
public final class QueryCommand implements Callable<Integer> {
    /** The demo's lake directory, the default. */
    static final String DEFAULT_LAKE = "./driftline-lake";

    @Parameters(index = "0", arity = "0..1", paramLabel = "SQL",
            description = "The statement, e.g. \"SELECT * FROM drift_metrics WHERE model = 'wine' LIMIT 10\".")
    String sql;

    @Option(names = "--lake", defaultValue = DEFAULT_LAKE, paramLabel = "file:///DIR",
            description = "Local lake directory: file:///DIR or a path (default: ${DEFAULT-VALUE}).")
    String lake;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv|json",
            description = "table, csv or json (JSON Lines) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--list-tables", description = "List the tables with their Parquet files and rows.")
    boolean listTables;

    @Option(names = "--analyst", paramLabel = "NAME|list",
            description = "Run a shipped analyst query by name; 'list' lists them with their questions.")
    String analyst;

    @Option(names = "--model", paramLabel = "MODEL", description = "With --analyst: ask a single-model query "
            + "about this model instead of '" + AnalystQueries.DEFAULT_MODEL + "' (its escaped partition value).")
    String model;

    @Option(names = "--show-sql", description = "With --analyst: print the query's SQL instead of running it.")
    boolean showSql;

    @Override
    public Integer call() {
        QueryResultFormat out;
        try {
            out = QueryResultFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--format: " + e.getMessage());
        }
        int modes = (sql != null ? 1 : 0) + (listTables ? 1 : 0) + (analyst != null ? 1 : 0);
        if (modes != 1) {
            throw new UserInputException("give exactly one of SQL, --list-tables or --analyst NAME"
                    + " (see driftline query --help)");
        }
        if ((model != null || showSql) && analyst == null) {
            throw new UserInputException("--model and --show-sql go with --analyst NAME");
        }
        if ("list".equals(analyst)) {
            out.write(analystList(), System.out);
            return 0;
        }
        AnalystQuery query = analyst == null ? null : analystQuery();
        if (query != null && showSql) {
            System.out.println(query.sql() + ";");
            return 0;
        }
        try (LocalLake local = openLake()) {
            QueryResult result = listTables ? tables(local) : run(local, query == null ? sql : query.sql());
            out.write(result, System.out);
        }
        return 0;
    }

    private AnalystQuery analystQuery() {
        try {
            AnalystQuery q = AnalystQueries.byName(analyst);
            return model == null ? q : q.forModel(model);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--analyst: " + e.getMessage());
        }
    }

    private LocalLake openLake() {
        Path directory = LakeOptions.localDirectory(lake, "driftline query reads local lakes; for an s3:// lake "
                + "use driftline athena query (DuckDB's httpfs extension is not available offline)");
        try {
            return LocalLake.open(directory);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--lake: " + e.getMessage() + (DEFAULT_LAKE.equals(lake)
                    ? " (the default; run driftline demo to fill it, or give --lake file:///DIR)" : ""));
        }
    }

    private static QueryResult run(LocalLake local, String statement) {
        try {
            return local.query(statement);
        } catch (LakeQueryException e) {
            if (e.isUserError()) {
                throw new UserInputException(e.getMessage());
            }
            throw e;
        }
    }

    private static QueryResult tables(LocalLake local) {
        List<List<Object>> rows = new ArrayList<>();
        for (LakeTable t : LakeTable.values()) {
            Object count = run(local, "SELECT count(*) FROM " + t.tableName()).rows().get(0).get(0);
            rows.add(List.of(t.tableName(), local.fileCount(t), count));
        }
        return new QueryResult(List.of(new QueryResult.Column("table", false), new QueryResult.Column("files", true),
                new QueryResult.Column("rows", true)), rows);
    }

    private static QueryResult analystList() {
        List<List<Object>> rows = new ArrayList<>();
        for (AnalystQuery q : AnalystQueries.all()) {
            rows.add(List.of(q.name(), q.singleModel() ? "one (--model)" : "all", q.question()));
        }
        return new QueryResult(List.of(new QueryResult.Column("name", false), new QueryResult.Column("models", false),
                new QueryResult.Column("question", false)), rows);
    }
}
