package dev.driftline.collector.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of a value's text, truncated to 128 bits and hex-encoded. Keyed, so the hash cannot be reversed by
 * hashing a dictionary of likely values without the key; deterministic, so equal values map to equal tokens.
 */
public final class KeyedHasher {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public KeyedHasher(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the redaction hash key must be at least 16 bytes long");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    public String hash(String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // Mac is not thread-safe; creating one is cheap
            mac.init(key);
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
