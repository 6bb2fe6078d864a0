package dev.driftline.cli;

import dev.driftline.config.UserInputException;
import dev.driftline.config.Parsers;
import dev.driftline.sink.AthenaDdl;
import dev.driftline.sink.athena.AthenaClients;
import dev.driftline.sink.athena.AthenaQueryRunner;
import dev.driftline.sink.athena.Backoff;
import dev.driftline.sink.query.QueryResult;
import dev.driftline.sink.query.QueryResultFormat;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

/** {@code driftline athena query}: one SQL statement on Athena, its rows printed like {@code driftline query}. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run one SQL statement on Athena and print its rows.",
            "%nWaits for the query, then prints its rows to stdout; state changes (QUEUED, RUNNING, ...) go to "
                    + "stderr. With an injected model projection, filter on model = '...'. Exit 0 on success, 1 "
                    + "if the query FAILED, was CANCELLED or timed out (with Athena's reason), 2 on bad input. "
                    + "Ctrl-C stops the query in Athena too."})
public final class AthenaQueryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SQL", description = "The statement, e.g. \"SELECT * FROM alerts "
            + "WHERE model = 'fraud' AND dt = '2025-06-01'\".")
    String sql;

    @Option(names = "--database", defaultValue = AthenaDdl.DEFAULT_DATABASE,
            description = "Database of unqualified table names (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--workgroup", defaultValue = "primary", description = "Athena work group (default: "
            + "${DEFAULT-VALUE}).")
    String workgroup;

    @Option(names = "--output-location", paramLabel = "s3://BUCKET/PREFIX/",
            description = "Where Athena writes result files; needed unless the work group sets one.")
    String outputLocation;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (JSON Lines) "
            + "(default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--page-size", defaultValue = "1000", description = "Rows per GetQueryResults call, 1..1000 "
            + "(default: ${DEFAULT-VALUE}).")
    int pageSize;

    @Option(names = "--timeout", defaultValue = "30m", description = "Stop the query (StopQueryExecution) and exit 1 "
            + "after this long, e.g. 90s, 30m, 2h (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Mixin
    AthenaAwsOptions aws;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        QueryResultFormat out = parse("--format", () -> QueryResultFormat.parse(format));
        Duration limit = parse("--timeout", () -> Parsers.DURATION_PARSER.parse(timeout));
        if (outputLocation != null && !outputLocation.startsWith("s3://")) {
            throw new UserInputException("--output-location must be s3://BUCKET/PREFIX/, got " + outputLocation);
        }
        if (pageSize < 1 || pageSize > AthenaQueryRunner.MAX_PAGE_SIZE) {
            throw new UserInputException("--page-size must be 1.." + AthenaQueryRunner.MAX_PAGE_SIZE + ", got "
                    + pageSize);
        }
        if (limit.isZero()) {
            throw new UserInputException("--timeout must be positive, got " + timeout);
        }
        AthenaQueryRunner.Options options =
                new AthenaQueryRunner.Options(database, workgroup, outputLocation, pageSize, limit);
        PrintWriter err = spec.commandLine().getErr();
        try (AthenaClient athena = AthenaClients.athena(aws.region(err), aws.endpoint())) {
            AtomicReference<String> running = new AtomicReference<>();
            Thread stopOnExit = new Thread(() -> stopIfRunning(athena, running.get(), err), "athena-query-stop");
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            QueryResult result;
            try {
                result = new AthenaQueryRunner(athena, Backoff.DEFAULT, AthenaQueryRunner.Ticker.SYSTEM,
                        (id, state, elapsed) -> {
                            running.set(isTerminal(state) ? null : id);
                            err.printf(Locale.ROOT, "athena: query %s %s after %.1f s%n", id, state,
                                    elapsed.toMillis() / 1000.0);
                        }).run(sql, options);
            } finally {
                running.set(null);
                removeHook(stopOnExit);
            }
            out.write(result, System.out);
        }
        return 0;
    }

    /** On Ctrl-C the JVM exits, but the query would go on scanning (and billing) in Athena: stop it. */
    private static void stopIfRunning(AthenaClient athena, String id, PrintWriter err) {
        if (id != null) {
            athena.stopQueryExecution(b -> b.queryExecutionId(id));
            err.println("athena: stopped query " + id);
            err.flush();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already exiting and the hook has run or will: nothing to undo
        }
    }

    private static boolean isTerminal(QueryExecutionState s) {
        return s == QueryExecutionState.SUCCEEDED || s == QueryExecutionState.FAILED
                || s == QueryExecutionState.CANCELLED;
    }

    private static <T> T parse(String flag, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new UserInputException(flag + ": " + e.getMessage());
        }
    }
}
