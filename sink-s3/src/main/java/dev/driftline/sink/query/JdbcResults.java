package dev.driftline.sink.query;

import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a JDBC result set (DuckDB's) into a {@link QueryResult} of plain values, so the printers need not know
 * driver classes.
 *
 * <ul>
 *   <li>Numeric columns: the JDBC numeric types plus DuckDB's HUGEINT and unsigned integers, which its driver
 *       reports as {@code OTHER}.</li>
 *   <li>TIMESTAMP → {@code 2026-11-21 10:00:00}, with {@code .SSS} (or microseconds) only when not zero — the
 *       lake's times are UTC, the session zone is UTC; TIMESTAMP WITH TIME ZONE → the same in UTC with
 *       {@code +00} (as DuckDB's own CLI prints it); DATE and TIME → ISO text.</li>
 *   <li>BLOB → lower-case hex without prefix (record keys and values of dead letters are short and often binary;
 *       use {@code CAST(record_value AS VARCHAR)} in DuckDB or {@code from_utf8(record_value)} in Athena for
 *       text).</li>
 *   <li>LIST → {@code [a, b]}; STRUCT, MAP, JSON, UUID, INTERVAL → the driver's text.</li>
 * </ul>
 */
final class JdbcResults {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final Set<Integer> NUMERIC_TYPES = Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER,
            Types.BIGINT, Types.FLOAT, Types.REAL, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL);
    private static final Set<String> NUMERIC_NAMES = Set.of("HUGEINT", "UHUGEINT", "UBIGINT", "UINTEGER",
            "USMALLINT", "UTINYINT");

    private JdbcResults() {
    }

    static QueryResult read(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<QueryResult.Column> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            boolean numeric = NUMERIC_TYPES.contains(md.getColumnType(i))
                    || NUMERIC_NAMES.contains(md.getColumnTypeName(i).toUpperCase(Locale.ROOT));
            columns.add(new QueryResult.Column(md.getColumnLabel(i), numeric));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(value(rs.getObject(i)));
            }
            rows.add(row);
        }
        return new QueryResult(columns, rows);
    }

    /** A printable plain value for a driver value; see the class comment. */
    static Object value(Object v) throws SQLException {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Timestamp t) {
            return timestamp(t.toLocalDateTime());
        }
        if (v instanceof LocalDateTime t) {
            return timestamp(t);
        }
        if (v instanceof OffsetDateTime t) {
            return timestamp(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()) + "+00";
        }
        if (v instanceof Blob b) {
            return HexFormat.of().formatHex(b.getBytes(1, (int) b.length()));
        }
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        if (v instanceof Array a) {
            Object[] items = (Object[]) a.getArray();
            List<Object> out = new ArrayList<>(items.length);
            for (Object item : items) {
                out.add(value(item));
            }
            return out.toString();
        }
        return v.toString();
    }

    /** {@code yyyy-MM-dd HH:mm:ss}, plus milliseconds or microseconds when there are any. */
    static String timestamp(LocalDateTime t) {
        String s = SECONDS.format(t);
        int nanos = t.getNano();
        if (nanos == 0) {
            return s;
        }
        if (nanos % 1_000_000 == 0) {
            return s + String.format(Locale.ROOT, ".%03d", nanos / 1_000_000);
        }
        return s + String.format(Locale.ROOT, ".%06d", nanos / 1_000);
    }
}
