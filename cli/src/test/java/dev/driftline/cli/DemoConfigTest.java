package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.cli.demo.DemoKeys;
import dev.driftline.config.Config;
import dev.driftline.config.ConfigException;
import dev.driftline.streams.app.StreamsKeys;
import dev.driftline.streams.app.StreamsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo is configured like every service: defaults < --config < DRIFTLINE_* < flags, for all its parts. */
class DemoConfigTest {
    private static DemoCommand parse(String... args) {
        DemoCommand d = new DemoCommand();
        new CommandLine(d).parseArgs(args);
        return d;
    }

    @Test
    void demoKeysLayerLikeTheServices(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("demo.properties");
        Files.writeString(file, "demo.seed = 7\ndemo.seconds = 100\ndemo.port = 8181\nstreams.reference = rolling:3\n"
                + "collector.max-body-size = 1MiB\n");
        assertThat(parse().demoConfig(Map.of()).get(DemoKeys.SECONDS)).isEqualTo(90);
        Config c = parse("--config", file.toString(), "--port", "8282").demoConfig(Map.of("DRIFTLINE_DEMO_SECONDS",
                "120"));
        assertThat(c.get(DemoKeys.SEED)).isEqualTo(7L);
        assertThat(c.get(DemoKeys.SECONDS)).isEqualTo(120);
        assertThat(c.get(DemoKeys.PORT)).isEqualTo(8282);
    }

    @Test
    void theDemosStreamsReadTheSameFileAndEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("demo.properties");
        Files.writeString(file, "demo.seed = 7\nstreams.alerts.drift-k = 1\nstreams.reference = rolling:6\n");
        Config.Builder b = Config.builder(StreamsKeys.ALL);
        StreamsKeys.OPEN_PREFIXES.forEach(b::openPrefix);
        StreamsSettings s = StreamsSettings.from(DemoKeys.layered(b, file, Map.of("DRIFTLINE_STREAMS_REFERENCE",
                "rolling:3")).flag(StreamsKeys.BOOTSTRAP_SERVERS, "127.0.0.1:1").build());
        assertThat(s.pipeline().reference().of("wine").id()).isEqualTo("rolling:3");
        assertThat(s.pipeline().alerts().driftOpenK()).isEqualTo(1);
    }

    @Test
    void badOrUnknownSettingsAreRefusedNamingTheKey(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> parse("--seconds", "30").demoConfig(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("demo.seconds");
        Path typo = dir.resolve("typo.properties");
        Files.writeString(typo, "streams.refrence = rolling:3\n");
        assertThatThrownBy(() -> parse("--config", typo.toString()).demoConfig(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("streams.refrence");
    }
}
