package dev.driftline.remediation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.contracts.remediation.EpisodeState;
import dev.driftline.contracts.remediation.RemediationCommand;
import dev.driftline.contracts.remediation.RemediationCommand.Action;
import dev.driftline.contracts.remediation.RemediationCommandCodec;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The records the CLI and the control API both write, and which episode states a decision applies to. */
class OperatorCommandsTest {
    @Test
    void aGlobalCommandGoesToEveryPartitionKeyedStar() {
        RemediationCommand c = OperatorCommands.forModels(Action.PAUSE, null, "alice", "maintenance", 1_000L);
        assertThat(c.global()).isTrue();
        List<ProducerRecord<String, byte[]>> records = OperatorCommands.records("t", 3, c);
        assertThat(records).extracting(ProducerRecord::partition).containsExactly(0, 1, 2);
        assertThat(records).extracting(ProducerRecord::key).containsOnly("*");
        for (ProducerRecord<String, byte[]> r : records) {
            assertThat(RemediationCommandCodec.INSTANCE.decode(r.value())).isEqualTo(c);
        }
    }

    @Test
    void aModelCommandIsOneRecordKeyedByTheModel() {
        RemediationCommand c = OperatorCommands.forModels(Action.RESUME, "churn", "bob", null, 2_000L);
        List<ProducerRecord<String, byte[]>> records = OperatorCommands.records("t", 3, c);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo("churn");
        assertThat(records.get(0).partition()).as("the partitioner places it with the model's other records").isNull();
        RemediationCommand back = RemediationCommandCodec.INSTANCE.decode(records.get(0).value());
        assertThat(back.action()).isEqualTo(Action.RESUME);
        assertThat(back.model()).isEqualTo("churn");
        assertThat(back.episodeId()).isNull();
        assertThat(back.by()).isEqualTo("bob");
        assertThat(back.at()).isEqualTo(2_000L);
    }

    @Test
    void everyModelIsAskedForByLeavingTheModelOut() {
        assertThatThrownBy(() -> OperatorCommands.forModels(Action.PAUSE, "*", "a", null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OperatorCommands.forModels(Action.PAUSE, " ", "a", null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OperatorCommands.forModels(Action.APPROVE, "churn", "a", null, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(EpisodeState.class)
    void approveAndRejectApplyOnlyToAnEpisodeAwaitingApproval(EpisodeState s) {
        boolean applies = s == EpisodeState.AWAITING_APPROVAL;
        assertThat(OperatorCommands.refusal(Action.APPROVE, s) == null).isEqualTo(applies);
        assertThat(OperatorCommands.refusal(Action.REJECT, s) == null).isEqualTo(applies);
        assertThat(OperatorCommands.acted(Action.APPROVE, s)).isEqualTo(!applies);
    }

    @ParameterizedTest
    @EnumSource(EpisodeState.class)
    void cancelAppliesToARunningEpisodeBeforePromoted(EpisodeState s) {
        boolean applies = !s.terminal() && s != EpisodeState.PROMOTED;
        assertThat(OperatorCommands.refusal(Action.CANCEL, s) == null).as(s.name()).isEqualTo(applies);
        assertThat(OperatorCommands.acted(Action.CANCEL, s)).isEqualTo(s.terminal());
    }
}
