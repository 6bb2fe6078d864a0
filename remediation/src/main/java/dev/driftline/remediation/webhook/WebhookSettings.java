package dev.driftline.remediation.webhook;

import dev.driftline.remediation.policy.PolicySection;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The rollout webhook of a policy's {@code webhook} section.
 *
 * <pre>{@code
 * webhook:
 *   url: https://cd.example.com/driftline/rollout   # required, http or https
 *   token-env: ROLLOUT_WEBHOOK_TOKEN                 # bearer token from this environment variable (preferred)
 *   token: …                                         # or inline (kept out of logs; avoid in checked-in files)
 *   timeout: 10s                                     # per request; default 10s
 * }</pre>
 *
 * @param url     where every action is POSTed
 * @param token   bearer token sent as {@code Authorization: Bearer …}; secret, never logged or printed
 * @param timeout per-request timeout (connect and response)
 */
public record WebhookSettings(URI url, Optional<String> token, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> KEYS = Set.of("url", "token", "token-env", "timeout");

    public WebhookSettings {
        Objects.requireNonNull(url, "url");
        token = token == null ? Optional.empty() : token.filter(t -> !t.isBlank());
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    public static WebhookSettings from(PolicySection s) {
        return from(s, System::getenv);
    }

    /** With the environment given (tests). */
    public static WebhookSettings from(PolicySection s, Function<String, String> env) {
        s.onlyKeys(KEYS);
        String text = s.requiredText("url");
        URI url;
        try {
            url = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw s.error("url", "is not a URL: " + e.getMessage());
        }
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw s.error("url", "must be an http:// or https:// URL, got " + redact(url));
        }
        if (s.has("token") && s.has("token-env")) {
            throw s.error("token", "set token or token-env, not both");
        }
        Optional<String> token = s.optText("token");
        if (s.has("token-env")) {
            String name = s.requiredText("token-env");
            String value = env.apply(name);
            if (value == null || value.isBlank()) {
                throw s.error("token-env", "environment variable " + name + " is not set");
            }
            token = Optional.of(value);
        }
        Duration timeout = s.duration("timeout", DEFAULT_TIMEOUT);
        if (timeout.isZero() || timeout.isNegative()) {
            throw s.error("timeout", "must be positive");
        }
        return new WebhookSettings(url, token, timeout);
    }

    /** scheme://host[:port]/path: what logs and errors show (the query may carry a signature). */
    public static String redact(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    @Override
    public String toString() {
        return "WebhookSettings[url=" + redact(url) + ", token=" + (token.isPresent() ? "****" : "(none)")
                + ", timeout=" + timeout + "]";
    }
}
