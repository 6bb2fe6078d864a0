package dev.driftline.collector.privacy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class KeyedHasherTest {
    static final byte[] KEY = "0123456789abcdef".getBytes(UTF_8);

    @Test
    void isTruncatedHmacSha256InHex() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] full = mac.doFinal("Oslo".getBytes(UTF_8));
        String expected = HexFormat.of().formatHex(full, 0, 16);

        assertThat(new KeyedHasher(KEY).hash("Oslo")).isEqualTo(expected).hasSize(32).matches("[0-9a-f]{32}");
    }

    @Test
    void deterministicForTheSameKeyAndValue() {
        assertThat(new KeyedHasher(KEY).hash("Oslo")).isEqualTo(new KeyedHasher(KEY.clone()).hash("Oslo"));
    }

    @Test
    void differentValuesDiffer() {
        KeyedHasher h = new KeyedHasher(KEY);
        assertThat(h.hash("Oslo")).isNotEqualTo(h.hash("oslo")).isNotEqualTo(h.hash(""));
    }

    @Test
    void keyed() {
        byte[] other = "0123456789abcdeF".getBytes(UTF_8);
        assertThat(new KeyedHasher(KEY).hash("Oslo")).isNotEqualTo(new KeyedHasher(other).hash("Oslo"));
    }

    @Test
    void keyIsCopied() {
        byte[] key = KEY.clone();
        KeyedHasher h = new KeyedHasher(key);
        String before = h.hash("Oslo");
        key[0] ^= 1;
        assertThat(h.hash("Oslo")).isEqualTo(before);
    }

    @Test
    void shortKeysAreRefused() {
        assertThatThrownBy(() -> new KeyedHasher("0123456789abcde".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
    }
}
