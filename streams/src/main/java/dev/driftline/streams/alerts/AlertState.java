package dev.driftline.streams.alerts;

import dev.driftline.streams.alerts.Verdict.Outcome;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The alert state of one (model, kind, feature), the value of the {@value AlertProcessor#STORE} store
 * ({@link AlertStateCodec}: JSON, so that a changelog record can be read by a person): the verdicts of the last
 * windows keyed by window start (with their revision), the open alert if any, and the window start up to which a
 * resolved alert consumed the history.
 *
 * <p>Verdicts are ordered by window start, not by arrival, so an out-of-order window lands where it belongs; a later
 * revision of a window replaces its verdict and a lower or equal one is ignored. The rules are evaluated on that
 * ordered history:
 * <ul>
 *   <li>open, on a bad verdict, when at least K of the last M judged windows are bad (only windows after the last
 *       resolve count, so the evidence of a resolved alert cannot reopen it);</li>
 *   <li>resolve, on a clean verdict, when the newest R judged windows are all clean (the run of consecutive clean
 *       windows, skipping windows without enough data).</li>
 * </ul>
 * Requiring the current verdict to be bad (clean) keeps a replaced or insufficient window from opening (resolving)
 * an alert on figures that do not show it; the next window then decides.
 */
final class AlertState {
    /** Windows without enough data only remember their revision; a few suffice, so a quiet model stays small. */
    private static final int MAX_NOT_JUDGED = 16;

    /** What {@link #apply} did. {@code bad}/{@code judged}: counts of the last M (open) or the run length (resolve). */
    record Change(Transition transition, int bad, int judged) {
    }

    enum Transition { IGNORED, RECORDED, OPENED, RESOLVED }

    /** The open alert: enough to emit its resolution with the same id, severity and opening time. */
    record Open(String alertId, String severity, long windowStart, long openedAtMs, String metric) {
    }

    /** The verdict of one window and the revision it came from. */
    record Seen(long revision, Outcome outcome) {
    }

    private final TreeMap<Long, Seen> history = new TreeMap<>();
    private Open open;
    private long resolvedThrough = Long.MIN_VALUE;

    AlertState() {
    }

    /** A stored state ({@link AlertStateCodec}). */
    AlertState(Map<Long, Seen> history, long resolvedThrough, Open open) {
        this.history.putAll(history);
        this.resolvedThrough = resolvedThrough;
        this.open = open;
    }

    Open open() {
        return open;
    }

    /**
     * Records {@code v} and applies the rules. On {@code OPENED} the caller must {@link #opened} the alert it emits;
     * on {@code RESOLVED} the open alert has already been cleared (read {@link #open()} before applying).
     */
    Change apply(Verdict v, int badNeeded, int windows, int resolveAfter) {
        Seen prev = history.get(v.windowStart());
        if (prev != null && v.revision() <= prev.revision()) {
            return new Change(Transition.IGNORED, 0, 0);
        }
        history.put(v.windowStart(), new Seen(v.revision(), v.outcome()));
        prune(Math.max(windows, resolveAfter));
        if (open == null && v.outcome() == Outcome.BAD && v.windowStart() > resolvedThrough) {
            int judged = 0;
            int bad = 0;
            for (Map.Entry<Long, Seen> e : history.descendingMap().entrySet()) {
                if (judged == windows || e.getKey() <= resolvedThrough) {
                    break;
                }
                if (e.getValue().outcome() != Outcome.NOT_JUDGED) {
                    judged++;
                    bad += e.getValue().outcome() == Outcome.BAD ? 1 : 0;
                }
            }
            if (bad >= badNeeded) {
                return new Change(Transition.OPENED, bad, judged);
            }
        } else if (open != null && v.outcome() == Outcome.CLEAN) {
            int clean = cleanRun();
            if (clean >= resolveAfter) {
                open = null;
                resolvedThrough = newestJudged();
                return new Change(Transition.RESOLVED, 0, clean);
            }
        }
        return new Change(Transition.RECORDED, 0, 0);
    }

    void opened(Open alert) {
        this.open = alert;
    }

    /** The number of consecutive clean judged windows at the newest end of the history. */
    int cleanRun() {
        int clean = 0;
        for (Seen s : history.descendingMap().values()) {
            if (s.outcome() == Outcome.BAD) {
                break;
            }
            clean += s.outcome() == Outcome.CLEAN ? 1 : 0;
        }
        return clean;
    }

    private long newestJudged() {
        for (Map.Entry<Long, Seen> e : history.descendingMap().entrySet()) {
            if (e.getValue().outcome() != Outcome.NOT_JUDGED) {
                return e.getKey();
            }
        }
        return Long.MIN_VALUE;
    }

    /** Keeps the newest {@code keep} judged windows and up to {@link #MAX_NOT_JUDGED} newer unjudged ones. */
    private void prune(int keep) {
        int judged = 0;
        int notJudged = 0;
        Iterator<Seen> it = history.descendingMap().values().iterator();
        while (it.hasNext()) {
            Seen s = it.next();
            boolean isJudged = s.outcome() != Outcome.NOT_JUDGED;
            if (judged >= keep || (!isJudged && notJudged >= MAX_NOT_JUDGED)) {
                it.remove();
            } else if (isJudged) {
                judged++;
            } else {
                notJudged++;
            }
        }
    }

    /** Window start → verdict, oldest first (for {@link AlertStateCodec}). */
    NavigableMap<Long, Seen> history() {
        return Collections.unmodifiableNavigableMap(history);
    }

    long resolvedThrough() {
        return resolvedThrough;
    }
}
