package dev.driftline.streams.modelquality;

import java.util.ArrayList;
import java.util.List;

/**
 * The value of a {@code W|…} header of the {@value ModelQualityWindowProcessor#STORE} store: versions emitted so
 * far, pairs kept, pairs dropped over the cap, whether new pairs await emission, and the same counts per model
 * version the window saw ({@code versions}, in order of first sight; a pair entry names its version by its index
 * here, {@link WindowPairCodec}). Binary form: {@link WindowHeaderCodec}.
 *
 * <p>Only while a window saw two or more named (non-empty) versions — a canary rollout, several variants — are
 * per-version windows emitted ({@link #byVersion()}); single-version traffic costs one entry here per window. At
 * most {@link #MAX_VERSIONS} named versions are told apart per window; pairs of further ones count under "" (the
 * version unknown), i.e. in the window of all versions only, so a flood of version names cannot grow the state.
 */
record WindowHeader(int version, int pairs, long dropped, boolean dirty, List<Versioned> versions) {
    static final int MAX_VERSIONS = 16;

    /** One model version's share of the window: pairs kept and dropped over the cap. */
    record Versioned(String name, int pairs, long dropped) {
    }

    WindowHeader {
        versions = List.copyOf(versions);
    }

    static WindowHeader empty() {
        return new WindowHeader(0, 0, 0, false, List.of());
    }

    /** The header after one more pair of {@code modelVersion}, kept or dropped over the cap; dirty. */
    WindowHeader counted(String modelVersion, boolean kept) {
        List<Versioned> vs = new ArrayList<>(versions);
        String name = indexOf(modelVersion) < 0 && namedVersions() >= MAX_VERSIONS ? "" : modelVersion;
        int i = indexOf(name);
        if (i < 0) {
            vs.add(new Versioned(name, 0, 0));
            i = vs.size() - 1;
        }
        Versioned v = vs.get(i);
        vs.set(i, new Versioned(name, v.pairs() + (kept ? 1 : 0), v.dropped() + (kept ? 0 : 1)));
        return new WindowHeader(version, pairs + (kept ? 1 : 0), dropped + (kept ? 0 : 1), true, vs);
    }

    /** The index a pair of {@code modelVersion} is counted under, once {@link #counted} it. */
    int slot(String modelVersion) {
        int i = indexOf(modelVersion);
        return i >= 0 ? i : indexOf("");
    }

    /** Whether the window is also judged per version: it saw two or more named versions. */
    boolean byVersion() {
        return namedVersions() >= 2;
    }

    /** The same header with another emission count and dirty flag. */
    WindowHeader with(int newVersion, boolean newDirty) {
        return new WindowHeader(newVersion, pairs, dropped, newDirty, versions);
    }

    private int namedVersions() {
        return (int) versions.stream().filter(v -> !v.name().isEmpty()).count();
    }

    private int indexOf(String name) {
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
