package dev.driftline.collector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;

/**
 * Bearer-token check. Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, which takes the
 * same time whatever the content, and every configured token is always compared, so timing reveals neither a
 * token's prefix nor which token matched. Tokens are never logged.
 */
public final class BearerAuth {
    private final List<byte[]> digests;

    public BearerAuth(Set<String> tokens) {
        this.digests = tokens.stream().map(BearerAuth::sha256).toList();
    }

    public boolean enabled() {
        return !digests.isEmpty();
    }

    /** @param authorization the Authorization header value, possibly null */
    public boolean allows(String authorization) {
        if (!enabled()) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = sha256(authorization.substring(7).strip());
        boolean ok = false;
        for (byte[] d : digests) {
            ok |= MessageDigest.isEqual(d, presented);
        }
        return ok;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
