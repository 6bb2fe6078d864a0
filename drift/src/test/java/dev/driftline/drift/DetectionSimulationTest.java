package dev.driftline.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.drift.decision.DatasetDecision;
import dev.driftline.drift.decision.DriftDecider;
import dev.driftline.drift.decision.DriftMethod;
import dev.driftline.drift.decision.DriftPolicy;
import dev.driftline.drift.decision.FeatureDecision;
import dev.driftline.drift.metrics.NumericDriftFigures;
import dev.driftline.drift.metrics.SketchDrift;
import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.profile.KllRandom;
import dev.driftline.drift.profile.NumericProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The product's promise, simulated end to end in sketch mode (the streaming path): KLL profiles (k = 200) of a
 * 20,000-row baseline and of 1,000-row windows, {@link SketchDrift#numeric}, {@link DriftPolicy#defaults()}.
 *
 * <ul>
 *   <li>(a) stationary traffic raises a false alarm (any of 20 features flagged) in at most 1 % of windows;</li>
 *   <li>(b) a 0.5σ mean shift in one feature is flagged within the first two windows in at least 95 % of trials.</li>
 * </ul>
 *
 * <p>Deterministic: the data come from seeded {@link Random}s and KLL's compaction coin is seeded too
 * ({@link KllRandom}). Each window's 20 profiles are built once. The observed rates are printed (lines starting
 * with {@code DetectionSimulation}) and are part of the dynamic tests' display names.
 */
class DetectionSimulationTest {
    static final int FEATURES = 20;
    static final int REFERENCE_ROWS = 20_000;
    static final int WINDOW_ROWS = 1_000;
    static final int STATIONARY_WINDOWS = 500;
    static final int TRIALS = 200;
    static final int BASELINES_FOR_TRIALS = 5;
    static final double SHIFT_SIGMAS = 0.5;
    static final double FALSE_ALARM_BOUND = 0.01;
    static final double DETECTION_BOUND = 0.95;

    /** Per feature: its own mean and scale, so nothing depends on every feature being N(0, 1). */
    static double mean(int f) {
        return -5 + 0.5 * f;
    }

    static double sd(int f) {
        return 0.5 + 0.25 * (f % 7);
    }

    static String name(int f) {
        return String.format(Locale.ROOT, "f%02d", f);
    }

    /** One profile per feature of {@code rows} rows; feature {@code shifted} (or none, -1) moved by 0.5σ. */
    static NumericProfile[] profiles(Random rnd, int rows, int shifted) {
        NumericProfile[] p = new NumericProfile[FEATURES];
        for (int f = 0; f < FEATURES; f++) {
            p[f] = new NumericProfile(FeatureType.FRACTIONAL);
            assertThat(p[f].k()).isEqualTo(200);
            double shift = f == shifted ? SHIFT_SIGMAS : 0;
            for (int i = 0; i < rows; i++) {
                p[f].update(mean(f) + sd(f) * (rnd.nextGaussian() + shift));
            }
        }
        return p;
    }

    static DatasetDecision decide(DriftDecider decider, NumericProfile[] baseline, NumericProfile[] window) {
        Map<String, NumericDriftFigures> figures = new LinkedHashMap<>();
        for (int f = 0; f < FEATURES; f++) {
            figures.put(name(f), SketchDrift.numeric(baseline[f], window[f]));
        }
        return decider.decide(figures);
    }

    @TestFactory
    Stream<DynamicTest> stationaryTrafficRarelyAlarms() {
        KllRandom.seed(1);
        Random rnd = new Random(20_240_601L);
        DriftPolicy policy = DriftPolicy.defaults();
        DriftDecider decider = new DriftDecider(policy);
        NumericProfile[] baseline = profiles(rnd, REFERENCE_ROWS, -1);

        int alarmWindows = 0;
        int featureAlarms = 0;
        int datasetDrifts = 0;
        boolean allKs = true;
        int[] perFeature = new int[FEATURES];
        for (int w = 0; w < STATIONARY_WINDOWS; w++) {
            DatasetDecision d = decide(decider, baseline, profiles(rnd, WINDOW_ROWS, -1));
            allKs &= d.judged() == FEATURES
                    && d.features().values().stream().allMatch(fd -> fd.method() == DriftMethod.KS);
            if (d.drifted() > 0) {
                alarmWindows++;
            }
            featureAlarms += d.drifted();
            datasetDrifts += d.datasetDrift() ? 1 : 0;
            for (int f = 0; f < FEATURES; f++) {
                if (d.features().get(name(f)).drift()) {
                    perFeature[f]++;
                }
            }
        }
        double rate = (double) alarmWindows / STATIONARY_WINDOWS;
        String line = String.format(Locale.ROOT, "false-alarm rate %.2f%% (%d of %d stationary windows, %d feature "
                        + "alarms, alpha %s %s, bound %.0f%%)", 100 * rate, alarmWindows, STATIONARY_WINDOWS,
                featureAlarms, policy.alpha(), policy.correction(), 100 * FALSE_ALARM_BOUND);
        System.out.println("DetectionSimulation (a) " + line + "; alarms per feature " + java.util.Arrays.toString(perFeature));

        boolean judgedByKs = allKs;
        int drifts = datasetDrifts;
        int alarms = alarmWindows;
        return Stream.of(
                DynamicTest.dynamicTest("windows of " + WINDOW_ROWS + " rows are judged by KS on all 20 features",
                        () -> assertThat(judgedByKs).isTrue()),
                DynamicTest.dynamicTest("no dataset drift on stationary traffic (" + drifts + " windows)",
                        () -> assertThat(drifts).isZero()),
                DynamicTest.dynamicTest(line, () -> assertThat(alarms)
                        .as("windows with any feature flagged, of %d", STATIONARY_WINDOWS)
                        .isLessThanOrEqualTo((int) Math.floor(FALSE_ALARM_BOUND * STATIONARY_WINDOWS))));
    }

    @TestFactory
    Stream<DynamicTest> aHalfSigmaShiftIsFoundWithinTwoWindows() {
        KllRandom.seed(2);
        DriftDecider decider = new DriftDecider(DriftPolicy.defaults());
        int inFirst = 0;
        int inSecond = 0;
        int otherFeatureFlags = 0;
        int trialsPerBaseline = TRIALS / BASELINES_FOR_TRIALS;
        for (int b = 0; b < BASELINES_FOR_TRIALS; b++) {
            NumericProfile[] baseline = profiles(new Random(7_000L + b), REFERENCE_ROWS, -1);
            for (int t = 0; t < trialsPerBaseline; t++) {
                int trial = b * trialsPerBaseline + t;
                Random rnd = new Random(9_000_000L + trial);
                int shifted = trial % FEATURES;
                boolean found = false;
                for (int w = 1; w <= 2 && !found; w++) {
                    DatasetDecision d = decide(decider, baseline, profiles(rnd, WINDOW_ROWS, shifted));
                    FeatureDecision fd = d.features().get(name(shifted));
                    found = fd.drift();
                    otherFeatureFlags += d.drifted() - (found ? 1 : 0);
                    if (found && w == 1) {
                        inFirst++;
                    } else if (found) {
                        inSecond++;
                    }
                }
            }
        }
        int trials = trialsPerBaseline * BASELINES_FOR_TRIALS;
        double rate = (double) (inFirst + inSecond) / trials;
        String line = String.format(Locale.ROOT, "detection rate %.1f%% within 2 windows (%d of %d trials: %d in "
                        + "window 1, %d in window 2; %d flags on unshifted features; bound %.0f%%)", 100 * rate,
                inFirst + inSecond, trials, inFirst, inSecond, otherFeatureFlags, 100 * DETECTION_BOUND);
        System.out.println("DetectionSimulation (b) " + line);

        int detected = inFirst + inSecond;
        return Stream.of(
                DynamicTest.dynamicTest("at least 100 trials (" + trials + ")",
                        () -> assertThat(trials).isGreaterThanOrEqualTo(100)),
                DynamicTest.dynamicTest(line, () -> assertThat(detected)
                        .as("trials where the shifted feature was flagged within 2 windows, of %d", trials)
                        .isGreaterThanOrEqualTo((int) Math.ceil(DETECTION_BOUND * trials))));
    }

    /** The scenario itself: the generator makes what it says (so the rates above are about the right traffic). */
    @TestFactory
    Stream<DynamicTest> theSimulatedTrafficIsWhatItClaims() {
        Random rnd = new Random(5);
        NumericProfile[] plain = profiles(rnd, 20_000, -1);
        NumericProfile[] shifted = profiles(rnd, 20_000, 3);
        return List.of(0, 3, 6, 19).stream().map(f -> DynamicTest.dynamicTest("feature " + name(f), () -> {
            assertThat(plain[f].mean()).isCloseTo(mean(f), org.assertj.core.api.Assertions.within(0.05 * sd(f)));
            assertThat(plain[f].standardDeviation())
                    .isCloseTo(sd(f), org.assertj.core.api.Assertions.within(0.03 * sd(f)));
            double expected = mean(f) + (f == 3 ? SHIFT_SIGMAS * sd(f) : 0);
            assertThat(shifted[f].mean()).isCloseTo(expected, org.assertj.core.api.Assertions.within(0.05 * sd(f)));
        }));
    }
}
