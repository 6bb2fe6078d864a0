package dev.driftline.sink.athena;

import dev.driftline.sink.query.QueryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.ResultSet;
import software.amazon.awssdk.services.athena.model.Row;

/**
 * Collects the pages of GetQueryResults into one {@link QueryResult}.
 *
 * <p>Athena puts the column labels as an extra first row on the first page of a SELECT (statement type DML), not
 * of DDL or utility statements ({@code SHOW TABLES} has none). That row is dropped only when both hold: the
 * statement is DML and the row's values equal the column labels, so a data row is never lost, also with fakes such
 * as moto, which return seeded rows exactly as given.
 *
 * <p>Every value arrives as text ({@code VarCharValue}); a missing value is SQL NULL. Columns of Athena's numeric
 * types ({@link #NUMERIC_TYPES}, and {@code decimal(p,s)}) are marked numeric so JSON output writes numbers and the
 * table right-aligns them; their text is kept as Athena wrote it (no rounding through double). {@code boolean}
 * values become {@link Boolean}s.
 */
public final class AthenaResultPages {

    /** Athena (Trino) types printed as numbers. */
    public static final Set<String> NUMERIC_TYPES =
            Set.of("tinyint", "smallint", "integer", "bigint", "double", "real", "float", "decimal");

    private final boolean dml;
    private List<ColumnInfo> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    /** @param dml the statement type is DML, whose first page starts with a header row */
    public AthenaResultPages(boolean dml) {
        this.dml = dml;
    }

    /** Adds the next page; the first page's metadata gives the columns. */
    public void add(ResultSet page) {
        List<Row> pageRows = page.rows();
        int from = 0;
        if (columns == null) {
            columns = page.resultSetMetadata() == null ? List.of() : page.resultSetMetadata().columnInfo();
            if (dml && !pageRows.isEmpty() && isHeader(pageRows.get(0))) {
                from = 1;
            }
        }
        for (Row r : pageRows.subList(from, pageRows.size())) {
            rows.add(values(r));
        }
    }

    /** All rows added so far. */
    public QueryResult result() {
        List<ColumnInfo> info = columns == null ? List.of() : columns;
        return new QueryResult(info.stream().map(c -> new QueryResult.Column(c.name(), isNumeric(c.type())))
                .toList(), rows);
    }

    /** True for Athena's numeric type names, with or without precision ({@code decimal(10,2)}). */
    public static boolean isNumeric(String type) {
        if (type == null) {
            return false;
        }
        String t = type.toLowerCase(Locale.ROOT);
        int paren = t.indexOf('(');
        return NUMERIC_TYPES.contains((paren < 0 ? t : t.substring(0, paren)).strip());
    }

    private boolean isHeader(Row row) {
        if (row.data().size() != columns.size()) {
            return false;
        }
        for (int i = 0; i < columns.size(); i++) {
            ColumnInfo c = columns.get(i);
            String v = row.data().get(i).varCharValue();
            if (v == null || !(v.equals(c.label()) || v.equals(c.name()))) {
                return false;
            }
        }
        return true;
    }

    private List<Object> values(Row row) {
        if (row.data().size() != columns.size()) {
            throw new IllegalStateException("Athena returned a row of " + row.data().size() + " values for "
                    + columns.size() + " columns");
        }
        List<Object> out = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Datum d = row.data().get(i);
            String v = d.varCharValue();
            boolean bool = "boolean".equalsIgnoreCase(columns.get(i).type());
            out.add(v == null ? null : bool ? (Object) Boolean.valueOf(v) : v);
        }
        return out;
    }
}
