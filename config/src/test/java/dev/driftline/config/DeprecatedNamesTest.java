package dev.driftline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A renamed key keeps its old file key and variable as deprecated names. */
class DeprecatedNamesTest {
    static final ConfigKey<Integer> OPEN_AFTER = ConfigKey.of("svc.alert.data-quality.open-after", Parsers.INT, "1",
            "Windows before a data-quality alert opens.").validate(n -> n >= 1, ">= 1")
            .withDeprecatedNames("svc.alert.quality.open-after");
    static final ConfigKey<Integer> PORT = ConfigKey.port("svc.port", 8080, "HTTP port.");
    static final List<ConfigKey<?>> ALL = List.of(OPEN_AFTER, PORT);

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path f = dir.resolve("svc.properties");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void aKeyKeepsItsDeprecatedNamesThroughValidateAndSecret() {
        assertThat(OPEN_AFTER.deprecatedNames()).containsExactly("svc.alert.quality.open-after");
        assertThat(OPEN_AFTER.asSecret().deprecatedNames()).containsExactly("svc.alert.quality.open-after");
        assertThat(PORT.deprecatedNames()).isEmpty();
        assertThatThrownBy(() -> PORT.withDeprecatedNames("svc.port")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOldFileKeyIsAcceptedWithAWarningNamingTheNewKey() throws IOException {
        Config c = Config.builder(ALL).file(file("svc.alert.quality.open-after = 3\n")).build();

        assertThat(c.get(OPEN_AFTER)).isEqualTo(3);
        assertThat(c.originOf(OPEN_AFTER)).startsWith("file ");
        assertThat(c.deprecations()).singleElement().asString()
                .startsWith("svc.alert.quality.open-after (file ")
                .endsWith("is deprecated: use svc.alert.data-quality.open-after instead");
    }

    @Test
    void theOldVariableIsAcceptedWithAWarningNamingTheNewVariable() {
        Config c = Config.builder(ALL).env(Map.of("DRIFTLINE_SVC_ALERT_QUALITY_OPEN_AFTER", "4")).build();

        assertThat(c.get(OPEN_AFTER)).isEqualTo(4);
        assertThat(c.originOf(OPEN_AFTER)).isEqualTo("env DRIFTLINE_SVC_ALERT_QUALITY_OPEN_AFTER");
        assertThat(c.deprecations()).containsExactly("DRIFTLINE_SVC_ALERT_QUALITY_OPEN_AFTER (env "
                + "DRIFTLINE_SVC_ALERT_QUALITY_OPEN_AFTER) is deprecated: use DRIFTLINE_SVC_ALERT_DATA_QUALITY_OPEN_AFTER"
                + " instead");
    }

    @Test
    void theNewNameWinsWhenBothAreGivenInOneLayer() throws IOException {
        Config file = Config.builder(ALL).file(file("svc.alert.quality.open-after = 3\n"
                + "svc.alert.data-quality.open-after = 2\n")).build();
        Config env = Config.builder(ALL).env(Map.of("DRIFTLINE_SVC_ALERT_QUALITY_OPEN_AFTER", "4",
                "DRIFTLINE_SVC_ALERT_DATA_QUALITY_OPEN_AFTER", "5")).build();

        assertThat(file.get(OPEN_AFTER)).isEqualTo(2);
        assertThat(file.deprecations()).singleElement().asString()
                .contains("is deprecated and ignored: svc.alert.data-quality.open-after is set too");
        assertThat(env.get(OPEN_AFTER)).isEqualTo(5);
        assertThat(env.deprecations()).singleElement().asString()
                .contains("is deprecated and ignored: DRIFTLINE_SVC_ALERT_DATA_QUALITY_OPEN_AFTER is set too");
    }

    @Test
    void layersKeepTheirPrecedenceForDeprecatedNames() throws IOException {
        // the old variable overrides the file's new key (env > file); a flag overrides both
        Config c = Config.builder(ALL).file(file("svc.alert.data-quality.open-after = 2\n"))
                .env(Map.of("DRIFTLINE_SVC_ALERT_QUALITY_OPEN_AFTER", "4")).build();
        Config flagged = Config.builder(ALL).env(Map.of("DRIFTLINE_SVC_ALERT_QUALITY_OPEN_AFTER", "4"))
                .flag(OPEN_AFTER, 6).build();

        assertThat(c.get(OPEN_AFTER)).isEqualTo(4);
        assertThat(flagged.get(OPEN_AFTER)).isEqualTo(6);
        assertThat(flagged.originOf(OPEN_AFTER)).isEqualTo("flag");
    }

    @Test
    void aBadValueUnderADeprecatedNameNamesTheKeyAndWhereItCameFrom() {
        assertThatThrownBy(() -> Config.builder(ALL).env(Map.of("DRIFTLINE_SVC_ALERT_QUALITY_OPEN_AFTER", "0"))
                .build()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("svc.alert.data-quality.open-after: must be >= 1")
                .hasMessageContaining("env DRIFTLINE_SVC_ALERT_QUALITY_OPEN_AFTER");
    }

    @Test
    void noDeprecatedNameUsedNoWarning() throws IOException {
        Config c = Config.builder(ALL).file(file("svc.alert.data-quality.open-after = 2\n"))
                .env(Map.of("DRIFTLINE_SVC_PORT", "9000")).build();

        assertThat(c.get(OPEN_AFTER)).isEqualTo(2);
        assertThat(c.deprecations()).isEmpty();
    }

    @Test
    void aDeprecatedNameMayNotShadowAKeyOrAnotherKeysOldName() {
        ConfigKey<Integer> clash = ConfigKey.of("svc.other", Parsers.INT, "1", "Other.").withDeprecatedNames("svc.port");
        ConfigKey<Integer> twice = ConfigKey.of("svc.again", Parsers.INT, "1", "Again.")
                .withDeprecatedNames("svc.alert.quality.open-after");
        assertThatThrownBy(() -> Config.builder(List.of(PORT, clash))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Config.builder(List.of(OPEN_AFTER, twice)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
