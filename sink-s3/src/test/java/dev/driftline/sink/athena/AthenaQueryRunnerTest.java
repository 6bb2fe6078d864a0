package dev.driftline.sink.athena;

import static dev.driftline.sink.athena.FakeAthena.column;
import static dev.driftline.sink.athena.FakeAthena.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.athena.model.QueryExecutionState.CANCELLED;
import static software.amazon.awssdk.services.athena.model.QueryExecutionState.FAILED;
import static software.amazon.awssdk.services.athena.model.QueryExecutionState.QUEUED;
import static software.amazon.awssdk.services.athena.model.QueryExecutionState.RUNNING;
import static software.amazon.awssdk.services.athena.model.QueryExecutionState.SUCCEEDED;

import dev.driftline.sink.query.QueryResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.GetQueryResultsRequest;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.athena.model.StatementType;

class AthenaQueryRunnerTest {

    private final FakeAthena athena = new FakeAthena();
    private final FakeTicker ticker = new FakeTicker();
    private final List<String> seen = new ArrayList<>();
    private final AthenaQueryRunner runner = new AthenaQueryRunner(athena, Backoff.DEFAULT, ticker,
            (id, state, elapsed) -> seen.add(id + " " + state + " " + elapsed.toMillis()));

    private static AthenaQueryRunner.Options options(int pageSize, Duration timeout) {
        return new AthenaQueryRunner.Options("driftline", "primary", "s3://results/x/", pageSize, timeout);
    }

    @Test
    void pollsWithBackOffUntilSucceededAndReportsEachStateOnce() throws Exception {
        athena.states.addAll(List.of(QUEUED, QUEUED, RUNNING, RUNNING, RUNNING, SUCCEEDED));
        athena.columns = List.of(column("n", "integer"));
        athena.rows = List.of(row("n"), row("1"));

        QueryResult r = runner.run("SELECT 1 AS n", options(1000, Duration.ofMinutes(30)));

        assertThat(r.rows()).containsExactly(List.of("1"));
        assertThat(athena.polls).isEqualTo(6);
        assertThat(ticker.sleeps).extracting(Duration::toMillis).containsExactly(100L, 200L, 400L, 800L, 1600L);
        assertThat(seen).containsExactly("q-1 QUEUED 0", "q-1 RUNNING 300", "q-1 SUCCEEDED 3100");
        assertThat(athena.stops).isZero();
        var start = athena.starts.get(0);
        assertThat(start.queryString()).isEqualTo("SELECT 1 AS n");
        assertThat(start.workGroup()).isEqualTo("primary");
        assertThat(start.queryExecutionContext().database()).isEqualTo("driftline");
        assertThat(start.resultConfiguration().outputLocation()).isEqualTo("s3://results/x/");
    }

    @Test
    void pagesThroughEveryResultPageWithNextTokenDroppingOnlyTheHeaderRow() throws Exception {
        athena.states.add(SUCCEEDED);
        athena.columns = List.of(column("model", "varchar"), column("alerts", "bigint"));
        List<Row> rows = new ArrayList<>(List.of(row("model", "alerts")));
        for (int i = 0; i < 8; i++) {
            rows.add(row("m" + i, Integer.toString(i * 10)));
        }
        athena.rows = rows;

        QueryResult r = runner.run("SELECT …", options(3, Duration.ofMinutes(1)));

        assertThat(athena.resultRequests).extracting(GetQueryResultsRequest::nextToken)
                .containsExactly(null, "3", "6");
        assertThat(athena.resultRequests).extracting(GetQueryResultsRequest::maxResults).containsOnly(3);
        assertThat(r.columnNames()).containsExactly("model", "alerts");
        assertThat(r.columns()).extracting(QueryResult.Column::numeric).containsExactly(false, true);
        List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            expected.add(List.of("m" + i, Integer.toString(i * 10)));
        }
        assertThat(r.rows()).containsExactlyElementsOf(expected);
    }

    @Test
    void aFailedQueryThrowsWithAthenasReasonAndFetchesNoResults() {
        athena.states.addAll(List.of(QUEUED, RUNNING, FAILED));
        athena.stateChangeReason = "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.driftline.nope' does not exist";

        assertThatThrownBy(() -> runner.run("SELECT * FROM nope", options(1000, Duration.ofMinutes(1))))
                .isInstanceOfSatisfying(AthenaQueryException.class, e -> {
                    assertThat(e.state()).isEqualTo("FAILED");
                    assertThat(e.queryId()).isEqualTo("q-1");
                    assertThat(e.getMessage()).isEqualTo("query q-1 FAILED: TABLE_NOT_FOUND: line 1:15: Table "
                            + "'awsdatacatalog.driftline.nope' does not exist");
                });
        assertThat(athena.resultRequests).isEmpty();
        assertThat(seen).extracting(s -> s.split(" ")[1]).containsExactly("QUEUED", "RUNNING", "FAILED");
    }

    @Test
    void aCancelledQueryWithoutReasonSaysSo() {
        athena.states.addAll(List.of(RUNNING, CANCELLED));
        assertThatThrownBy(() -> runner.run("SELECT 1", options(1000, Duration.ofMinutes(1))))
                .isInstanceOf(AthenaQueryException.class)
                .hasMessage("query q-1 CANCELLED (Athena gave no reason)");
        assertThat(athena.stops).isZero();
    }

    @Test
    void theTimeoutStopsTheQueryAndNeverSleepsPastIt() {
        athena.states.add(RUNNING);
        assertThatThrownBy(() -> runner.run("SELECT 1", options(1000, Duration.ofSeconds(1))))
                .isInstanceOfSatisfying(AthenaQueryException.class, e -> {
                    assertThat(e.state()).isEqualTo("RUNNING");
                    assertThat(e.getMessage()).isEqualTo(
                            "query q-1 was still RUNNING after the timeout of PT1S; stopped it");
                });
        assertThat(ticker.sleeps).extracting(Duration::toMillis).containsExactly(100L, 200L, 400L, 300L);
        assertThat(athena.stops).isEqualTo(1);
        assertThat(athena.resultRequests).isEmpty();
    }

    @Test
    void anInterruptedWaitStopsTheQuery() {
        athena.states.add(QUEUED);
        AthenaQueryRunner interrupted = new AthenaQueryRunner(athena, Backoff.DEFAULT, new AthenaQueryRunner.Ticker() {
            @Override
            public long nanoTime() {
                return 0;
            }

            @Override
            public void sleep(Duration d) throws InterruptedException {
                throw new InterruptedException("stop");
            }
        }, (id, state, elapsed) -> { });
        assertThatThrownBy(() -> interrupted.run("SELECT 1", options(1000, Duration.ofMinutes(1))))
                .isInstanceOf(InterruptedException.class);
        assertThat(athena.stops).isEqualTo(1);
    }

    @Test
    void ddlResultsHaveNoHeaderRowToDrop() throws Exception {
        athena.states.add(SUCCEEDED);
        athena.statementType = StatementType.DDL;
        athena.columns = List.of(column("tab_name", "string"));
        athena.rows = List.of(row("tab_name"), row("alerts"));
        QueryResult r = runner.run("SHOW TABLES", new AthenaQueryRunner.Options(null, "primary", null, 1,
                Duration.ofMinutes(1)));
        assertThat(r.rows()).containsExactly(List.of("tab_name"), List.of("alerts"));
        assertThat(athena.starts.get(0).queryExecutionContext()).isNull();
        assertThat(athena.starts.get(0).resultConfiguration()).isNull();
    }

    @Test
    void optionsRefuseBadPageSizesAndTimeouts() {
        assertThatThrownBy(() -> options(0, Duration.ofSeconds(1))).hasMessageContaining("page size must be 1..1000");
        assertThatThrownBy(() -> options(1001, Duration.ofSeconds(1))).hasMessageContaining("page size");
        assertThatThrownBy(() -> options(10, Duration.ZERO)).hasMessageContaining("timeout must be positive");
    }
}
