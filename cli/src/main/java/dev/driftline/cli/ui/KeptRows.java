package dev.driftline.cli.ui;

import dev.driftline.drift.baseline.Baseline;
import dev.driftline.sink.LakeTable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One model's rows for the live page, bounded: the latest {@code windowsKept} windows of drift, profile and quality
 * rows (older windows trimmed to what the heatmap needs, see {@link #trim}), the latest {@code 4 × windowsKept} alert
 * and remediation rows, the latest baseline. Not thread-safe: {@link LiveData} guards it.
 */
final class KeptRows {
    private final int windowsKept;
    private final int detailCells;

    KeptRows(int windowsKept) {
        this(windowsKept, ReportDocument.DEFAULT_DETAIL_CELLS);
    }

    /** Keeping {@code windowsKept} windows, all rows of the latest {@code detailCells / features} of them. */
    KeptRows(int windowsKept, int detailCells) {
        this.windowsKept = windowsKept;
        this.detailCells = detailCells;
    }

    final Map<LakeTable, TreeMap<Long, List<Map<String, Object>>>> windowed = new HashMap<>();
    final Map<LakeTable, Deque<Map<String, Object>>> events = new HashMap<>();
    final Set<String> features = new HashSet<>();
    final Map<LakeTable, Map<Long, Integer>> trimmedSize = new HashMap<>();
    Baseline baseline;
    long revision;

    void add(LakeTable t, Map<String, Object> row) {
        if (t == LakeTable.ALERTS || t == LakeTable.REMEDIATION_EVENTS) {
            Deque<Map<String, Object>> d = events.computeIfAbsent(t, x -> new ArrayDeque<>());
            d.addLast(row);
            while (d.size() > 4 * windowsKept) {
                d.removeFirst();
            }
            return;
        }
        TreeMap<Long, List<Map<String, Object>>> w = windowed.computeIfAbsent(t, x -> new TreeMap<>());
        long start = ReportDocument.lng(row.get("window_start"));
        w.computeIfAbsent(start, x -> new ArrayList<>()).add(row);
        if (t == LakeTable.DRIFT_METRICS && row.get("feature") != null) {
            features.add(row.get("feature").toString());
        }
        while (w.size() > windowsKept) {
            trimmedSize.getOrDefault(t, new HashMap<>()).remove(w.pollFirstEntry().getKey());
        }
        trim(t, w, start);
    }

    /**
     * Windows older than the page's detail range ({@link ReportDocument#DEFAULT_DETAIL_CELLS} / features) keep
     * only what the heatmap needs: of drift rows the decision and score rows, of profile rows none (except the
     * earliest window's, the reference when there is no baseline). 2,000 windows × 200 features then hold
     * about 2 rows a cell instead of a dozen rows and a sketch. Rows are never changed, only dropped from the
     * lists (a document being built holds copies of the lists).
     */
    private void trim(LakeTable t, TreeMap<Long, List<Map<String, Object>>> w, long added) {
        if (t != LakeTable.DRIFT_METRICS && t != LakeTable.FEATURE_PROFILES) {
            return;
        }
        int detail = Math.max(1, detailCells / Math.max(1, features.size()));
        if (w.size() <= detail) {
            return;
        }
        Long boundary = w.descendingKeySet().stream().skip(detail).findFirst().orElseThrow();
        Long first = w.firstKey();
        Map<Long, Integer> sizes = trimmedSize.computeIfAbsent(t, x -> new HashMap<>());
        if (added < boundary && w.containsKey(added)) {
            trimWindow(t, added, w.get(added), first, sizes); // an old window re-emitted
        }
        for (Map.Entry<Long, List<Map<String, Object>>> e : w.headMap(boundary, true).descendingMap()
                .entrySet()) {
            Integer done = sizes.get(e.getKey());
            if (done != null && done == e.getValue().size()) {
                break; // trimmed before and nothing added since: so are the older ones
            }
            trimWindow(t, e.getKey(), e.getValue(), first, sizes);
        }
    }

    private static void trimWindow(LakeTable t, Long key, List<Map<String, Object>> rows, Long first,
            Map<Long, Integer> sizes) {
        if (t == LakeTable.FEATURE_PROFILES) {
            if (!key.equals(first)) {
                rows.clear();
            }
        } else {
            // per feature the score figure the page would colour by (the first of SCORE_METRICS it has)
            Map<Object, Integer> score = new HashMap<>();
            for (Map<String, Object> r : rows) {
                int i = ReportDocument.SCORE_METRICS.indexOf(String.valueOf(r.get("metric")));
                if (r.get("feature") != null && i >= 0) {
                    score.merge(r.get("feature"), i, Math::min);
                }
            }
            rows.removeIf(r -> r.get("feature") != null && !Boolean.TRUE.equals(r.get("is_decision_metric"))
                    && ReportDocument.SCORE_METRICS.indexOf(String.valueOf(r.get("metric")))
                    != score.getOrDefault(r.get("feature"), -2));
        }
        sizes.put(key, rows.size());
    }

    ModelRows rows(String model) {
        ModelRows out = new ModelRows(model);
        windowed.forEach((t, w) -> w.values().forEach(out.rows(t)::addAll));
        events.forEach((t, d) -> out.rows(t).addAll(d));
        return out;
    }
}
