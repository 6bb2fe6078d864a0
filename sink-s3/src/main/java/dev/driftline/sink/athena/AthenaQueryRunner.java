package dev.driftline.sink.athena;

import dev.driftline.sink.query.QueryResult;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.StatementType;

/**
 * Runs one SQL statement on Athena and returns its rows ({@code driftline athena query}): StartQueryExecution,
 * GetQueryExecution with {@link Backoff} until SUCCEEDED, FAILED or CANCELLED, then every page of GetQueryResults.
 *
 * <p>Time and sleeping come from a {@link Ticker}, so tests run the whole schedule (and the timeout) without
 * waiting. State changes go to a {@link Listener}: the CLI prints them to stderr, keeping stdout for the rows.
 */
public final class AthenaQueryRunner {

    /** Largest page GetQueryResults allows. */
    public static final int MAX_PAGE_SIZE = 1000;

    /** A monotonic clock and a sleep that advances it. */
    public interface Ticker {
        /** The real clock and {@link Thread#sleep}. */
        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration d) throws InterruptedException {
                Thread.sleep(d.toMillis());
            }
        };

        long nanoTime();

        void sleep(Duration d) throws InterruptedException;
    }

    /** Told each state the query is seen in, once per change (the first state included). */
    @FunctionalInterface
    public interface Listener {
        void stateChanged(String queryId, QueryExecutionState state, Duration elapsed);
    }

    /**
     * Where and how to run.
     *
     * @param database       default database of unqualified table names, null for Athena's default
     * @param workgroup      work group, e.g. {@code primary}
     * @param outputLocation s3:// prefix for result files, null to use the work group's setting
     * @param pageSize       rows per GetQueryResults call, 1..{@value #MAX_PAGE_SIZE}
     * @param timeout        after this the query is stopped (StopQueryExecution) and the run fails
     */
    public record Options(String database, String workgroup, String outputLocation, int pageSize, Duration timeout) {
        public Options {
            Objects.requireNonNull(workgroup, "workgroup");
            Objects.requireNonNull(timeout, "timeout");
            if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
                throw new IllegalArgumentException("page size must be 1.." + MAX_PAGE_SIZE + ": " + pageSize);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
        }
    }

    private final AthenaClient athena;
    private final Backoff backoff;
    private final Ticker ticker;
    private final Listener listener;

    public AthenaQueryRunner(AthenaClient athena, Backoff backoff, Ticker ticker, Listener listener) {
        this.athena = Objects.requireNonNull(athena, "athena");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Runs {@code sql} to the end and returns every row.
     *
     * @throws AthenaQueryException  if the query FAILED, was CANCELLED or timed out (then it has been stopped)
     * @throws InterruptedException if interrupted while waiting (the query is stopped first)
     */
    public QueryResult run(String sql, Options options) throws InterruptedException {
        StartQueryExecutionRequest.Builder start = StartQueryExecutionRequest.builder().queryString(sql)
                .workGroup(options.workgroup());
        if (options.database() != null) {
            start.queryExecutionContext(c -> c.database(options.database()));
        }
        if (options.outputLocation() != null) {
            start.resultConfiguration(c -> c.outputLocation(options.outputLocation()));
        }
        String id = athena.startQueryExecution(start.build()).queryExecutionId();
        QueryExecution done = await(id, options.timeout());
        return fetch(id, done.statementType() == StatementType.DML, options.pageSize());
    }

    private QueryExecution await(String id, Duration timeout) throws InterruptedException {
        long started = ticker.nanoTime();
        QueryExecutionState last = null;
        for (int attempt = 0; ; attempt++) {
            QueryExecution qe = athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution();
            QueryExecutionState state = qe.status().state();
            Duration elapsed = Duration.ofNanos(ticker.nanoTime() - started);
            if (state != last) {
                listener.stateChanged(id, state, elapsed);
                last = state;
            }
            switch (state) {
                case SUCCEEDED:
                    return qe;
                case FAILED:
                case CANCELLED:
                    String reason = qe.status().stateChangeReason();
                    throw new AthenaQueryException(id, state.toString(), "query " + id + " " + state
                            + (reason == null || reason.isBlank() ? " (Athena gave no reason)" : ": " + reason));
                default:
                    break;
            }
            Duration left = timeout.minus(elapsed);
            if (left.isNegative() || left.isZero()) {
                stop(id);
                throw new AthenaQueryException(id, state.toString(), "query " + id + " was still " + state
                        + " after the timeout of " + timeout + "; stopped it");
            }
            Duration delay = backoff.delay(attempt);
            try {
                ticker.sleep(delay.compareTo(left) < 0 ? delay : left);
            } catch (InterruptedException e) {
                stop(id);
                throw e;
            }
        }
    }

    private void stop(String id) {
        athena.stopQueryExecution(b -> b.queryExecutionId(id));
    }

    private QueryResult fetch(String id, boolean dml, int pageSize) {
        AthenaResultPages pages = new AthenaResultPages(dml);
        String token = null;
        do {
            String next = token;
            GetQueryResultsResponse page = athena.getQueryResults(b -> b.queryExecutionId(id).maxResults(pageSize)
                    .nextToken(next));
            pages.add(page.resultSet());
            token = page.nextToken();
        } while (token != null);
        return pages.result();
    }
}
