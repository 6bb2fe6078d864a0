package dev.driftline.sink.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.sink.query.QueryResult;
import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.WithMoto;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

/**
 * {@link AthenaQueryRunner} against moto's Athena. moto never runs SQL: a query walks QUEUED → RUNNING →
 * SUCCEEDED as its state manager says, its results are whatever was seeded before it started (served verbatim and
 * in one page, MaxResults ignored), and it can only end CANCELLED (by StopQueryExecution), never FAILED; FAILED is
 * covered by {@link AthenaQueryRunnerTest}.
 */
@WithMoto
class AthenaQueryRunnerIT {

    private static final String EXECUTION = "athena::execution";

    private MotoServer moto;
    private AthenaClient athena;
    private final FakeTicker ticker = new FakeTicker();
    private final List<QueryExecutionState> seen = new ArrayList<>();

    @BeforeEach
    void setUp(MotoServer moto) {
        this.moto = moto;
        athena = moto.closeWithServer(moto.configure(AthenaClient.builder()).build());
    }

    @AfterEach
    void restoreImmediateTransitions() {
        moto.post("/moto-api/state-manager/unset-transition", "{\"model_name\":\"" + EXECUTION + "\"}");
    }

    private void holdEachStateFor(int polls) {
        moto.post("/moto-api/state-manager/set-transition", "{\"model_name\":\"" + EXECUTION
                + "\",\"transition\":{\"progression\":\"manual\",\"times\":" + polls + "}}");
    }

    /** Seeds the next query's result: a header row like Athena's, then {@code n} rows (model_i, i). */
    private void seedRows(int n) {
        StringBuilder rows = new StringBuilder("{\"Data\":[{\"VarCharValue\":\"model\"},{\"VarCharValue\":\"n\"}]}");
        for (int i = 0; i < n; i++) {
            rows.append(",{\"Data\":[{\"VarCharValue\":\"model_").append(i).append("\"},{\"VarCharValue\":\"")
                    .append(i).append("\"}]}");
        }
        moto.post("/moto-api/static/athena/query-results", "{\"account_id\":\"123456789012\","
                + "\"region\":\"us-east-1\",\"results\":[{\"rows\":[" + rows + "],\"column_info\":["
                + "{\"Name\":\"model\",\"Label\":\"model\",\"Type\":\"varchar\"},"
                + "{\"Name\":\"n\",\"Label\":\"n\",\"Type\":\"bigint\"}]}]}");
    }

    private AthenaQueryRunner runner(AthenaQueryRunner.Listener also) {
        return new AthenaQueryRunner(athena, Backoff.DEFAULT, ticker, (id, state, elapsed) -> {
            seen.add(state);
            also.stateChanged(id, state, elapsed);
        });
    }

    private static AthenaQueryRunner.Options options(int pageSize, Duration timeout) {
        return new AthenaQueryRunner.Options("driftline", "primary", "s3://athena-results/driftline/", pageSize,
                timeout);
    }

    @Test
    void aQueuedThenRunningQuerySucceedsAndEveryRowArrivesOnceInOrder() throws Exception {
        holdEachStateFor(2);
        seedRows(7);

        QueryResult r = runner((id, s, e) -> { }).run("SELECT model, count(*) AS n FROM alerts GROUP BY 1",
                options(2, Duration.ofMinutes(5)));

        assertThat(seen).containsExactly(QueryExecutionState.QUEUED, QueryExecutionState.RUNNING,
                QueryExecutionState.SUCCEEDED);
        // times=2: polls 1-2 see QUEUED then RUNNING, polls 3-4 RUNNING then SUCCEEDED; no sleep after the last
        assertThat(ticker.sleeps).extracting(Duration::toMillis).containsExactly(100L, 200L, 400L);
        assertThat(r.columnNames()).containsExactly("model", "n");
        assertThat(r.columns()).extracting(QueryResult.Column::numeric).containsExactly(false, true);
        List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            expected.add(List.of("model_" + i, Integer.toString(i)));
        }
        assertThat(r.rows()).containsExactlyElementsOf(expected);
    }

    @Test
    void motoServesSeededRowsVerbatimHeaderIncludedInOnePage() {
        seedRows(3);
        String id = athena.startQueryExecution(b -> b.queryString("SELECT 1").workGroup("primary"))
                .queryExecutionId();
        assertThat(athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution().status().state())
                .isEqualTo(QueryExecutionState.SUCCEEDED);

        GetQueryResultsResponse page = athena.getQueryResults(b -> b.queryExecutionId(id).maxResults(2));

        assertThat(page.resultSet().rows()).hasSize(4);
        assertThat(page.resultSet().rows().get(0).data().get(0).varCharValue()).isEqualTo("model");
        assertThat(page.nextToken()).isNull();
    }

    @Test
    void aQueryStoppedWhileQueuedEndsCancelledWithAnError() {
        holdEachStateFor(1000);
        AthenaClient other = moto.closeWithServer(moto.configure(AthenaClient.builder()).build());
        AthenaQueryRunner runner = runner((id, state, e) -> {
            if (state == QueryExecutionState.QUEUED) {
                other.stopQueryExecution(b -> b.queryExecutionId(id));
            }
        });

        assertThatThrownBy(() -> runner.run("SELECT 1", options(1000, Duration.ofMinutes(5))))
                .isInstanceOfSatisfying(AthenaQueryException.class, e -> {
                    assertThat(e.state()).isEqualTo("CANCELLED");
                    assertThat(e.getMessage()).isEqualTo("query " + e.queryId()
                            + " CANCELLED (Athena gave no reason)");
                });
        assertThat(seen).containsExactly(QueryExecutionState.QUEUED, QueryExecutionState.CANCELLED);
    }

    @Test
    void theTimeoutStopsAQueryThatNeverLeavesTheQueue() {
        holdEachStateFor(1000);

        AthenaQueryException e = org.junit.jupiter.api.Assertions.assertThrows(AthenaQueryException.class,
                () -> runner((id, s, x) -> { }).run("SELECT 1", options(1000, Duration.ofSeconds(3))));

        assertThat(e.getMessage()).isEqualTo("query " + e.queryId()
                + " was still QUEUED after the timeout of PT3S; stopped it");
        assertThat(ticker.sleeps.stream().mapToLong(Duration::toMillis).sum()).isEqualTo(3000L);
        assertThat(athena.getQueryExecution(b -> b.queryExecutionId(e.queryId())).queryExecution().status().state())
                .isEqualTo(QueryExecutionState.CANCELLED);
    }
}
