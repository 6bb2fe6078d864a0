package dev.driftline.drift.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A table read from a file: column names in order and rows of raw cells ({@code String}, {@code Number},
 * {@code Boolean} or {@code null} for missing), each row remembering its line in the file for error messages.
 */
public final class Table {
    private final String source;
    private final List<String> columns;
    private final List<Object[]> rows;
    private final List<Long> lines;

    public Table(String source, List<String> columns, List<Object[]> rows, List<Long> lines) {
        if (rows.size() != lines.size()) {
            throw new IllegalArgumentException("rows and line numbers differ in length");
        }
        this.source = source;
        this.columns = List.copyOf(columns);
        this.rows = Collections.unmodifiableList(new ArrayList<>(rows));
        this.lines = List.copyOf(lines);
    }

    public String source() {
        return source;
    }

    public List<String> columns() {
        return columns;
    }

    public int size() {
        return rows.size();
    }

    public int indexOf(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException(source + ": no column '" + column + "'; columns: " + columns);
        }
        return i;
    }

    /** The cell, or null when the row is shorter (a JSONL object without the key). */
    public Object cell(int row, int column) {
        Object[] r = rows.get(row);
        return column < r.length ? r[column] : null;
    }

    public long lineOf(int row) {
        return lines.get(row);
    }

    /** All cells of one column, in row order. */
    public List<Object> column(String name) {
        int c = indexOf(name);
        List<Object> out = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            out.add(cell(r, c));
        }
        return out;
    }
}
