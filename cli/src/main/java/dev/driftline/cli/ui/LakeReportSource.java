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
        return read(model, from, to, Integer.MAX_VALUE);
    }

    /**
     * The model's rows, reading only what a document with {@code detailCells} detail cells shows
     * ({@link ReportDocument#model}): all drift and profile rows of the latest {@code detailCells / features}
     * windows; of older windows the drift rows of each cell's decision and score figure and the profiles of the
     * earliest window only (the reference without a baseline). So a lake of 2,000 windows × 200 features is read as
     * about 2 rows a cell instead of a dozen and a sketch.
     */
    public ModelRows read(String model, Instant from, Instant to, int detailCells) {
        String base = "model = " + literal(ObjectKeys.escape(model));
        String drift = base + range("window_start", from, to);
        String trimDrift = "";
        String trimProfiles = "";
        List<List<Object>> windows = lake.query("SELECT DISTINCT epoch_ms(window_start) AS w FROM drift_metrics WHERE "
                + drift + " ORDER BY w DESC").rows();
        long features = ((Number) lake.query("SELECT count(DISTINCT feature) FROM drift_metrics WHERE " + drift)
                .rows().get(0).get(0)).longValue();
        int detail = (int) Math.max(1, detailCells / Math.max(1, features));
        if (windows.size() > detail) {
            long cutoff = ((Number) windows.get(detail - 1).get(0)).longValue();
            long earliest = ((Number) windows.get(windows.size() - 1).get(0)).longValue();
            List<String> keep = new ArrayList<>();
            Map<String, Integer> score = new LinkedHashMap<>();
            for (List<Object> r : lake.query("SELECT DISTINCT feature, metric FROM drift_metrics WHERE " + drift
                    + " AND feature IS NOT NULL AND metric IS NOT NULL").rows()) {
                int i = ReportDocument.SCORE_METRICS.indexOf(r.get(1).toString());
                if (i >= 0) {
                    score.merge(r.get(0).toString(), i, Math::min);
                }
            }
            score.forEach((f, i) -> keep.add("(feature = " + literal(f) + " AND metric = "
                    + literal(ReportDocument.SCORE_METRICS.get(i)) + ")"));
            trimDrift = " AND (window_start >= epoch_ms(" + cutoff + ") OR feature IS NULL OR is_decision_metric"
                    + (keep.isEmpty() ? "" : " OR " + String.join(" OR ", keep))
                    + ")";
            trimProfiles = " AND (window_start >= epoch_ms(" + cutoff + ") OR window_start = epoch_ms(" + earliest
                    + "))";
        }
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
            sql.append(" FROM ").append(t.tableName()).append(" WHERE ").append(base)
                    .append(range(time, from, to));
            if (t == LakeTable.DRIFT_METRICS) {
                sql.append(trimDrift);
            } else if (t == LakeTable.FEATURE_PROFILES) {
                sql.append(trimProfiles);
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

    private static String range(String column, Instant from, Instant to) {
        StringBuilder s = new StringBuilder();
        if (from != null) {
            s.append(" AND ").append(column).append(" >= epoch_ms(").append(from.toEpochMilli()).append(")");
        }
        if (to != null) {
            s.append(" AND ").append(column).append(" < epoch_ms(").append(to.toEpochMilli()).append(")");
        }
        return s.toString();
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
