package dev.driftline.bench.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.Comparator;

/**
 * How {@code --models N} spreads the pre-loaded (and live) traffic: inference {@code i} belongs to model {@code i mod
 * N}, round robin, so every model gets the same share of every window. With one model the name stays {@link
 * PipelineBenchmark#MODEL} (figures compare with earlier runs); with more they are {@code bench-model-0001…}.
 */
final class ModelSpread {
    private ModelSpread() {
    }

    /** The name of model {@code k} (0-based) of {@code models}. */
    static String name(int k, int models) {
        if (k < 0 || k >= models) {
            throw new IllegalArgumentException("model " + k + " of " + models);
        }
        return models == 1 ? PipelineBenchmark.MODEL : String.format(Locale.ROOT, "%s-%04d", PipelineBenchmark.MODEL, k + 1);
    }

    static List<String> names(int models) {
        List<String> out = new ArrayList<>(models);
        for (int k = 0; k < models; k++) {
            out.add(name(k, models));
        }
        return out;
    }

    /** The model (0-based) of inference {@code i}. */
    static int modelOf(long i, int models) {
        return (int) Math.floorMod(i, (long) models);
    }

    /** Every (model, window) that holds at least one pre-loaded inference of the timeline. */
    static Set<ModelWindow> modelWindows(EventTimeline timeline, int models) {
        Set<ModelWindow> out = new TreeSet<>(Comparator.comparing(ModelWindow::model)
                .thenComparingLong(ModelWindow::windowStart));
        for (long i = 0; i < timeline.inferences(); i++) {
            long t = timeline.time(i).toEpochMilli();
            long w = timeline.firstMs() + Math.floorDiv(t - timeline.firstMs(), timeline.windowMs()) * timeline.windowMs();
            out.add(new ModelWindow(name(modelOf(i, models), models), w));
        }
        return out;
    }
}
