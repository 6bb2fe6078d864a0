package dev.driftline.config;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BearerAuthTest {
    static final String TOKEN = "s3cr3t-T0ken.with~chars";
    final BearerAuth auth = new BearerAuth(Set.of(TOKEN, "second-token"));

    @Test
    void noTokensConfiguredMeansOpen() {
        BearerAuth open = new BearerAuth(Set.of());
        assertThat(open.enabled()).isFalse();
        assertThat(open.allows(null)).isTrue();
        assertThat(open.allows("Bearer whatever")).isTrue();
    }

    @Test
    void noHeaderIsRefused() {
        assertThat(auth.enabled()).isTrue();
        assertThat(auth.allows(null)).isFalse();
    }

    @Test
    void rightTokenIsAllowed() {
        assertThat(auth.allows("Bearer " + TOKEN)).isTrue();
        assertThat(auth.allows("Bearer second-token")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer ", "BEARER ", "BeArEr "})
    void schemeIsCaseInsensitive(String scheme) {
        assertThat(auth.allows(scheme + TOKEN)).isTrue();
    }

    @Test
    void surroundingWhitespaceOfTheTokenIsIgnored() {
        assertThat(auth.allows("Bearer   " + TOKEN + "  ")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer wrong", "Bearer s3cr3t-T0ken", "Bearer s3cr3t-T0ken.with~charsX",
            "Bearer S3CR3T-T0KEN.WITH~CHARS", "Bearer ", "Bearer", "", "Basic czNjcjN0", "Token s3cr3t-T0ken.with~chars",
            "s3cr3t-T0ken.with~chars", "Bearers3cr3t-T0ken.with~chars"})
    void wrongTokenOrSchemeIsRefused(String header) {
        assertThat(auth.allows(header)).isFalse();
    }

    static final ConfigKey<List<String>> TOKENS = ConfigKey.of("svc.auth.tokens", Parsers.LIST, null, "Tokens.")
            .asSecret();
    static final ConfigKey<Path> TOKENS_FILE = ConfigKey.of("svc.auth.tokens-file", Parsers.PATH, null, "File.");

    @TempDir
    Path dir;

    Config config(Map<String, String> env) {
        return Config.builder(List.of(TOKENS, TOKENS_FILE)).env(env).build();
    }

    @Test
    void noTokenKeysMeansNoTokens() {
        assertThat(BearerAuth.tokens(config(Map.of()), TOKENS, TOKENS_FILE)).isEmpty();
        assertThat(new BearerAuth(BearerAuth.tokens(config(Map.of()), TOKENS, TOKENS_FILE)).enabled()).isFalse();
    }

    @Test
    void tokensFileHasOnePerLineWithoutBlanksAndComments() throws IOException {
        Path f = Files.writeString(dir.resolve("tokens"), "# operators\n  alice-token  \n\nbob-token\n#old-token\n");
        Set<String> tokens = BearerAuth.tokens(config(Map.of("DRIFTLINE_SVC_AUTH_TOKENS_FILE", f.toString(),
                "DRIFTLINE_SVC_AUTH_TOKENS", "ci-token")), TOKENS, TOKENS_FILE);
        assertThat(tokens).containsExactlyInAnyOrder("alice-token", "bob-token", "ci-token");
        BearerAuth auth = new BearerAuth(tokens);
        assertThat(auth.allows("Bearer bob-token")).isTrue();
        assertThat(auth.allows("Bearer old-token")).as("a commented-out token is not accepted").isFalse();
        assertThat(auth.allows("Bearer # operators")).isFalse();
    }

    @Test
    void aTokensFileWithoutTokensOrUnreadableFailsInsteadOfLeavingAuthOff() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty"), "# nothing yet\n\n");
        assertThatThrownBy(() -> BearerAuth.tokens(config(Map.of("DRIFTLINE_SVC_AUTH_TOKENS_FILE", empty.toString())),
                TOKENS, TOKENS_FILE)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("svc.auth.tokens-file").hasMessageContaining("holds no token");
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> BearerAuth.tokens(config(Map.of("DRIFTLINE_SVC_AUTH_TOKENS_FILE",
                missing.toString())), TOKENS, TOKENS_FILE)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read " + missing);
    }

    @Test
    void fingerprintNamesATokenWithoutRevealingIt() {
        String fp = BearerAuth.fingerprint(TOKEN);
        assertThat(fp).matches("token:[0-9a-f]{8}").doesNotContain(TOKEN).isEqualTo(BearerAuth.fingerprint(TOKEN));
        assertThat(BearerAuth.fingerprint("second-token")).isNotEqualTo(fp);
        assertThat(BearerAuth.presented("Bearer  " + TOKEN)).contains(TOKEN);
        assertThat(BearerAuth.presented("Basic x")).isEmpty();
        assertThat(BearerAuth.presented(null)).isEmpty();
    }

    @Test
    void tokensAreMaskedInTheDescribedConfiguration() {
        Config c = config(Map.of("DRIFTLINE_SVC_AUTH_TOKENS", TOKEN));
        assertThat(c.describe()).contains("svc.auth.tokens").doesNotContain(TOKEN);
    }
}
