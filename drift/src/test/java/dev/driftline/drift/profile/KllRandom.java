package dev.driftline.drift.profile;

import java.lang.reflect.Field;
import java.util.Random;
import org.apache.datasketches.kll.KllSketch;

/**
 * Makes KLL compaction reproducible in tests. DataSketches 6.2.0 draws every KLL compaction's coin flip from one
 * static, unseeded {@code java.util.Random} ({@code KllSketch.random}), so sketch-mode figures differ slightly from run
 * to run. Tests that check sketch error against fixed tolerances seed it before building their sketches, so a failure
 * can be reproduced; tests that measure the error distribution use many seeds. Surefire runs test classes one at a
 * time in one JVM, so no other test draws from the generator in between.
 */
public final class KllRandom {
    private KllRandom() {
    }

    public static void seed(long seed) {
        try {
            Field f = KllSketch.class.getDeclaredField("random");
            f.setAccessible(true);
            ((Random) f.get(null)).setSeed(seed);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot seed KLL's compaction coin (datasketches-java 6.2.0 keeps it in "
                    + "KllSketch.random); update KllRandom for this DataSketches version", e);
        }
    }
}
