package dev.driftline.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table for the remediation sub-commands: left-aligned columns as wide as their widest cell, the last
 * one unpadded (it holds free text: decisions, failures, messages, which should not be cut).
 */
final class RemediationTable {
    private final List<String[]> rows = new ArrayList<>();

    RemediationTable(String... header) {
        rows.add(header);
    }

    RemediationTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    void print(PrintWriter out) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], cell(r, i).length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String c = cell(r, i);
                sb.append(i == columns - 1 ? c : String.format("%-" + width[i] + "s  ", c));
            }
            out.println(sb.toString().stripTrailing());
        }
        out.flush();
    }

    private static String cell(String[] r, int i) {
        return i < r.length && r[i] != null ? r[i] : "";
    }

    /** Epoch ms as an ISO instant to the second (UTC), the format of the records' JSON. */
    static String time(long epochMs) {
        return epochMs <= 0 ? "-" : Instant.ofEpochMilli(epochMs).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
