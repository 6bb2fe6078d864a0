package dev.driftline.testkit.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One page (tab) of a {@link Chromium}, with what browser tests ask of it: open a URL and wait for
 * it to load, the console errors and requests it made, run JavaScript, click, screenshot.
 *
 * <p>Why it records from the start: errors and requests happen while the page loads, before a
 * test could ask; so Runtime, Log, Network and Page events are enabled when the page is created,
 * and every {@link #open(URI)} starts a fresh record for the new document.
 *
 * <p>Not thread-safe for concurrent commands from several test threads; one test drives one page.
 */
public final class BrowserPage implements AutoCloseable {

  /** Default limit for {@link #open(URI)}. */
  public static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);

  private static final Duration POLL = Duration.ofMillis(50);

  private final CdpSession session;
  private final int width;
  private final int height;
  private final Consumer<BrowserPage> onClose;
  private final List<ConsoleError> errors = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  /** Page.lifecycleEvent "load" per loaderId: completes when that navigation has loaded. */
  private final Map<String, CompletableFuture<Void>> loads = new ConcurrentHashMap<>();
  private final List<AutoCloseable> subscriptions = new ArrayList<>();
  private volatile String mainFrameId;
  private volatile URI uri = URI.create("about:blank");
  private volatile boolean closed;

  BrowserPage(CdpSession session, int width, int height, Consumer<BrowserPage> onClose) {
    this.session = session;
    this.width = width;
    this.height = height;
    this.onClose = onClose;
    subscriptions.add(session.on("Runtime.consoleAPICalled", e -> errors(consoleCall(e.params()))));
    subscriptions.add(session.on("Runtime.exceptionThrown", e -> errors.add(exception(e.params()))));
    subscriptions.add(session.on("Log.entryAdded", e -> errors(logEntry(e.params()))));
    subscriptions.add(
        session.on(
            "Network.requestWillBeSent",
            e -> requests.add(e.params().path("request").path("url").asText())));
    subscriptions.add(
        session.on("Network.webSocketCreated", e -> requests.add(e.params().path("url").asText())));
    subscriptions.add(
        session.on(
            "Page.lifecycleEvent",
            e -> {
              JsonNode p = e.params();
              if ("load".equals(p.path("name").asText())
                  && p.path("frameId").asText().equals(mainFrameId)) {
                load(p.path("loaderId").asText()).complete(null);
              }
            }));
    subscriptions.add(
        session.on(
            "Inspector.targetCrashed",
            e -> {
              errors.add(new ConsoleError("crash", "The page's renderer crashed", uri.toString(), 0));
              loads.values().forEach(
                  f -> f.completeExceptionally(new AssertionError("The page's renderer crashed")));
            }));
    // alert()/confirm()/prompt() would block the page (and every later command) until answered:
    // accept them at once and report them, so a page that pops one fails visibly, not by timeout.
    subscriptions.add(
        session.on(
            "Page.javascriptDialogOpening",
            e -> {
              errors.add(
                  new ConsoleError(
                      "dialog:" + e.params().path("type").asText(),
                      e.params().path("message").asText(),
                      e.params().path("url").asText(""),
                      0));
              session.client().sendAsync(
                  session.sessionId(),
                  "Page.handleJavaScriptDialog",
                  session.params().put("accept", true));
            }));
    session.send("Inspector.enable", null);
    for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
      session.send(domain + ".enable", null);
    }
    session.send("Page.setLifecycleEventsEnabled", session.params().put("enabled", true));
    mainFrameId = session.send("Page.getFrameTree", null).path("frameTree").path("frame")
        .path("id").asText();
    session.send(
        "Emulation.setDeviceMetricsOverride",
        session.params()
            .put("width", width)
            .put("height", height)
            .put("deviceScaleFactor", 1)
            .put("mobile", false));
  }

  /** Opens {@code uri} and waits (up to 30 s) until its load event; records start afresh. */
  public BrowserPage open(URI uri) {
    return open(uri, LOAD_TIMEOUT);
  }

  /** Opens a local file ({@code file://}). */
  public BrowserPage open(Path file) {
    return open(file.toAbsolutePath().toUri());
  }

  /**
   * Navigates to {@code uri} and waits until the page's {@code load} event (the lifecycle event
   * of <em>this</em> navigation, so a late load of the previous document cannot be mistaken for
   * it). Clears {@link #consoleErrors()} and {@link #requests()} first.
   *
   * @throws AssertionError if the navigation fails (e.g. file not found) or does not load in time
   */
  public BrowserPage open(URI uri, Duration timeout) {
    settle(); // late events of the previous document must not land in the new record
    errors.clear();
    requests.clear();
    this.uri = uri;
    JsonNode nav = session.send("Page.navigate", session.params().put("url", uri.toString()), timeout);
    if (nav.hasNonNull("errorText") && !nav.path("errorText").asText().isEmpty()) {
      throw new AssertionError("Opening " + uri + " failed: " + nav.path("errorText").asText());
    }
    String loaderId = nav.path("loaderId").asText("");
    if (loaderId.isEmpty()) {
      return this; // same-document navigation (only the fragment changed): nothing loads
    }
    try {
      load(loaderId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(uri + " did not finish loading within " + timeout
          + "; console errors so far: " + consoleErrors());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while loading " + uri, e);
    } catch (ExecutionException e) {
      throw new AssertionError("Loading " + uri + " failed", e.getCause());
    } finally {
      loads.remove(loaderId);
    }
    return this;
  }

  /** The URI last given to {@link #open(URI)} ({@code about:blank} before). */
  public URI uri() {
    return uri;
  }

  /**
   * Errors since the last {@link #open(URI)}: {@code console.error}/{@code console.assert}
   * calls, uncaught exceptions and script syntax errors, and browser errors ({@code Log} level
   * error, e.g. a resource that failed to load). In arrival order.
   */
  public List<ConsoleError> consoleErrors() {
    settle();
    return List.copyOf(errors);
  }

  /** URLs of every request since the last {@link #open(URI)} (the document itself included). */
  public List<String> requests() {
    settle();
    return List.copyOf(requests);
  }

  /** {@link #externalRequests(URI)} for the page's own URI. */
  public List<String> externalRequests() {
    return externalRequests(uri);
  }

  /**
   * Requests that leave {@code allowed}: for an http(s) URI, any other origin (scheme, host,
   * port); for a {@code file:} URI, anything but that same file. {@code data:}, {@code blob:}
   * and {@code about:} are always allowed (they never leave the browser).
   */
  public List<String> externalRequests(URI allowed) {
    return requests().stream().filter(url -> RequestOrigins.isExternal(allowed, url)).toList();
  }

  /**
   * Runs {@code js} in the page (as a console would: expression value, promises awaited) and
   * returns the value as JSON ({@code NullNode} for {@code null}/{@code undefined}).
   *
   * @throws AssertionError if the script throws
   */
  public JsonNode evaluate(String js) {
    ObjectNode params =
        session.params()
            .put("expression", js)
            .put("returnByValue", true)
            .put("awaitPromise", true)
            .put("userGesture", true);
    JsonNode result = session.send("Runtime.evaluate", params);
    if (result.has("exceptionDetails")) {
      JsonNode details = result.get("exceptionDetails");
      String message = details.path("exception").path("description").asText(details.path("text").asText());
      throw new AssertionError("JavaScript failed: " + message + "\n  in: " + js);
    }
    JsonNode value = result.path("result").path("value");
    return value instanceof MissingNode ? NullNode.getInstance() : value;
  }

  /** {@link #evaluate(String)} mapped to {@code type} (e.g. {@code String.class}, a record). */
  public <T> T evaluate(String js, Class<T> type) {
    try {
      return session.client().json().treeToValue(evaluate(js), type);
    } catch (IOException e) {
      throw new AssertionError("Cannot read the result of " + js + " as " + type.getName(), e);
    }
  }

  /**
   * Polls {@code jsCondition} (every 50 ms) until it is truthy. A condition that throws counts as
   * not yet true (the element may not exist yet).
   *
   * @throws AssertionError after {@code timeout}, with the last JavaScript error if any
   */
  public void waitFor(String jsCondition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastError = null;
    while (true) {
      try {
        if (evaluate("!!(" + jsCondition + ")").asBoolean()) {
          return;
        }
        lastError = null;
      } catch (AssertionError e) {
        lastError = e.getMessage();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not true within " + timeout + ": " + jsCondition
            + (lastError == null ? "" : "\n  last error: " + lastError)
            + "\n  console errors: " + consoleErrors());
      }
      sleep(POLL);
    }
  }

  /**
   * Clicks the centre of the first element matching {@code cssSelector} (scrolled into view)
   * with a real mouse event, like {@link #clickAt(double, double)}.
   *
   * @throws AssertionError if nothing matches or the element has no size
   */
  public void click(String cssSelector) {
    String selector = session.client().json().getNodeFactory().textNode(cssSelector).toString();
    JsonNode box =
        evaluate(
            "(() => { const e = document.querySelector(" + selector + ");"
                + " if (!e) return null; e.scrollIntoView({block: 'center', inline: 'center'});"
                + " const r = e.getBoundingClientRect();"
                + " return {x: r.left + r.width / 2, y: r.top + r.height / 2,"
                + " w: r.width, h: r.height}; })()");
    if (box.isNull()) {
      throw new AssertionError("No element matches " + cssSelector + " on " + uri);
    }
    if (box.path("w").asDouble() <= 0 || box.path("h").asDouble() <= 0) {
      throw new AssertionError("Element " + cssSelector + " has no size (hidden?) on " + uri);
    }
    clickAt(box.path("x").asDouble(), box.path("y").asDouble());
  }

  /**
   * A left click at viewport coordinates (CSS pixels from the top-left corner): mouse moved,
   * pressed, released — the events a user's click makes, so {@code click} and {@code
   * mousedown}/{@code mouseup} handlers (e.g. on a canvas heatmap cell) run with those offsets.
   */
  public void clickAt(double x, double y) {
    mouse("mouseMoved", x, y, 0, 0);
    mouse("mousePressed", x, y, 1, 1);
    mouse("mouseReleased", x, y, 0, 1);
  }

  private void mouse(String type, double x, double y, int buttons, int clickCount) {
    ObjectNode params = session.params().put("type", type).put("x", x).put("y", y)
        .put("buttons", buttons);
    if (!type.equals("mouseMoved")) {
      params.put("button", "left").put("clickCount", clickCount);
    }
    session.send("Input.dispatchMouseEvent", params);
  }

  /**
   * Saves what the viewport shows ({@link Chromium#width()}×{@link Chromium#height()}, 1280×800 by
   * default) as PNG at {@code png}, creating parent directories. Returns {@code png}.
   */
  public Path screenshot(Path png) {
    JsonNode shot =
        session.send(
            "Page.captureScreenshot",
            session.params().put("format", "png").put("fromSurface", true));
    byte[] bytes = Base64.getDecoder().decode(shot.path("data").asText());
    try {
      Path parent = png.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return Files.write(png, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + png, e);
    }
  }

  /** Saves a screenshot as {@code target/screenshots/<name>.png}, where tests keep them. */
  public Path screenshot(String name) {
    return screenshot(screenshotDir().resolve(name.endsWith(".png") ? name : name + ".png"));
  }

  /** {@code target/screenshots/} of the module under test. */
  public static Path screenshotDir() {
    return Chromium.targetDir().resolve("screenshots");
  }

  /**
   * Milliseconds from navigation start to {@code first-contentful-paint} (or {@code first-paint}
   * if there was no content), from {@code performance.getEntriesByType('paint')}; empty if the
   * page has not painted. A figure to report, not to assert: it depends on the machine's load.
   */
  public OptionalDouble timeToFirstPaint() {
    JsonNode ms =
        evaluate(
            "(() => { const p = performance.getEntriesByType('paint');"
                + " const e = p.find(x => x.name === 'first-contentful-paint')"
                + " || p.find(x => x.name === 'first-paint');"
                + " return e ? e.startTime : null; })()");
    return ms.isNumber() ? OptionalDouble.of(ms.asDouble()) : OptionalDouble.empty();
  }

  /** The viewport size screenshots are taken at. */
  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The page's DevTools session, for commands this class does not wrap. */
  public CdpSession cdp() {
    return session;
  }

  /** Closes the tab. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (AutoCloseable s : subscriptions) {
      try {
        s.close();
      } catch (Exception ignored) {
        // removing a listener cannot fail
      }
    }
    try {
      session.client().send(null, "Target.closeTarget",
          session.params().put("targetId", session.targetId()), Duration.ofSeconds(5));
    } catch (CdpException e) {
      // Chromium is going away anyway
    }
    onClose.accept(this);
  }

  private CompletableFuture<Void> load(String loaderId) {
    return loads.computeIfAbsent(loaderId, id -> new CompletableFuture<>());
  }

  /**
   * Lets events already sent by Chromium reach the listeners: a round trip to the page orders
   * after every event it emitted before, and the dispatcher hands events on in order.
   */
  private void settle() {
    if (closed) {
      return;
    }
    session.send("Runtime.evaluate", session.params().put("expression", "0"));
    session.client().awaitDispatched(Duration.ofSeconds(5));
  }

  private void errors(ConsoleError error) {
    if (error != null) {
      errors.add(error);
    }
  }

  private static ConsoleError consoleCall(JsonNode p) {
    String type = p.path("type").asText();
    if (!type.equals("error") && !type.equals("assert")) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (JsonNode arg : p.path("args")) {
      if (arg.has("value")) {
        JsonNode v = arg.get("value");
        parts.add(v.isTextual() ? v.asText() : v.toString());
      } else if (arg.has("unserializableValue")) {
        parts.add(arg.get("unserializableValue").asText());
      } else if (arg.has("description")) {
        parts.add(arg.get("description").asText());
      } else {
        parts.add(arg.path("type").asText());
      }
    }
    JsonNode frame = p.path("stackTrace").path("callFrames").path(0);
    return new ConsoleError(
        "console." + type,
        String.join(" ", parts),
        frame.path("url").asText(""),
        frame.has("lineNumber") ? frame.get("lineNumber").asInt() + 1 : 0);
  }

  private static ConsoleError exception(JsonNode p) {
    JsonNode d = p.path("exceptionDetails");
    String description = d.path("exception").path("description").asText("");
    String first = description.isEmpty() ? "" : description.lines().findFirst().orElse("");
    String text = d.path("text").asText("");
    if (!first.isEmpty() && !text.contains(first)) {
      text = text.isEmpty() ? first : text + " " + first;
    }
    String url = d.path("url").asText("");
    if (url.isEmpty()) {
      url = d.path("stackTrace").path("callFrames").path(0).path("url").asText("");
    }
    return new ConsoleError(
        "exception", text, url, d.has("lineNumber") ? d.get("lineNumber").asInt() + 1 : 0);
  }

  private static ConsoleError logEntry(JsonNode p) {
    JsonNode e = p.path("entry");
    if (!"error".equals(e.path("level").asText())) {
      return null;
    }
    String url = e.path("url").asText("");
    return new ConsoleError(
        "log:" + e.path("source").asText("other"),
        e.path("text").asText(),
        url,
        e.has("lineNumber") ? e.get("lineNumber").asInt() + 1 : 0);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted", e);
    }
  }
}
