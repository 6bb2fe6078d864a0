package dev.driftline.sink.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How {@code driftline query} and {@code driftline athena query} print a {@link QueryResult}.
 *
 * <ul>
 *   <li>{@link #TABLE}: aligned columns under a header and a rule, {@code NULL} for nulls, then {@code (N rows)};
 *       for people.</li>
 *   <li>{@link #CSV}: RFC 4180 (header line, fields quoted when they hold a comma, quote or line break, CRLF-free:
 *       lines end with {@code \n}), nulls as empty fields; for spreadsheets and scripts.</li>
 *   <li>{@link #JSON}: one JSON object per row per line (JSON Lines), numeric columns as numbers, nulls as
 *       {@code null}; for {@code jq}.</li>
 * </ul>
 */
public enum QueryResultFormat {
    TABLE, CSV, JSON;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Parses {@code table|csv|json} (any case). */
    public static QueryResultFormat parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("format must be table, csv or json: " + s, e);
        }
    }

    /** Writes the result to {@code out}. */
    public void write(QueryResult result, PrintStream out) {
        switch (this) {
            case TABLE -> writeTable(result, out);
            case CSV -> writeCsv(result, out);
            case JSON -> writeJson(result, out);
            default -> throw new IllegalStateException(name());
        }
        out.flush();
    }

    private static void writeTable(QueryResult r, PrintStream out) {
        int n = r.columns().size();
        int[] width = new int[n];
        List<String[]> cells = new ArrayList<>(r.rows().size());
        for (int i = 0; i < n; i++) {
            width[i] = r.columns().get(i).name().length();
        }
        for (List<Object> row : r.rows()) {
            String[] c = new String[n];
            for (int i = 0; i < n; i++) {
                c[i] = row.get(i) == null ? "NULL" : text(row.get(i)).replace('\n', ' ');
                width[i] = Math.max(width[i], c[i].length());
            }
            cells.add(c);
        }
        StringBuilder header = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                header.append(" | ");
                rule.append("-+-");
            }
            header.append(pad(r.columns().get(i).name(), width[i], false));
            rule.append("-".repeat(width[i]));
        }
        out.println(header.toString().stripTrailing());
        out.println(rule);
        for (String[] c : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    line.append(" | ");
                }
                line.append(pad(c[i], width[i], r.columns().get(i).numeric()));
            }
            out.println(line.toString().stripTrailing());
        }
        out.println("(" + r.rows().size() + (r.rows().size() == 1 ? " row)" : " rows)"));
    }

    private static void writeCsv(QueryResult r, PrintStream out) {
        out.println(String.join(",", r.columnNames().stream().map(QueryResultFormat::csvField).toList()));
        for (List<Object> row : r.rows()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    line.append(',');
                }
                if (row.get(i) != null) {
                    line.append(csvField(text(row.get(i))));
                }
            }
            out.println(line);
        }
    }

    private static void writeJson(QueryResult r, PrintStream out) {
        try {
            for (List<Object> row : r.rows()) {
                java.io.StringWriter sw = new java.io.StringWriter();
                try (JsonGenerator g = MAPPER.getFactory().createGenerator(sw)) {
                    g.writeStartObject();
                    for (int i = 0; i < row.size(); i++) {
                        g.writeFieldName(r.columns().get(i).name());
                        writeJsonValue(g, row.get(i), r.columns().get(i).numeric());
                    }
                    g.writeEndObject();
                }
                out.println(sw);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeJsonValue(JsonGenerator g, Object v, boolean numeric) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            g.writeString(d.toString()); // JSON has no NaN/Infinity
        } else if (v instanceof Float f && (f.isNaN() || f.isInfinite())) {
            g.writeString(f.toString());
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (v instanceof Number num) {
            g.writeNumber(num.toString());
        } else if (numeric && isNumber(v.toString())) {
            g.writeNumber(v.toString()); // Athena returns every value as text
        } else {
            g.writeString(text(v));
        }
    }

    private static boolean isNumber(String s) {
        return s.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    }

    private static String text(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return BigDecimal.valueOf(d).toPlainString().replaceAll("\\.0$", "") + ".0";
        }
        return v.toString();
    }

    private static String csvField(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
