package dev.driftline.remediation.episode;

import static dev.driftline.contracts.remediation.EpisodeState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.contracts.remediation.EpisodeState;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every pair of states, against the machine as the issue draws it. */
class EpisodeTransitionsTest {
    private static final Map<EpisodeState, Set<EpisodeState>> EXPECTED = Map.ofEntries(
            Map.entry(TRIGGERED, EnumSet.of(PREPARING_DATA, FAILED, CANCELLED)),
            Map.entry(PREPARING_DATA, EnumSet.of(TRAINING, FAILED, CANCELLED)),
            Map.entry(TRAINING, EnumSet.of(EVALUATING, FAILED, CANCELLED)),
            Map.entry(EVALUATING, EnumSet.of(REGISTERED, FAILED, CANCELLED)),
            Map.entry(REGISTERED, EnumSet.of(AWAITING_APPROVAL, ROLLING_OUT, REJECTED, FAILED, CANCELLED)),
            Map.entry(AWAITING_APPROVAL, EnumSet.of(ROLLING_OUT, REJECTED, CANCELLED)),
            Map.entry(ROLLING_OUT, EnumSet.of(BAKING, PROMOTED, ROLLED_BACK, CANCELLED)),
            Map.entry(BAKING, EnumSet.of(ROLLING_OUT, ROLLED_BACK, CANCELLED)),
            Map.entry(PROMOTED, EnumSet.of(DONE)),
            Map.entry(DONE, EnumSet.noneOf(EpisodeState.class)),
            Map.entry(FAILED, EnumSet.noneOf(EpisodeState.class)),
            Map.entry(REJECTED, EnumSet.noneOf(EpisodeState.class)),
            Map.entry(ROLLED_BACK, EnumSet.noneOf(EpisodeState.class)),
            Map.entry(CANCELLED, EnumSet.noneOf(EpisodeState.class)));

    @Test
    void everyPairIsAllowedExactlyWhenTheTableSaysSo() {
        int allowed = 0;
        for (EpisodeState from : EpisodeState.values()) {
            for (EpisodeState to : EpisodeState.values()) {
                boolean expected = EXPECTED.get(from).contains(to);
                assertThat(EpisodeTransitions.allowed(from, to)).as(from + " → " + to).isEqualTo(expected);
                if (expected) {
                    allowed++;
                    EpisodeTransitions.check(from, to);
                } else {
                    assertThatThrownBy(() -> EpisodeTransitions.check(from, to))
                            .isInstanceOf(IllegalStateException.class).hasMessageContaining(from + " → " + to);
                }
            }
        }
        assertThat(allowed).isEqualTo(28);
    }

    @Test
    void terminalStatesAreTheOnesWithoutExits() {
        for (EpisodeState s : EpisodeState.values()) {
            assertThat(s.terminal()).as(s.name()).isEqualTo(EXPECTED.get(s).isEmpty());
        }
    }

    @Test
    void aRegisteredCandidateCannotBePromotedWithoutARollout() {
        assertThat(EpisodeTransitions.allowed(REGISTERED, PROMOTED)).isFalse();
        assertThat(EpisodeTransitions.allowed(AWAITING_APPROVAL, PROMOTED)).isFalse();
        assertThat(EpisodeTransitions.allowed(TRAINING, ROLLING_OUT)).isFalse();
    }
}
