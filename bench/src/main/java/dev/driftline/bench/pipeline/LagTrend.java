package dev.driftline.bench.pipeline;

import java.util.List;

/**
 * Whether the input lag of the sustained phase grows: the least-squares slope of lag (events) over time (s) in the
 * second half of the samples, compared with {@value #GROWTH_SHARE} of the offered rate: a pipeline that keeps up has
 * a flat lag (only the commit interval's worth in flight), one that does not gains lag at (offered − sustained)/s.
 */
final class LagTrend {
    static final double GROWTH_SHARE = 0.05;

    /** One sample: seconds since the phase started, total lag in events. */
    record Sample(double seconds, long lag) {
    }

    private LagTrend() {
    }

    /** Slope in events/s of the second half (at least two samples); NaN with fewer than two samples. */
    static double secondHalfSlope(List<Sample> samples) {
        if (samples.size() < 2) {
            return Double.NaN;
        }
        List<Sample> half = samples.subList(Math.min(samples.size() / 2, samples.size() - 2), samples.size());
        double n = half.size();
        double mx = half.stream().mapToDouble(Sample::seconds).sum() / n;
        double my = half.stream().mapToDouble(Sample::lag).sum() / n;
        double sxy = 0;
        double sxx = 0;
        for (Sample s : half) {
            sxy += (s.seconds() - mx) * (s.lag() - my);
            sxx += (s.seconds() - mx) * (s.seconds() - mx);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }

    /** Growing: the second half's slope exceeds {@value #GROWTH_SHARE} × the offered events/s. */
    static boolean growing(List<Sample> samples, double offeredEventsPerSecond) {
        double slope = secondHalfSlope(samples);
        return !Double.isNaN(slope) && slope > GROWTH_SHARE * offeredEventsPerSecond;
    }
}
