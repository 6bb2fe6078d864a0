package dev.driftline.streams.evaluate;

import dev.driftline.contracts.window.PartialWindow;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.FeatureProfile;
import dev.driftline.drift.profile.NumericProfile;
import dev.driftline.contracts.window.MergedWindow;
import dev.driftline.contracts.window.MergedWindowCodec;
import dev.driftline.streams.support.StoreKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The history the rolling and seasonal references read: the latest revision of each merged window of the models
 * that use them, in the changelogged store {@value #STORE} (key {@code model|windowStart} zero-padded, value as on
 * {@code profiles}: {@code MergedWindowCodec}, whose JSON version 1 older builds wrote here), kept for as long as the
 * model's reference looks back ({@link ReferenceMode#history}).
 */
final class ReferenceWindows {
    static final String STORE = "reference-windows";

    private final KeyValueStore<String, byte[]> store;

    ReferenceWindows(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** What a report says about its reference: the mode and the windows that made it. */
    record Used(ReferenceMode mode, List<Long> windowStarts) {
    }

    /** Keeps {@code w} (its latest revision) and forgets what {@code mode} no longer needs. */
    void remember(MergedWindow w, ReferenceMode mode) {
        store.put(StoreKeys.windowKey(w.model(), w.windowStart()), MergedWindowCodec.INSTANCE.encode(w));
        long horizon = w.windowStart() - mode.history(java.time.Duration.ofMillis(w.windowEnd() - w.windowStart()))
                .toMillis();
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.range(StoreKeys.windowKey(w.model(), 0),
                StoreKeys.windowKey(w.model(), Math.max(0, horizon - 1)))) {
            it.forEachRemaining(kv -> old.add(kv.key));
        }
        old.forEach(store::delete);
    }

    /** The earlier windows {@code mode} compares {@code w} with (empty while there is no such history yet). */
    List<MergedWindow> referenceFor(MergedWindow w, ReferenceMode mode) {
        long size = w.windowEnd() - w.windowStart();
        List<MergedWindow> out = new ArrayList<>();
        if (mode.kind() == ReferenceMode.Kind.ROLLING) {
            long from = Math.max(0, w.windowStart() - mode.windows() * size);
            try (KeyValueIterator<String, byte[]> it = store.range(StoreKeys.windowKey(w.model(), from),
                    StoreKeys.windowKey(w.model(), w.windowStart() - 1))) {
                while (it.hasNext()) {
                    KeyValue<String, byte[]> kv = it.next();
                    out.add(MergedWindowCodec.INSTANCE.decode(kv.value));
                }
            }
        } else if (mode.kind() == ReferenceMode.Kind.SEASONAL) {
            byte[] b = store.get(StoreKeys.windowKey(w.model(),
                    w.windowStart() - mode.period().toMillis()));
            if (b != null) {
                out.add(MergedWindowCodec.INSTANCE.decode(b));
            }
        }
        return out;
    }

    /**
     * The trained baseline with the profiles of its FEATURE and PREDICTION columns replaced by the merge of the
     * reference windows' profiles (columns the windows do not have, or have as another kind, keep the trained
     * profile); constraints stay those of the trained baseline.
     */
    static Baseline asBaseline(Baseline trained, List<MergedWindow> refs) {
        List<BaselineFeature> features = new ArrayList<>();
        long rows = 0;
        for (MergedWindow r : refs) {
            rows += r.rows();
        }
        List<Map<String, FeatureProfile>> profiles = refs.stream().map(MergedWindow::profiles).toList(); // decoded once
        for (BaselineFeature f : trained.features()) {
            FeatureProfile merged = f.role() == BaselineFeature.Role.LABEL ? null
                    : merge(profiles, windowName(f), f);
            features.add(merged == null ? f : new BaselineFeature(f.name(), merged.type(), f.role(), merged,
                    List.of(), Map.of(), f.constraint()));
        }
        return new Baseline(trained.model(), trained.createdAt(), "windows " + refs.size() + " from "
                + (refs.isEmpty() ? "-" : Instant.ofEpochMilli(refs.get(0).windowStart())), rows, features,
                trained.monitoringConfig());
    }

    private static FeatureProfile merge(List<Map<String, FeatureProfile>> refs, String name, BaselineFeature f) {
        FeatureProfile acc = null;
        for (Map<String, FeatureProfile> r : refs) {
            FeatureProfile p = r.get(name);
            if (p == null || !sameKind(f.profile(), p) || (acc != null && acc.type() != p.type())) {
                continue;
            }
            if (acc == null) {
                acc = p.copy();
            } else {
                acc.merge(p);
            }
        }
        return acc == null || acc.present() == 0 ? null : acc;
    }

    private static boolean sameKind(FeatureProfile a, FeatureProfile b) {
        return a instanceof NumericProfile ? b instanceof NumericProfile : b instanceof CategoricalProfile;
    }

    static String windowName(BaselineFeature f) {
        return f.role() == BaselineFeature.Role.PREDICTION ? PartialWindow.PREDICTION_PREFIX + f.name() : f.name();
    }
}
