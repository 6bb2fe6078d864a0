package dev.driftline.testkit.browser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal Chrome DevTools Protocol client over the JDK's {@link WebSocket} (JSON by Jackson):
 * commands carry an id and their answer completes a future; events go to listeners.
 *
 * <p>Why our own: the protocol is plain JSON messages over one WebSocket, and the JDK already
 * speaks WebSocket, so no Selenium/Playwright dependency (and no driver binary) is needed.
 *
 * <p>One connection to the <em>browser</em> endpoint serves every page: pages are attached with
 * {@code Target.attachToTarget(flatten=true)} and their messages carry a {@code sessionId} (see
 * {@link CdpSession}).
 *
 * <p>Threads: answers complete on the WebSocket thread; events are handed to listeners on one
 * dispatcher thread, in arrival order, so a listener may itself send commands without blocking
 * the socket.
 */
public final class CdpClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CdpClient.class);

  /** Default limit for one command's answer. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final ObjectMapper json = new ObjectMapper();
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<CdpEvent>>> listeners = new ConcurrentHashMap<>();
  private final ExecutorService dispatcher =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "cdp-events");
            t.setDaemon(true);
            return t;
          });
  private final Object sendLock = new Object();
  private final WebSocket socket;
  private volatile boolean closed;

  private CdpClient(URI webSocketUrl, Duration timeout) {
    try {
      this.socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .connectTimeout(timeout)
              .buildAsync(webSocketUrl, new Receiver())
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CdpException("Interrupted while connecting to " + webSocketUrl, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new CdpException("Cannot connect to DevTools at " + webSocketUrl, e);
    }
  }

  /** Connects to a DevTools WebSocket URL ({@code ws://127.0.0.1:PORT/devtools/browser/…}). */
  public static CdpClient connect(URI webSocketUrl) {
    return new CdpClient(webSocketUrl, Duration.ofSeconds(10));
  }

  /** The mapper used for messages; handy to build {@code params}. */
  public ObjectMapper json() {
    return json;
  }

  /** A fresh empty params object. */
  public ObjectNode params() {
    return json.createObjectNode();
  }

  /**
   * Sends a command and waits for its {@code result}.
   *
   * @param sessionId the page session, or {@code null} for a browser-level command
   * @param params may be {@code null}
   * @throws CdpException on a protocol error, a timeout or a closed connection
   */
  public JsonNode send(String sessionId, String method, JsonNode params, Duration timeout) {
    CompletableFuture<JsonNode> answer = sendAsync(sessionId, method, params);
    try {
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CdpException(method + " interrupted", e);
    } catch (TimeoutException e) {
      throw new CdpException(method + " got no answer within " + timeout, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CdpException cdp) {
        throw new CdpException(cdp.getMessage(), e.getCause());
      }
      throw new CdpException(method + " failed", e.getCause());
    }
  }

  /** Sends a command; the future completes with its {@code result} or a {@link CdpException}. */
  public CompletableFuture<JsonNode> sendAsync(String sessionId, String method, JsonNode params) {
    if (closed) {
      return CompletableFuture.failedFuture(new CdpException("DevTools connection is closed"));
    }
    long id = ids.incrementAndGet();
    ObjectNode message = json.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", params == null ? json.createObjectNode() : params);
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    String text;
    try {
      text = json.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      pending.remove(id);
      throw new CdpException("Cannot encode " + method, e);
    }
    synchronized (sendLock) { // WebSocket allows one outstanding send at a time
      try {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pending.remove(id);
        throw new CdpException("Interrupted sending " + method, e);
      } catch (ExecutionException | TimeoutException e) {
        pending.remove(id);
        answer.completeExceptionally(new CdpException("Cannot send " + method, e));
      }
    }
    return answer;
  }

  /**
   * Calls {@code listener} for every event named {@code method} (any session; filter on {@link
   * CdpEvent#sessionId()}). Returns a handle that removes the listener.
   */
  public AutoCloseable on(String method, Consumer<CdpEvent> listener) {
    listeners.computeIfAbsent(method, m -> new CopyOnWriteArrayList<>()).add(listener);
    return () -> listeners.getOrDefault(method, List.of()).remove(listener);
  }

  /**
   * Waits until every event received so far has been handed to its listeners. Events are
   * dispatched in order on one thread, so a no-op queued now runs after all of them. Together
   * with a command's answer (which Chromium sends after the events it emitted before) this lets
   * a caller read what listeners recorded without sleeping.
   */
  public void awaitDispatched(Duration timeout) {
    if (closed) {
      return;
    }
    try {
      dispatcher.submit(() -> {}).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("Events not dispatched within {}", timeout, e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      socket.abort();
    }
    failPending("DevTools connection closed");
    dispatcher.shutdownNow();
  }

  private void failPending(String why) {
    pending.values().forEach(f -> f.completeExceptionally(new CdpException(why)));
    pending.clear();
  }

  private void onMessage(String text) {
    JsonNode message;
    try {
      message = json.readTree(text);
    } catch (JsonProcessingException e) {
      LOG.warn("Unparseable DevTools message: {}", text.length() > 200 ? text.substring(0, 200) : text);
      return;
    }
    if (message.has("id")) {
      CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asLong());
      if (answer == null) {
        return;
      }
      JsonNode error = message.get("error");
      if (error != null) {
        answer.completeExceptionally(
            new CdpException(
                "DevTools error " + error.path("code").asText() + ": "
                    + error.path("message").asText()
                    + (error.has("data") ? " (" + error.get("data").asText() + ")" : "")));
      } else {
        answer.complete(message.path("result"));
      }
      return;
    }
    String method = message.path("method").asText(null);
    if (method == null) {
      return;
    }
    List<Consumer<CdpEvent>> targets = listeners.get(method);
    if (targets == null || targets.isEmpty()) {
      return;
    }
    JsonNode params = message.has("params") ? message.get("params") : json.createObjectNode();
    String sessionId = message.path("sessionId").asText(null);
    CdpEvent event = new CdpEvent(method, sessionId, params);
    dispatcher.execute(
        () -> {
          for (Consumer<CdpEvent> listener : targets) {
            try {
              listener.accept(event);
            } catch (RuntimeException e) {
              LOG.warn("Listener for {} failed", method, e);
            }
          }
        });
  }

  /** Reassembles fragmented text frames (screenshots arrive in many) and parses whole messages. */
  private final class Receiver implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        onMessage(text);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed = true;
      failPending("DevTools connection closed by Chromium (" + statusCode + " " + reason + ")");
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed = true;
      failPending("DevTools connection failed: " + error);
    }
  }
}
