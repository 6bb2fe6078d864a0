package dev.driftline.testkit.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real headless Chromium process with its DevTools endpoint, for browser tests.
 *
 * <p>Why a real browser: the report pages are checked the way a user sees them (JavaScript
 * errors, requests leaving the page, what is painted), which no HTML parser can tell.
 *
 * <p>Start: {@code chromium --headless --no-sandbox --disable-gpu …
 * --remote-debugging-port=0 --user-data-dir=<fresh dir>}; port 0 lets Chromium pick a free port,
 * which it prints as {@code DevTools listening on ws://…} — read from its output, which goes to a
 * log file (never a pipe: an undrained pipe would block Chromium) under {@code target/chromium/}.
 * The fresh profile lives under {@code java.io.tmpdir} and is deleted on {@link #close()}.
 *
 * <p>Stop: {@link #close()} ends the whole process tree (renderers, GPU and zygote processes):
 * SIGTERM, then SIGKILL after 5 s; a JVM shutdown hook is the backstop if close never runs.
 *
 * <p>A missing Chromium <em>fails</em> with the install command ({@code apt-get install -y
 * chromium}); it is never a skip.
 */
public final class Chromium implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Chromium.class);
  private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  /** Default viewport and window: the size screenshots are taken at. */
  public static final int DEFAULT_WIDTH = 1280;

  public static final int DEFAULT_HEIGHT = 800;

  private final Process process;
  private final Path userDataDir;
  private final Path logFile;
  private final URI webSocketUrl;
  private final Duration startupTime;
  private final int width;
  private final int height;
  private final CdpClient cdp;
  private final Thread shutdownHook;
  private final List<BrowserPage> pages = new ArrayList<>();
  private volatile boolean closed;

  private Chromium(
      Process process, Path userDataDir, Path logFile, URI url, Duration startupTime, int w, int h) {
    this.process = process;
    this.userDataDir = userDataDir;
    this.logFile = logFile;
    this.webSocketUrl = url;
    this.startupTime = startupTime;
    this.width = w;
    this.height = h;
    this.shutdownHook = new Thread(() -> stop(process), "chromium-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    try {
      this.cdp = CdpClient.connect(url);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Starts Chromium with a 1280×800 window. */
  public static Chromium start() {
    return start(DEFAULT_WIDTH, DEFAULT_HEIGHT);
  }

  /** Starts Chromium with a {@code width}×{@code height} window and viewport. */
  public static Chromium start(int width, int height) {
    Path executable = ChromiumExecutable.find();
    Path userDataDir;
    Path logFile;
    try {
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
      Files.createDirectories(tmp);
      userDataDir = Files.createTempDirectory(tmp, "driftline-chromium-");
      Path logs = Files.createDirectories(targetDir().resolve("chromium"));
      logFile = logs.resolve(userDataDir.getFileName() + ".log");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare Chromium's profile or log", e);
    }
    List<String> command =
        List.of(
            executable.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-dev-shm-usage",
            "--mute-audio",
            "--hide-scrollbars",
            "--window-size=" + width + "," + height,
            // Hermetic: only the loopback host resolves (the rule applies to IP literals too, so
            // 127.0.0.1 and [::1] are excluded by name), so a page that needs the network fails
            // here as it would offline, and no test waits for DNS. Requests are still made (and
            // recorded by BrowserPage.requests()); they fail with ERR_NAME_NOT_RESOLVED.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1,"
                + " EXCLUDE [::1]",
            "--remote-debugging-port=0",
            "--remote-debugging-address=127.0.0.1",
            "--user-data-dir=" + userDataDir,
            "about:blank");
    long t0 = System.nanoTime();
    Process process;
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
      // Chromium's singleton socket directory (org.chromium.Chromium.*) goes to TMPDIR and is
      // left there: inside the profile it is deleted with it
      Path chromiumTmp = Files.createDirectories(userDataDir.resolve("tmp"));
      builder.environment().put("TMPDIR", chromiumTmp.toString());
      process = builder.start();
      process.getOutputStream().close(); // Chromium reads nothing from stdin
    } catch (IOException e) {
      deleteTree(userDataDir);
      throw new IllegalStateException(
          "Could not run " + executable + "\n" + ChromiumExecutable.INSTALL_HINT, e);
    }
    URI url;
    try {
      url = awaitDevToolsUrl(process, logFile);
    } catch (RuntimeException e) {
      stop(process);
      deleteTree(userDataDir);
      throw e;
    }
    Duration startup = Duration.ofNanos(System.nanoTime() - t0);
    Chromium chromium =
        new Chromium(process, userDataDir, logFile, url, startup, width, height);
    LOG.info(
        "Chromium pid {} ready in {} ms at {} (log: {})",
        process.pid(),
        startup.toMillis(),
        url,
        logFile);
    return chromium;
  }

  /** Waits for Chromium to print its DevTools URL; fails with the log's tail if it dies first. */
  private static URI awaitDevToolsUrl(Process process, Path logFile) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      String log = read(logFile);
      Matcher m = DEVTOOLS.matcher(log);
      if (m.find()) {
        return URI.create(m.group(1));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Chromium exited with code " + process.exitValue() + " before DevTools was ready. "
                + "Log " + logFile + ":\n" + tail(log));
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while starting Chromium", e);
      }
    }
    throw new IllegalStateException(
        "Chromium did not print its DevTools URL within " + START_TIMEOUT + ". Log " + logFile
            + ":\n" + tail(read(logFile)));
  }

  /**
   * Opens a new page (tab) of {@link #width()}×{@link #height()} with Runtime, Log, Network and
   * Page events recorded. Close it when done (the extension does), or it is closed with Chromium.
   */
  public BrowserPage newPage() {
    ObjectNode create = cdp.params().put("url", "about:blank");
    String targetId = cdp.send(null, "Target.createTarget", create, CdpClient.DEFAULT_TIMEOUT)
        .path("targetId").asText();
    ObjectNode attach = cdp.params().put("targetId", targetId).put("flatten", true);
    JsonNode attached = cdp.send(null, "Target.attachToTarget", attach, CdpClient.DEFAULT_TIMEOUT);
    CdpSession session = new CdpSession(cdp, attached.path("sessionId").asText(), targetId);
    BrowserPage page = new BrowserPage(session, width, height, this::forget);
    synchronized (pages) {
      pages.add(page);
    }
    return page;
  }

  /** The browser-level DevTools connection (for commands {@link BrowserPage} does not wrap). */
  public CdpClient cdp() {
    return cdp;
  }

  /** {@code ws://127.0.0.1:PORT/devtools/browser/<id>}. */
  public URI webSocketUrl() {
    return webSocketUrl;
  }

  /** From process start to the DevTools URL being printed. */
  public Duration startupTime() {
    return startupTime;
  }

  public long pid() {
    return process.pid();
  }

  /** Chromium's stdout and stderr. */
  public Path logFile() {
    return logFile;
  }

  /** The fresh profile directory; deleted by {@link #close()}. */
  public Path userDataDir() {
    return userDataDir;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The browser's product string, e.g. {@code Chrome/156.0.8078.114}. */
  public String version() {
    return cdp.send(null, "Browser.getVersion", null, CdpClient.DEFAULT_TIMEOUT)
        .path("product").asText();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    long t0 = System.nanoTime();
    List<BrowserPage> open;
    synchronized (pages) {
      open = List.copyOf(pages);
    }
    for (BrowserPage page : open) {
      try {
        page.close();
      } catch (RuntimeException e) {
        LOG.debug("Closing a page failed (Chromium stops anyway)", e);
      }
    }
    if (cdp != null) {
      cdp.close();
    }
    stop(process);
    deleteTree(userDataDir);
    LOG.info("Chromium pid {} stopped in {} ms", process.pid(), (System.nanoTime() - t0) / 1_000_000);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down; the hook runs and finds nothing alive
    }
  }

  @Override
  public String toString() {
    return "Chromium[pid " + process.pid() + ", " + webSocketUrl + "]";
  }

  /** Ends Chromium and every process it started. */
  static void stop(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    // Renderers and zygotes exit once the browser is gone; give them 2 s, then kill the rest.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (children.stream().anyMatch(Chromium::isRunning) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    children.stream().filter(Chromium::isRunning).forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * Alive and not a zombie. Orphaned children are reparented to init, which reaps them when it
   * gets to it; until then {@link ProcessHandle#isAlive()} still says true for a dead process, so
   * we read its state from {@code /proc} (Linux; elsewhere we trust isAlive).
   */
  static boolean isRunning(ProcessHandle handle) {
    if (!handle.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
      int end = stat.lastIndexOf(')'); // the command name may contain spaces and parentheses
      return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
    } catch (IOException e) {
      return !Files.isDirectory(Path.of("/proc")) && handle.isAlive();
    }
  }

  static Path targetDir() {
    Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target");
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + dir, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String tail(String log) {
    String[] lines = log.split("\n");
    int from = Math.max(0, lines.length - 30);
    return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // a file still held by a dying child; best effort
                }
              });
    } catch (IOException e) {
      LOG.debug("Could not delete {}", dir, e);
    }
  }

  void forget(BrowserPage page) {
    synchronized (pages) {
      pages.remove(page);
    }
  }
}
