package dev.driftline.sink.athena;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.GetQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.GetQueryResultsRequest;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.ResultSet;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.StatementType;
import software.amazon.awssdk.services.athena.model.StopQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.StopQueryExecutionResponse;

/**
 * A scripted Athena: one query whose GetQueryExecution answers walk through {@link #states} (the last one
 * repeats), and whose results are {@link #rows} served {@code MaxResults} at a time with NextToken = next index,
 * like the real service, which (unlike moto) honours MaxResults. Records every request.
 */
final class FakeAthena implements AthenaClient {
    static final String ID = "q-1";

    final Deque<QueryExecutionState> states = new ArrayDeque<>();
    String stateChangeReason;
    StatementType statementType = StatementType.DML;
    List<ColumnInfo> columns = List.of();
    List<Row> rows = List.of();

    final List<StartQueryExecutionRequest> starts = new ArrayList<>();
    final List<GetQueryResultsRequest> resultRequests = new ArrayList<>();
    int polls;
    int stops;

    static Row row(String... values) {
        List<Datum> data = new ArrayList<>();
        for (String v : values) {
            data.add(v == null ? Datum.builder().build() : Datum.builder().varCharValue(v).build());
        }
        return Row.builder().data(data).build();
    }

    static ColumnInfo column(String name, String type) {
        return ColumnInfo.builder().name(name).label(name).type(type).build();
    }

    @Override
    public StartQueryExecutionResponse startQueryExecution(StartQueryExecutionRequest request) {
        starts.add(request);
        return StartQueryExecutionResponse.builder().queryExecutionId(ID).build();
    }

    @Override
    public GetQueryExecutionResponse getQueryExecution(GetQueryExecutionRequest request) {
        polls++;
        QueryExecutionState state = states.size() > 1 ? states.removeFirst() : states.getFirst();
        return GetQueryExecutionResponse.builder().queryExecution(QueryExecution.builder()
                .queryExecutionId(request.queryExecutionId()).statementType(statementType)
                .status(s -> s.state(state).stateChangeReason(
                        state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED
                                ? stateChangeReason : null))
                .build()).build();
    }

    @Override
    public GetQueryResultsResponse getQueryResults(GetQueryResultsRequest request) {
        resultRequests.add(request);
        int from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
        int to = Math.min(rows.size(), from + request.maxResults());
        ResultSet.Builder page = ResultSet.builder().rows(rows.subList(from, to));
        if (from == 0) {
            page.resultSetMetadata(m -> m.columnInfo(columns));
        }
        return GetQueryResultsResponse.builder().resultSet(page.build())
                .nextToken(to < rows.size() ? Integer.toString(to) : null).build();
    }

    @Override
    public StopQueryExecutionResponse stopQueryExecution(StopQueryExecutionRequest request) {
        stops++;
        return StopQueryExecutionResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
