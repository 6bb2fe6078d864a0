package dev.driftline.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer-token check, shared by every service that takes tokens (the collector's events, the remediation control
 * API), so there is one way to configure, compare and name a token. Tokens are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, which takes the same time whatever the content, and every configured token is always
 * compared, so timing reveals neither a token's prefix nor which token matched. Tokens are never logged: a
 * {@link #fingerprint} (the first 8 hex digits of the digest) names one in logs and records.
 */
public final class BearerAuth {
    private final List<byte[]> digests;

    public BearerAuth(Set<String> tokens) {
        this.digests = tokens.stream().map(BearerAuth::sha256).toList();
    }

    /**
     * The tokens of a service: those listed in {@code tokensKey} (comma-separated, a secret key) plus one per line of
     * the file in {@code fileKey} (blank lines and {@code #} comments skipped). A file that cannot be read, or holds
     * no token, is a configuration error: it was set to turn authentication on, and must not silently leave it off.
     */
    public static Set<String> tokens(Config c, ConfigKey<List<String>> tokensKey, ConfigKey<Path> fileKey) {
        Set<String> tokens = new HashSet<>();
        c.find(tokensKey).orElse(List.of()).stream().map(String::strip).filter(t -> !t.isEmpty())
                .forEach(tokens::add);
        Optional<Path> file = c.find(fileKey);
        if (file.isPresent()) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file.get(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConfigException(fileKey.name() + ": cannot read " + file.get() + ": " + e.getMessage());
            }
            List<String> fromFile = lines.stream().map(String::strip).filter(t -> !t.isEmpty() && !t.startsWith("#"))
                    .toList();
            if (fromFile.isEmpty()) {
                throw new ConfigException(fileKey.name() + ": " + file.get() + " holds no token");
            }
            tokens.addAll(fromFile);
        }
        return Set.copyOf(tokens);
    }

    public boolean enabled() {
        return !digests.isEmpty();
    }

    /** @param authorization the Authorization header value, possibly null */
    public boolean allows(String authorization) {
        if (!enabled()) {
            return true;
        }
        return presented(authorization).map(this::matches).orElse(false);
    }

    /**
     * The token of an {@code Authorization: Bearer …} header, if the header has that form. Only for
     * {@link #fingerprint} after {@link #allows} said yes: the token itself goes nowhere.
     */
    public static Optional<String> presented(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(7).strip());
    }

    /** Who acted, for logs and records: {@code token:} and the first 8 hex digits of the token's SHA-256. */
    public static String fingerprint(String token) {
        return "token:" + HexFormat.of().formatHex(sha256(token), 0, 4);
    }

    private boolean matches(String token) {
        byte[] presented = sha256(token);
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
