package dev.driftline.cli.ui;

import dev.driftline.sink.LakeTable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One model's rows of the five tables the page shows ({@link #TABLES}), as column name → value maps in the lake's
 * columns ({@code sink-s3/README.md} "Tables"), with every timestamp as epoch milliseconds (a {@link Long}). The
 * report reads them from the lake with SQL ({@link LakeReportSource}); the live page makes the same rows from the
 * topics with the sink's own {@code TableRows} ({@link LiveData}). Either way {@link ReportDocument} turns them into
 * the page's data document, so the two pages cannot disagree.
 */
public final class ModelRows {
    /** The tables the page reads. */
    public static final List<LakeTable> TABLES = List.of(LakeTable.DRIFT_METRICS, LakeTable.FEATURE_PROFILES,
            LakeTable.MODEL_QUALITY, LakeTable.ALERTS, LakeTable.REMEDIATION_EVENTS);

    private final String model;
    private final Map<LakeTable, List<Map<String, Object>>> rows = new EnumMap<>(LakeTable.class);

    public ModelRows(String model) {
        this.model = model;
        for (LakeTable t : TABLES) {
            rows.put(t, new ArrayList<>());
        }
    }

    public String model() {
        return model;
    }

    /** The rows of a table (mutable, in arrival order). */
    public List<Map<String, Object>> rows(LakeTable table) {
        List<Map<String, Object>> r = rows.get(table);
        if (r == null) {
            throw new IllegalArgumentException("the page does not read " + table.tableName());
        }
        return r;
    }

    /** Adds a row given as column names and values (alternating). */
    public ModelRows add(LakeTable table, Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        rows(table).add(m);
        return this;
    }
}
