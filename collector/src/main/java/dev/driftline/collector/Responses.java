package dev.driftline.collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;

/** Writes the collector's small JSON answers; errors always carry a reason a person can act on. */
final class Responses {
    private final ObjectMapper mapper;
    private final long retryAfterSeconds;

    Responses(ObjectMapper mapper, long retryAfterSeconds) {
        this.mapper = mapper;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    Future<Void> json(HttpServerResponse r, int status, ObjectNode body) {
        if (r.ended() || r.closed()) {
            return Future.succeededFuture();
        }
        r.setStatusCode(status).putHeader("Content-Type", "application/json");
        return r.end(body.toString());
    }

    void accepted(HttpServerResponse r, int events) {
        json(r, 202, mapper.createObjectNode().put("accepted", events));
    }

    /** @param closeConnection when the request body was not (fully) read, the connection cannot be reused */
    Future<Void> reject(HttpServerResponse r, Rejection rej, boolean closeConnection) {
        if (r.ended() || r.closed()) {
            return Future.succeededFuture();
        }
        switch (rej.reason()) {
            case UNAVAILABLE, SHUTTING_DOWN -> r.putHeader("Retry-After", Long.toString(retryAfterSeconds));
            case METHOD_NOT_ALLOWED -> r.putHeader("Allow", "POST");
            case UNAUTHORIZED -> r.putHeader("WWW-Authenticate", "Bearer realm=\"driftline\"");
            default -> { }
        }
        if (closeConnection) {
            r.putHeader("Connection", "close");
        }
        return json(r, rej.status(), mapper.createObjectNode().put("status", rej.status()).put("error", rej.getMessage()));
    }

    void text(HttpServerResponse r, int status, String contentType, String body) {
        r.setStatusCode(status).putHeader("Content-Type", contentType).end(body);
    }
}
