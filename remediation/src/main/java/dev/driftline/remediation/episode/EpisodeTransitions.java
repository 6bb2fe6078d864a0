package dev.driftline.remediation.episode;

import static dev.driftline.contracts.remediation.EpisodeState.AWAITING_APPROVAL;
import static dev.driftline.contracts.remediation.EpisodeState.BAKING;
import static dev.driftline.contracts.remediation.EpisodeState.CANCELLED;
import static dev.driftline.contracts.remediation.EpisodeState.DONE;
import static dev.driftline.contracts.remediation.EpisodeState.EVALUATING;
import static dev.driftline.contracts.remediation.EpisodeState.FAILED;
import static dev.driftline.contracts.remediation.EpisodeState.PREPARING_DATA;
import static dev.driftline.contracts.remediation.EpisodeState.PROMOTED;
import static dev.driftline.contracts.remediation.EpisodeState.REGISTERED;
import static dev.driftline.contracts.remediation.EpisodeState.REJECTED;
import static dev.driftline.contracts.remediation.EpisodeState.ROLLED_BACK;
import static dev.driftline.contracts.remediation.EpisodeState.ROLLING_OUT;
import static dev.driftline.contracts.remediation.EpisodeState.TRAINING;
import static dev.driftline.contracts.remediation.EpisodeState.TRIGGERED;

import dev.driftline.contracts.remediation.EpisodeState;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The episode state machine's allowed transitions, in one table. Everything the service does to an episode goes
 * through {@link #check}, so a bug that would skip the registry gate or promote without a rollout fails loudly
 * instead of acting on the world. A rollout step is ROLLING_OUT → BAKING → ROLLING_OUT (next step); the last step
 * (100 %) goes from ROLLING_OUT to PROMOTED.
 */
public final class EpisodeTransitions {
    private static final Map<EpisodeState, Set<EpisodeState>> NEXT = new EnumMap<>(EpisodeState.class);

    static {
        NEXT.put(TRIGGERED, EnumSet.of(PREPARING_DATA, FAILED, CANCELLED));
        NEXT.put(PREPARING_DATA, EnumSet.of(TRAINING, FAILED, CANCELLED));
        NEXT.put(TRAINING, EnumSet.of(EVALUATING, FAILED, CANCELLED));
        NEXT.put(EVALUATING, EnumSet.of(REGISTERED, FAILED, CANCELLED));
        NEXT.put(REGISTERED, EnumSet.of(AWAITING_APPROVAL, ROLLING_OUT, REJECTED, FAILED, CANCELLED));
        NEXT.put(AWAITING_APPROVAL, EnumSet.of(ROLLING_OUT, REJECTED, CANCELLED));
        NEXT.put(ROLLING_OUT, EnumSet.of(BAKING, PROMOTED, ROLLED_BACK, CANCELLED));
        NEXT.put(BAKING, EnumSet.of(ROLLING_OUT, ROLLED_BACK, CANCELLED));
        NEXT.put(PROMOTED, EnumSet.of(DONE));
        for (EpisodeState s : EpisodeState.values()) {
            if (s.terminal()) {
                NEXT.put(s, EnumSet.noneOf(EpisodeState.class));
            }
        }
    }

    private EpisodeTransitions() {
    }

    public static boolean allowed(EpisodeState from, EpisodeState to) {
        return NEXT.get(from).contains(to);
    }

    /** The states {@code from} may go to. */
    public static Set<EpisodeState> next(EpisodeState from) {
        return Set.copyOf(NEXT.get(from));
    }

    /** @throws IllegalStateException when {@code from → to} is not a transition of the machine */
    public static void check(EpisodeState from, EpisodeState to) {
        if (!allowed(from, to)) {
            throw new IllegalStateException("episode transition " + from + " → " + to + " is not allowed (from "
                    + from + ": " + NEXT.get(from) + ")");
        }
    }

    /** Whether the episode may be cancelled now (its rollout, if one runs, is rolled back first). */
    public static boolean cancellable(EpisodeState s) {
        return allowed(s, CANCELLED);
    }

    /** States in which the candidate may serve traffic: cancelling or failing there needs a rollback. */
    public static boolean servingCandidate(EpisodeState s) {
        return s == ROLLING_OUT || s == BAKING;
    }

    static boolean done(EpisodeState s) {
        return s == DONE;
    }
}
