package dev.driftline.remediation.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A CD system behind the rollout webhook (remediation/docs/webhook.md) that records every call and settles every move
 * at once: the tests assert which calls the service made, e.g. none for a rejected candidate.
 */
final class RecordingWebhook implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    final List<JsonNode> calls = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    RecordingWebhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/rollout", ex -> {
            JsonNode body = JSON.readTree(ex.getRequestBody());
            calls.add(body);
            String answer = "current".equals(body.path("action").asText())
                    ? "{\"state\": \"ready\", \"detail\": \"serving\", \"spec\": {\"storageUri\": \"s3://models/v1\"}}"
                    : "{\"state\": \"ready\", \"detail\": \"done\"}";
            byte[] b = answer.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/rollout";
    }

    /** Calls that move traffic (anything but reads). */
    List<JsonNode> moves(String model) {
        return calls.stream().filter(c -> model.equals(c.path("model").asText()))
                .filter(c -> !List.of("current", "status").contains(c.path("action").asText())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
