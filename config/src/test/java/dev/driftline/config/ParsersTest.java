package dev.driftline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParsersTest {
    @ParameterizedTest
    @CsvSource({"200ms, 200", "30s, 30000", "5m, 300000", "1h, 3600000", "1d, 86400000", "' 10 S ', 10000",
            "0ms, 0"})
    void durations(String text, long millis) {
        assertThat(Parsers.DURATION_PARSER.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"200", "", "1.5s", "-1s", "10 seconds", "PT10S", "s"})
    void badDurationsAreRefused(String text) {
        assertThatThrownBy(() -> Parsers.DURATION_PARSER.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a duration");
    }

    @ParameterizedTest
    @CsvSource({"1048576, 1048576", "512KiB, 524288", "512kb, 524288", "10MiB, 10485760", "10 MB, 10485760",
            "2GiB, 2147483648", "7b, 7", "7B, 7"})
    void sizes(String text, long bytes) {
        assertThat(Parsers.BYTES.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ten", "1.5MiB", "-1", "10TiB", "MiB"})
    void badSizesAreRefused(String text) {
        assertThatThrownBy(() -> Parsers.BYTES.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a size");
    }

    @ParameterizedTest
    @CsvSource({"true, true", "YES, true", "on, true", "1, true", "false, false", "No, false", "off, false",
            "0, false"})
    void booleans(String text, boolean value) {
        assertThat(Parsers.BOOLEAN.parse(text)).isEqualTo(value);
    }

    @Test
    void badValuesAreRefusedWithAShortReason() {
        assertThatThrownBy(() -> Parsers.BOOLEAN.parse("maybe")).hasMessageContaining("not a boolean");
        assertThatThrownBy(() -> Parsers.INT.parse("1e3")).hasMessage("not an integer");
        assertThatThrownBy(() -> Parsers.INT.parse("3000000000")).hasMessage("not an integer");
        assertThatThrownBy(() -> Parsers.LONG.parse("x")).hasMessage("not an integer");
        assertThatThrownBy(() -> Parsers.DOUBLE.parse("x")).hasMessage("not a number");
    }

    @Test
    void numbersAndPaths() {
        assertThat(Parsers.INT.parse(" 42 ")).isEqualTo(42);
        assertThat(Parsers.LONG.parse("3000000000")).isEqualTo(3_000_000_000L);
        assertThat(Parsers.DOUBLE.parse("0.25")).isEqualTo(0.25);
        assertThat(Parsers.PATH.parse(" /etc/driftline/tokens ")).isEqualTo(Path.of("/etc/driftline/tokens"));
    }

    @Test
    void listsDropBlanks() {
        assertThat(Parsers.LIST.parse("a, b,, c ,")).containsExactly("a", "b", "c");
        assertThat(Parsers.LIST.parse("")).isEmpty();
        assertThat(Parsers.LIST.parse(" , ")).isEmpty();
    }

    @Test
    void envNamesOfKeys() {
        assertThat(ConfigKey.of("collector.max-body-size", Parsers.BYTES, "1", "d").envName())
                .isEqualTo("DRIFTLINE_COLLECTOR_MAX_BODY_SIZE");
        assertThat(ConfigKey.of("bootstrap-servers", Parsers.STRING, null, "d").envName())
                .isEqualTo("DRIFTLINE_BOOTSTRAP_SERVERS");
    }

    @Test
    void keyModifiersKeepTheRestOfTheKey() {
        ConfigKey<Integer> k = ConfigKey.of("a.b", Parsers.INT, "3", "doc").validate(n -> n > 2, "above 2").asSecret();
        assertThat(k.name()).isEqualTo("a.b");
        assertThat(k.defaultText()).isEqualTo("3");
        assertThat(k.secret()).isTrue();
        assertThat(k.checkDoc()).isEqualTo("above 2");
        assertThat(k.check().test(2)).isFalse();
        assertThat(k.check().test(3)).isTrue();
    }
}
