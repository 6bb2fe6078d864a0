package dev.driftline.drift.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.KllRandom;
import dev.driftline.drift.profile.NumericProfile;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SketchDriftTest {

    static NumericProfile numeric(double... values) {
        NumericProfile p = new NumericProfile(FeatureType.FRACTIONAL);
        for (double v : values) {
            p.update(v);
        }
        return p;
    }

    @Test
    void identicalProfilesShowNoDrift() {
        NumericProfile p = numeric(new SplittableRandom(1).doubles(50_000).toArray());
        NumericDriftFigures f = SketchDrift.numeric(p, p.copy());
        assertThat(f.ksStatistic()).isZero();
        assertThat(f.ksPValue()).isEqualTo(1);
        assertThat(f.psi()).isZero();
        assertThat(f.wasserstein()).isZero();
        assertThat(f.jensenShannon()).isZero();
        assertThat(f.hellinger()).isZero();
        assertThat(f.binEdges()).hasSize(9).isSorted();
    }

    @Test
    void largeSamplesAgreeWithExactModeWithinTheSpecTolerances() {
        // Beyond the vectors: 200,000 vs 100,000 values with a small shift and a wider spread.
        SplittableRandom rnd = new SplittableRandom(2);
        double[] r = new double[200_000];
        double[] c = new double[100_000];
        for (int i = 0; i < r.length; i++) {
            r[i] = rnd.nextGaussian() * 2 + 5;
        }
        for (int i = 0; i < c.length; i++) {
            c[i] = rnd.nextGaussian() * 2.4 + 5.3;
        }
        KllRandom.seed(3);
        NumericDriftFigures sketch = SketchDrift.numeric(numeric(r), numeric(c));
        NumericDriftFigures exact = ExactDrift.numeric(r, c);
        assertThat(sketch.nReference()).isEqualTo(r.length);
        assertThat(sketch.ksStatistic()).isCloseTo(exact.ksStatistic(), within(0.03));
        assertThat(sketch.psi()).isCloseTo(exact.psi(), within(Math.max(0.02, 0.1 * exact.psi())));
        assertThat(sketch.jensenShannon()).isCloseTo(exact.jensenShannon(),
                within(Math.max(0.02, 0.1 * exact.jensenShannon())));
        assertThat(sketch.hellinger()).isCloseTo(exact.hellinger(), within(Math.max(0.02, 0.1 * exact.hellinger())));
        assertThat(sketch.wassersteinNorm()).isCloseTo(exact.wassersteinNorm(), within(0.05));
    }

    @Test
    void constantReferenceNormalisesLikeExactMode() {
        NumericProfile constant = numeric(3, 3, 3, 3);
        assertThat(SketchDrift.numeric(constant, numeric(3, 3)).wassersteinNorm()).isZero();
        assertThat(SketchDrift.numeric(constant, numeric(3, 4)).wassersteinNorm()).isInfinite();
        assertThat(SketchDrift.numeric(constant, numeric(3, 4)).binEdges()).containsExactly(3.0);
    }

    @Test
    void emptyOrMismatchedProfilesAreRefused() {
        assertThatThrownBy(() -> SketchDrift.numeric(new NumericProfile(FeatureType.FRACTIONAL), numeric(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference");
        assertThatThrownBy(() -> SketchDrift.categorical(new CategoricalProfile(FeatureType.STRING),
                new CategoricalProfile(FeatureType.STRING))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SketchDrift.figures(numeric(1), new CategoricalProfile(FeatureType.STRING)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SketchDrift.figures(numeric(1, 2), numeric(2, 3))).isInstanceOf(NumericDriftFigures.class);
    }

    @Test
    void exactCategoricalProfilesMatchExactMode() {
        CategoricalProfile r = new CategoricalProfile(FeatureType.BOOLEAN);
        CategoricalProfile c = new CategoricalProfile(FeatureType.BOOLEAN);
        for (int i = 0; i < 100; i++) {
            r.update(i % 3 == 0);
            c.update(i % 2 == 0);
        }
        c.update(null); // missing values are not a category
        CategoricalDriftFigures f = SketchDrift.categorical(r, c);
        assertThat(f).isEqualTo(ExactDrift.categorical(r.frequencies(), c.frequencies()));
        assertThat(f.categories()).containsExactly("false", "true");
        assertThat(f.nCurrent()).isEqualTo(100);
    }

    @Test
    void purgedSketchesContributeAnOtherBucket() {
        // 300 categories into a map of 64 (48 items): the sketch purges; heavy hitters stay.
        CategoricalProfile r = new CategoricalProfile(FeatureType.STRING, 16, 64, 11);
        CategoricalProfile c = new CategoricalProfile(FeatureType.STRING, 16, 64, 11);
        SplittableRandom rnd = new SplittableRandom(4);
        for (int i = 0; i < 20_000; i++) {
            r.update(i % 2 == 0 ? "heavy" : "tail" + rnd.nextInt(300));
            c.update(i % 3 == 0 ? "heavy" : "tail" + rnd.nextInt(300));
        }
        c.update(SketchDrift.OTHER_CATEGORY); // a real category with the bucket's name
        assertThat(SketchDrift.isApproximate(r, c)).isTrue();
        CategoricalDriftFigures f = SketchDrift.categorical(r, c);
        assertThat(f.nReference()).isEqualTo(20_000);
        assertThat(f.nCurrent()).isEqualTo(20_001);
        assertThat(f.categories()).contains("heavy", "<other>'");
        // The heavy hitter's share moved from 1/2 to 1/3: L∞ sees at least that (minus the sketch's error bound).
        assertThat(f.linf()).isGreaterThan(0.16 - (double) (r.maximumError() + c.maximumError()) / 20_000);
    }
}
