package dev.driftline.sink.rows;

import dev.driftline.contracts.window.MergedWindow;
import dev.driftline.contracts.window.MergedWindowCodec;
import dev.driftline.sink.LakeTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code profiles} ({@link MergedWindowCodec}) → one {@code feature_profiles} row per feature of the window. A
 * feature that was null in every row has no profile, only an {@code untyped_missing} count: it gets a row of type
 * {@code untyped} with {@code count = missing = untyped_missing}, so the table lists every column the window saw.
 */
final class FeatureProfileRows implements TableRows {

    @Override
    public List<LakeRow> rows(SourceRecord r) throws BadRecordException {
        MergedWindow w = TableRows.decode(r, MergedWindowCodec.INSTANCE);
        Instant start = Instant.ofEpochMilli(w.windowStart());
        List<LakeRow> out = new ArrayList<>();
        for (Map.Entry<String, MergedWindow.Feature> e : w.features().entrySet()) {
            MergedWindow.Feature f = e.getValue();
            String profile = f.profileBytes() == null ? null : Base64.getEncoder().encodeToString(f.profileBytes());
            out.add(LakeRow.of(LakeTable.FEATURE_PROFILES, w.model(), start, TableRows.withSource(r,
                    w.windowStart(), w.windowEnd(), w.revision(), w.rows(), w.partials(), e.getKey(), f.type(),
                    f.count(), f.present(), f.missing(), f.typeMismatches(), f.mean(), f.stdDev(), f.min(), f.max(),
                    profile, w.untypedMissing().get(e.getKey()))));
        }
        for (Map.Entry<String, Long> e : w.untypedMissing().entrySet()) {
            if (w.features().containsKey(e.getKey()) || e.getValue() == null) {
                continue;
            }
            long n = e.getValue();
            out.add(LakeRow.of(LakeTable.FEATURE_PROFILES, w.model(), start, TableRows.withSource(r,
                    w.windowStart(), w.windowEnd(), w.revision(), w.rows(), w.partials(), e.getKey(), "untyped", n,
                    0L, n, 0L, null, null, null, null, null, n)));
        }
        return out;
    }
}
