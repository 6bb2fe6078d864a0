package dev.driftline.cli.ui;

import dev.driftline.sink.LakeColumn;
import dev.driftline.sink.LakeTable;
import dev.driftline.sink.ObjectKeys;
import dev.driftline.sink.query.LocalLake;
import dev.driftline.sink.query.QueryResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads one model's rows for the page from a local lake with the project's embedded DuckDB ({@link LocalLake}, the
 * same views as {@code driftline query}): every column of {@link ModelRows#TABLES}, timestamps as epoch
 * milliseconds, rows whose time column (window start; {@code at} for remediation events) is in {@code [from, to)}.
 */
public final class LakeReportSource {
    private final LocalLake lake;

    public LakeReportSource(LocalLake lake) {
        this.lake = lake;
    }

    /** Models (unescaped partition values) with a drift, profile, quality, alert or remediation row, sorted. */
    public List<String> models() {
        TreeSet<String> out = new TreeSet<>();
        for (LakeTable t : ModelRows.TABLES) {
            for (List<Object> r : lake.query("SELECT DISTINCT model FROM " + t.tableName()).rows()) {
                if (r.get(0) != null && !ObjectKeys.UNKNOWN_MODEL.equals(r.get(0))) {
                    out.add(unescape(r.get(0).toString()));
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** The model's rows; {@code from}/{@code to} may be null (unbounded). */
    public ModelRows read(String model, Instant from, Instant to) {
        ModelRows out = new ModelRows(model);
        for (LakeTable t : ModelRows.TABLES) {
            StringBuilder sql = new StringBuilder("SELECT ");
            List<LakeColumn> columns = t.columns();
            for (int i = 0; i < columns.size(); i++) {
                LakeColumn c = columns.get(i);
                String q = '"' + c.name() + '"';
                sql.append(i == 0 ? "" : ", ").append(c.type() == LakeColumn.Type.TIMESTAMP
                        ? "epoch_ms(" + q + ") AS " + q : q);
            }
            String time = '"' + t.timeColumn() + '"';
            sql.append(" FROM ").append(t.tableName()).append(" WHERE model = ").append(literal(ObjectKeys.escape(model)));
            if (from != null) {
                sql.append(" AND ").append(time).append(" >= epoch_ms(").append(from.toEpochMilli()).append(")");
            }
            if (to != null) {
                sql.append(" AND ").append(time).append(" < epoch_ms(").append(to.toEpochMilli()).append(")");
            }
            sql.append(" ORDER BY ").append(time).append(", kafka_partition, kafka_offset");
            QueryResult r = lake.query(sql.toString());
            List<String> names = r.columnNames();
            for (List<Object> row : r.rows()) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    m.put(names.get(i), row.get(i));
                }
                out.rows(t).add(m);
            }
        }
        return out;
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** Reverses {@link ObjectKeys#escape}: {@code %XX} bytes back to UTF-8 text. */
    static String unescape(String escaped) {
        if (escaped.indexOf('%') < 0) {
            return escaped;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '%' && i + 2 < escaped.length()) {
                bytes.write(Integer.parseInt(escaped.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
