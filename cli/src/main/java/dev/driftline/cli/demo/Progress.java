package dev.driftline.cli.demo;

/** A text progress bar for the demo's console lines: {@code [#######-------------]  35 %}. */
final class Progress {
    private Progress() {
    }

    /** {@code done} of {@code total} as a bar {@code width} characters wide and a percentage. */
    static String bar(long done, long total, int width) {
        double share = total <= 0 ? 1 : Math.min(1, Math.max(0, (double) done / total));
        int full = (int) Math.round(share * width);
        return "[" + "#".repeat(full) + "-".repeat(width - full) + "] " + String.format("%3d %%", Math.round(share * 100));
    }
}
