package dev.driftline.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.config.Config;
import dev.driftline.streams.app.StreamsKeys;
import dev.driftline.streams.app.StreamsSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoStreamThreadsTest {
    private static Config config(Map<String, String> env) {
        return Config.builder(StreamsKeys.ALL).env(env).flag(StreamsKeys.BOOTSTRAP_SERVERS, "127.0.0.1:19092")
                .build();
    }

    @Test
    void theDemoRunsOneStreamThreadUnlessTheUserSetsThem() {
        Config c = config(Map.of());
        StreamsSettings s = DemoRun.oneStreamThreadUnlessSet(c, StreamsSettings.from(c));
        assertThat(s.kafkaProperties().getProperty("num.stream.threads")).isEqualTo("1");
        assertThat(s.streamThreadsPhrase()).isEqualTo("1 stream thread");

        c = config(Map.of("KAFKA_NUM_STREAM_THREADS", "3"));
        s = DemoRun.oneStreamThreadUnlessSet(c, StreamsSettings.from(c));
        assertThat(s.kafkaProperties().getProperty("num.stream.threads")).isEqualTo("3");
    }
}
