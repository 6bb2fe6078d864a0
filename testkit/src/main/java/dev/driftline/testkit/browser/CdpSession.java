package dev.driftline.testkit.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One attached page target on a shared {@link CdpClient}: the same send/listen calls, with the
 * page's {@code sessionId} filled in and events of other pages filtered out.
 *
 * <p>Why: with flat sessions every page talks over the browser's single WebSocket, so each
 * message must name its session; this keeps that detail out of {@link BrowserPage}.
 */
public final class CdpSession {

  private final CdpClient client;
  private final String sessionId;
  private final String targetId;

  CdpSession(CdpClient client, String sessionId, String targetId) {
    this.client = client;
    this.sessionId = sessionId;
    this.targetId = targetId;
  }

  public String sessionId() {
    return sessionId;
  }

  public String targetId() {
    return targetId;
  }

  public CdpClient client() {
    return client;
  }

  /** A fresh empty params object. */
  public ObjectNode params() {
    return client.params();
  }

  /** Sends a command to this page and waits up to {@link CdpClient#DEFAULT_TIMEOUT}. */
  public JsonNode send(String method, JsonNode params) {
    return client.send(sessionId, method, params, CdpClient.DEFAULT_TIMEOUT);
  }

  /** Sends a command to this page and waits up to {@code timeout}. */
  public JsonNode send(String method, JsonNode params, Duration timeout) {
    return client.send(sessionId, method, params, timeout);
  }

  /** Listens to one event of this page only; the handle removes the listener. */
  public AutoCloseable on(String method, Consumer<CdpEvent> listener) {
    return client.on(
        method,
        event -> {
          if (sessionId.equals(event.sessionId())) {
            listener.accept(event);
          }
        });
  }
}
