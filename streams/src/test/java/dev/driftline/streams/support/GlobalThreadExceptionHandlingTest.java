package dev.driftline.streams.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class GlobalThreadExceptionHandlingTest {
    private static Properties base() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        return p;
    }

    @Test
    void reachesTheAssignorsConfigToo() {
        Properties p = base();
        GlobalThreadExceptionHandling.enable(p);
        StreamsConfig config = new StreamsConfig(p);
        assertThat(config.getBoolean(GlobalThreadExceptionHandling.KEY)).isTrue();
        // the partition assignor builds a StreamsConfig from these alone (AssignorConfiguration)
        Map<String, Object> consumer = config.getMainConsumerConfigs("group", "client", 0);
        assertThat(consumer).containsEntry(GlobalThreadExceptionHandling.KEY, "true");
    }

    @Test
    void theUsersChoiceWins() {
        Properties p = base();
        p.put(GlobalThreadExceptionHandling.KEY, "false");
        GlobalThreadExceptionHandling.enable(p);
        assertThat(p.getProperty(GlobalThreadExceptionHandling.KEY)).isEqualTo("false");
        assertThat(p.getProperty(StreamsConfig.MAIN_CONSUMER_PREFIX + GlobalThreadExceptionHandling.KEY))
                .isEqualTo("false");
    }
}
