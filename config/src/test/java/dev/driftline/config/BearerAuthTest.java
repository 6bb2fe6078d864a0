package dev.driftline.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
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
}
