package dev.driftline.streams.modelquality;

import dev.driftline.streams.support.ReasonCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * What the model-quality stage dropped or let expire, per model and reason, summed over all tasks of one topology
 * instance (thread-safe; in memory, so it restarts from zero with the application, like {@code LateRecords}). The
 * per-reason totals of {@link ReasonCounts} are kept too.
 *
 * <p>The model is bounded: it is always one the pipeline saw inference rows of, or {@link #NO_MODEL} — a label's own
 * {@code model} field comes from users' producers and is only used when the join knows that model, so junk labels
 * cannot create meter series. The service registers one meter per series as it appears ({@link #onNewSeries}).
 *
 * <p>The drops are also reported in log lines, at most once per {@link #REPORT_EVERY} of wall clock for the whole
 * instance (not one line per label, and not one per task): {@link #takeReport} hands over what accumulated since the
 * last report, with one example per series, and the processors log it ({@link DropReport}).
 */
public final class ModelQualityCounters extends ReasonCounts {
    /** An inference row whose label did not come within the horizon: normal (not every inference gets a label). */
    public static final String RECORDS_EXPIRED = "records_expired";
    /** A label whose inference row did not come within the horizon (wrong id or row, or the row was never seen). */
    public static final String LABELS_EXPIRED = "labels_expired";
    /** A labels-topic value that is not JSON, has no label, or whose label is not a scalar. */
    public static final String LABELS_UNREADABLE = "labels_unreadable";
    /** An inference row without a scalar (or finite) prediction: nothing to judge, not kept. */
    public static final String RECORDS_WITHOUT_PREDICTION = "records_without_prediction";
    /** A labelled pair for a window already retired (horizon + 1 day behind the model's newest labelled window). */
    public static final String PAIRS_TOO_LATE = "pairs_too_late";
    /** A labelled pair beyond {@link ModelQualityConfig#maxPairsPerWindow()}. */
    public static final String PAIRS_OVER_CAP = "pairs_over_cap";

    /** Every reason, for meters registered up front. */
    public static final List<String> REASONS = List.of(RECORDS_EXPIRED, LABELS_EXPIRED, LABELS_UNREADABLE,
            RECORDS_WITHOUT_PREDICTION, PAIRS_TOO_LATE, PAIRS_OVER_CAP);
    /** The model of a drop that cannot be attributed to a model the pipeline knows (Prometheus: {@code model=""}). */
    public static final String NO_MODEL = "";
    /** How often, at most, the drops are reported in the log. */
    public static final Duration REPORT_EVERY = Duration.ofMinutes(1);

    /** One (model, reason) meter series. */
    public record Series(String model, String reason) implements Comparable<Series> {
        @Override
        public int compareTo(Series o) {
            int c = model.compareTo(o.model);
            return c != 0 ? c : reason.compareTo(o.reason);
        }
    }

    /** What one series dropped since the last report, with one example (an {@code id|row}, a window, or null). */
    public record Drop(String model, String reason, long count, String example) {
    }

    private final Map<Series, LongAdder> series = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, String>> listeners = new CopyOnWriteArrayList<>();
    private final Map<Series, Drop> pending = new TreeMap<>();
    private long lastReportMs = Long.MIN_VALUE;

    /** Adds {@code n} to {@code reason} without a model ({@link #NO_MODEL}). */
    @Override
    public void add(String reason, long n) {
        add(NO_MODEL, reason, n, null);
    }

    /**
     * Adds {@code n} (ignored unless positive) to ({@code model}, {@code reason}) and to the reason's total, and
     * keeps it for the next log report with {@code example} (the first example of a report period is kept).
     */
    public void add(String model, String reason, long n, String example) {
        if (n <= 0) {
            return;
        }
        super.add(reason, n);
        Series s = new Series(model == null ? NO_MODEL : model, reason);
        LongAdder a = series.get(s);
        if (a == null) {
            LongAdder fresh = new LongAdder();
            a = series.putIfAbsent(s, fresh);
            if (a == null) { // first of its series: listeners register its meter (outside any map operation)
                a = fresh;
                listeners.forEach(l -> l.accept(s.model(), s.reason()));
            }
        }
        a.add(n);
        synchronized (pending) {
            pending.merge(s, new Drop(s.model(), reason, n, example), (old, add) -> new Drop(old.model(),
                    old.reason(), old.count() + add.count(), old.example() != null ? old.example() : add.example()));
        }
    }

    public long get(String model, String reason) {
        LongAdder a = series.get(new Series(model, reason));
        return a == null ? 0 : a.sum();
    }

    /** (model, reason) → count, in order. */
    public Map<Series, Long> snapshotByModel() {
        Map<Series, Long> out = new TreeMap<>();
        series.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /**
     * Calls {@code listener} with (model, reason) of every series that exists now and of each one that appears later
     * (possibly from a stream thread; a series that appears while this runs may be announced twice, which a meter
     * registry shrugs off: registering the same name and tags again returns the same meter).
     */
    public void onNewSeries(BiConsumer<String, String> listener) {
        listeners.add(listener);
        new ArrayList<>(series.keySet()).forEach(s -> listener.accept(s.model(), s.reason()));
    }

    /**
     * The drops accumulated since the last report, when at least {@link #REPORT_EVERY} of wall clock passed since it
     * ({@code nowMs} is the caller's wall clock, e.g. a punctuation's); else nothing, and they keep accumulating.
     */
    public List<Drop> takeReport(long nowMs) {
        synchronized (pending) {
            if (pending.isEmpty() || (lastReportMs != Long.MIN_VALUE
                    && nowMs - lastReportMs < REPORT_EVERY.toMillis())) {
                return List.of();
            }
            lastReportMs = nowMs;
            List<Drop> out = new ArrayList<>(pending.values());
            pending.clear();
            return out;
        }
    }
}
