package dev.driftline.sink.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The rows of a finished query, from DuckDB ({@code driftline query}) or Athena ({@code driftline athena query}),
 * ready for {@link QueryResultFormat}.
 *
 * <p>Values are plain Java objects: {@code null}, {@link String}, {@link Boolean}, any {@link Number}, or anything
 * else (dates, timestamps), which is printed with {@code toString()}. A column is {@link Column#numeric() numeric}
 * when its values should be written as JSON numbers.
 *
 * @param columns column names and kinds, in order
 * @param rows    rows, each with one value per column
 */
public record QueryResult(List<Column> columns, List<List<Object>> rows) {

    /** A result column. */
    public record Column(String name, boolean numeric) {
        public Column {
            Objects.requireNonNull(name, "name");
        }
    }

    public QueryResult {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalArgumentException("row has " + r.size() + " values for " + columns.size() + " columns");
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(r))); // values may be null
        }
        rows = Collections.unmodifiableList(copy);
    }

    /** Column names in order. */
    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }
}
