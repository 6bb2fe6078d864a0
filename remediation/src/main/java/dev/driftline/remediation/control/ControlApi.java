package dev.driftline.remediation.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.driftline.config.BearerAuth;
import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.RemediationCommand;
import dev.driftline.remediation.service.RemediationKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remediation service's control API, on its metrics port: {@code POST /api/v1/episodes/{episode}/approve|reject|
 * cancel} and {@code POST /api/v1/pause|resume}. Each call writes exactly the command record
 * {@code driftline remediation approve|...} writes ({@link OperatorCommands}) and answers 202 with its id only once
 * Kafka has acknowledged it. Every call needs a bearer token from {@code remediation.api.tokens(-file)}; with none
 * configured the API is off (404 saying how to turn it on), a missing or wrong token gets 401 and writes nothing.
 * Who acted is recorded and logged as the token's fingerprint, never the token.
 */
public final class ControlApi implements HttpHandler {
    /** Where the API's routes start. */
    public static final String PREFIX = "/api/v1/";
    /** The largest body taken (reason and names are short). */
    static final int MAX_BODY = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ControlApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BearerAuth auth;
    private final CommandChannel channel;
    private final String topic;
    private final Clock clock;

    /** @param tokens the accepted bearer tokens; empty turns the API off */
    public ControlApi(Set<String> tokens, CommandChannel channel, String commandsTopic, Clock clock) {
        this.auth = new BearerAuth(tokens);
        this.channel = channel;
        this.topic = commandsTopic;
        this.clock = clock;
    }

    public boolean enabled() {
        return auth.enabled();
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                answer(ex);
            } catch (ControlRequest.Invalid e) {
                send(ex, e.status, error("bad_request", e.getMessage()));
            } catch (CommandChannel.Unavailable e) {
                LOG.warn("control API: {} {}: {}", ex.getRequestMethod(), ex.getRequestURI().getRawPath(), e.getMessage());
                ex.getResponseHeaders().set("Retry-After", "5");
                send(ex, 503, error("kafka_unavailable", e.getMessage() + "; no command was acknowledged, retry"));
            } catch (RuntimeException e) { // bad input never takes the service down
                LOG.error("control API: {} {} failed", ex.getRequestMethod(), ex.getRequestURI().getRawPath(), e);
                send(ex, 500, error("internal_error", String.valueOf(e.getMessage())));
            }
        }
    }

    private void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String raw = ex.getRequestURI().getRawPath(); // for logs: a caller's %0A stays encoded, not a forged line
        if (!auth.enabled()) {
            send(ex, 404, error("control_api_off", "the control API is off: set " + RemediationKeys.API_TOKENS_FILE.name()
                    + " (a file with one bearer token per line) or " + RemediationKeys.API_TOKENS.name() + " ("
                    + RemediationKeys.API_TOKENS.envName() + ") to turn it on"));
            return;
        }
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        if (!auth.allows(authorization)) {
            LOG.warn("control API: refused {} {} from {}: {}", ex.getRequestMethod(), raw,
                    ex.getRemoteAddress().getAddress().getHostAddress(),
                    authorization == null ? "no Authorization header" : "not an accepted bearer token");
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"driftline-remediation\"");
            send(ex, 401, error("unauthorized", "a valid bearer token is required: Authorization: Bearer <token> "
                    + "(one of " + RemediationKeys.API_TOKENS_FILE.name() + " / " + RemediationKeys.API_TOKENS.name()
                    + ")"));
            return;
        }
        ControlRequest route = ControlRequest.route(path);
        if (route == null) {
            send(ex, 404, error("not_found", "no such endpoint " + path + "; there are POST " + PREFIX
                    + "episodes/{episode}/approve|reject|cancel and POST " + PREFIX + "pause|resume"));
            return;
        }
        if (!"POST".equals(ex.getRequestMethod())) {
            ex.getResponseHeaders().set("Allow", "POST");
            send(ex, 405, error("method_not_allowed", "method " + ex.getRequestMethod() + " not allowed; use POST"));
            return;
        }
        ControlRequest req = route.withBody(body(ex));
        String who = BearerAuth.fingerprint(BearerAuth.presented(authorization).orElseThrow());
        String by = req.by() == null || req.by().isBlank() ? who : req.by() + " (" + who + ")";
        RemediationCommand command;
        if (req.episodeId() != null) {
            Optional<RemediationCommand> c = forEpisode(ex, req, by);
            if (c.isEmpty()) {
                return;
            }
            command = c.get();
        } else {
            command = OperatorCommands.forModels(req.action(), req.model(), by, req.reason(), clock.millis());
        }
        List<Integer> partitions = channel.send(command);
        String verb = req.action().name().toLowerCase(Locale.ROOT);
        LOG.info("control API: {} of {} by {} sent as command {} to {} (reason: {})", verb,
                command.episodeId() != null ? "episode " + command.episodeId()
                        : command.global() ? "every model" : "model " + command.model(),
                by, command.commandId(), topic, command.reason() == null ? "none given" : command.reason());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("command_id", command.commandId());
        body.put("action", verb);
        body.put("model", command.model());
        body.put("episode_id", command.episodeId());
        body.put("by", by);
        body.put("topic", topic);
        body.put("partitions", partitions);
        send(ex, 202, body);
    }

    /** The command for the episode of {@code req}, or empty after answering why there is none (404, 409). */
    private Optional<RemediationCommand> forEpisode(HttpExchange ex, ControlRequest req, String by) throws IOException {
        EpisodeIndex episodes = channel.episodes();
        Optional<Episode> current = episodes.current(req.episodeId());
        if (current.isEmpty()) {
            Optional<Episode> old = episodes.seen(req.episodeId());
            if (old.isPresent()) {
                send(ex, 409, error("not_current", "episode " + req.episodeId() + " is no longer the current "
                        + "episode of " + old.get().model() + " (now " + episodes.latest(old.get().model())
                        .map(n -> n.id() + ", " + n.state()).orElse("none") + ")"));
            } else {
                send(ex, 404, error("unknown_episode", "no episode " + req.episodeId()
                        + " (driftline remediation status lists each model's current episode)"));
            }
            return Optional.empty();
        }
        Episode e = current.get();
        String refused = OperatorCommands.refusal(req.action(), e.state());
        if (refused != null) {
            send(ex, 409, error("wrong_state", "episode " + e.id() + " is " + e.state() + ", " + refused));
            return Optional.empty();
        }
        return Optional.of(OperatorCommands.forEpisode(req.action(), e, by, req.reason(), clock.millis()));
    }

    private static byte[] body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readNBytes(MAX_BODY + 1);
            if (b.length > MAX_BODY) {
                throw new ControlRequest.Invalid(413, "the body is larger than " + MAX_BODY + " bytes");
            }
            return b;
        }
    }

    private static Map<String, Object> error(String error, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        m.put("reason", reason);
        return m;
    }

    private static void send(HttpExchange ex, int status, Map<String, Object> body) throws IOException {
        byte[] b = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }
}
