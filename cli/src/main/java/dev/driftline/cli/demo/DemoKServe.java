package dev.driftline.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The demo's simulated KServe InferenceService {@code wine}: serves the wine model, and moves traffic to a canary when
 * the remediation service asks through its {@code webhook} rollout target (protocol v1,
 * {@code remediation/docs/webhook.md}: {@code current}, {@code shift}, {@code promote}, {@code rollback},
 * {@code status}). Like KServe with {@code canaryTrafficPercent}, a share of the requests goes to the candidate, and
 * the inference logger labels each response with the revision that served it ({@code Ce-Endpoint}: the stable
 * {@value #STABLE} or the candidate's version), which is how the pipeline tells the canary's model-quality windows
 * apart for the guardrail.
 *
 * <p>Every action settles at once (a real server would answer {@code settling} while pods start); a repeated action
 * is the same state, so the idempotency keys need no bookkeeping. Artifacts are the trainer's {@code model.json}
 * ({@code file://} URIs).
 */
final class DemoKServe implements AutoCloseable {
    static final String STABLE = "wine-predictor-default";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One action the server carried out, in the simulated time of the remediation service's clock. */
    record Step(Instant at, String action, int percent, String version) {
    }

    /** Which model served an inference and the revision the logger reports. */
    record Serving(WineModel model, String version, boolean canary) {
    }

    private final HttpServer server;
    private final Clock clock;
    private final List<Step> steps = new CopyOnWriteArrayList<>();
    private volatile WineModel stable;
    private volatile String stableArtifact;
    private volatile WineModel candidate;
    private volatile String candidateVersion;
    private volatile String candidateArtifact;
    private volatile int percent;

    private DemoKServe(HttpServer server, Clock clock, WineModel model) {
        this.server = server;
        this.clock = clock;
        this.stable = model;
        this.stableArtifact = "bundled:" + WineModel.RESOURCE;
    }

    static DemoKServe start(WineModel model, Clock clock) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        DemoKServe k = new DemoKServe(server, clock, model);
        server.createContext("/rollout", k::handle);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "demo-kserve");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return k;
    }

    /** The webhook URL the remediation policy names. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/rollout");
    }

    /**
     * Routes inference {@code i}: {@code percent} of every 100 consecutive inferences go to the candidate, spread
     * over them (37 is coprime with 100) rather than in one block.
     */
    Serving route(long i) {
        WineModel c = candidate;
        int p = percent;
        if (c != null && Math.floorMod(i * 37, 100) < p) {
            return new Serving(c, candidateVersion, true);
        }
        return new Serving(stable, STABLE, false);
    }

    /** The candidate's share of the traffic now (0 without a candidate). */
    int canaryPercent() {
        return candidate == null ? 0 : percent;
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    /** True once a candidate became the stable model. */
    boolean promoted() {
        return steps.stream().anyMatch(s -> s.action().equals("promote"));
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                answer(ex, 405, error("POST only"));
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(ex.getRequestBody());
            } catch (IOException e) {
                answer(ex, 400, error("not JSON: " + e.getMessage()));
                return;
            }
            ObjectNode answer;
            try {
                answer = act(body);
            } catch (IllegalArgumentException e) {
                answer(ex, 400, error(e.getMessage())); // what cannot be served: the caller must not retry
                return;
            }
            answer(ex, 200, answer);
        }
    }

    /** One protocol call: the new state, or 400 (not retried by the caller) for what cannot be done. */
    private synchronized ObjectNode act(JsonNode call) {
        String action = call.path("action").asText();
        ObjectNode a = JSON.createObjectNode();
        a.put("state", "ready");
        switch (action) {
            case "current", "status" -> {
                a.put("detail", candidate == null ? "serving " + stableArtifact
                        : percent + "% on " + candidateVersion);
                a.put("spec", stableArtifact);
                return a;
            }
            case "shift" -> {
                String artifact = call.path("candidate_artifact").asText();
                if (candidate == null || !artifact.equals(candidateArtifact)) {
                    candidate = load(artifact);
                    candidateArtifact = artifact;
                }
                candidateVersion = call.path("candidate_version").asText(call.path("episode_id").asText());
                percent = call.path("percent").asInt();
                record(action);
                a.put("detail", percent + "% of the traffic on " + candidateVersion);
                return a;
            }
            case "promote" -> {
                if (candidate != null) {
                    stable = candidate;
                    stableArtifact = candidateArtifact;
                    record(action);
                    candidate = null;
                    percent = 0;
                }
                a.put("detail", "serving " + stableArtifact);
                return a;
            }
            case "rollback" -> {
                if (candidate != null) {
                    percent = 0;
                    record(action);
                    candidate = null;
                }
                a.put("detail", "serving " + stableArtifact);
                return a;
            }
            default -> throw new IllegalArgumentException("unknown action '" + action + "'");
        }
    }

    private void record(String action) {
        steps.add(new Step(clock.instant(), action, action.equals("promote") ? 100 : percent,
                candidateVersion == null ? "" : candidateVersion));
    }

    private static WineModel load(String artifact) {
        if (!artifact.startsWith("file:")) {
            throw new IllegalArgumentException("the demo serves file:// artifacts, not " + artifact);
        }
        try {
            return WineModel.fromJson(JSON.readTree(Path.of(URI.create(artifact)).toFile()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the candidate " + artifact + ": " + e.getMessage());
        }
    }

    private static ObjectNode error(String detail) {
        ObjectNode n = JSON.createObjectNode();
        n.put("state", "failed");
        n.put("detail", detail);
        return n;
    }

    private static void answer(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
