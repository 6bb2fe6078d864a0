package dev.driftline.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

@WithKafka
class KafkaProbeIT {
    @Test
    void aRunningBrokerIsReachable(KafkaBroker kafka) {
        KafkaProbe.Result r = KafkaProbe.probe(kafka.bootstrapServers(), new Properties(), Duration.ofSeconds(5));
        assertThat(r.reachable()).as(r.reason()).isTrue();
        assertThat(r.reason()).contains("1 broker");
    }

    @Test
    void theWaitReturnsAtOnceAndSilentlyWhenTheBrokerAnswers(KafkaBroker kafka) throws Exception {
        List<String> said = new ArrayList<>();
        Duration waited = KafkaStartupWait.await("driftline test", kafka.bootstrapServers(), new Properties(),
                Duration.ofSeconds(10), KafkaStartupWait.CLI_HINT, said::add);
        assertThat(said).isEmpty();
        assertThat(waited).isLessThan(Duration.ofSeconds(5));
    }
}
