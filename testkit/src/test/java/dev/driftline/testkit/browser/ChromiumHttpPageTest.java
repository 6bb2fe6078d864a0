package dev.driftline.testkit.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A page served over http://127.0.0.1 (the JDK's HttpServer): same-origin requests are fine,
 * another origin (here {@code localhost}, same port) is external.
 */
@WithChromium
class ChromiumHttpPageTest {

  private static HttpServer server;
  private static URI base;

  @BeforeAll
  static void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    int port = server.getAddress().getPort();
    base = URI.create("http://127.0.0.1:" + port + "/");
    respond("/index.html", "text/html", """
        <!doctype html><html><body>
        <script src="/app.js"></script>
        </body></html>
        """);
    respond("/app.js", "text/javascript", """
        fetch('/data.json').then(r => r.json()).then(d => { window.loaded = d.ok; });
        """);
    respond("/data.json", "application/json", "{\"ok\": true}");
    // Chromium asks for /favicon.ico when it gets to it; without one that 404 is a console error,
    // logged or not depending on timing
    respond("/favicon.ico", "image/x-icon", "");
    respond("/leaky.html", "text/html", """
        <!doctype html><html><body>
        <img src="http://localhost:%d/data.json" alt="">
        </body></html>
        """.formatted(port));
    server.start();
  }

  private static void respond(String path, String type, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    server.createContext(
        path,
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", type);
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @Test
  void sameOriginRequestsAreNotExternal(BrowserPage page) {
    page.open(base.resolve("index.html"));
    page.waitFor("window.loaded === true", Duration.ofSeconds(5));

    assertThat(page.requests())
        .contains(base.resolve("index.html").toString(), base.resolve("app.js").toString(),
            base.resolve("data.json").toString());
    assertThat(page.externalRequests()).isEmpty();
    assertThat(page.consoleErrors()).isEmpty();
  }

  @Test
  void anotherOriginIsExternalEvenOnTheSameMachine(BrowserPage page) {
    page.open(base.resolve("leaky.html"));

    assertThat(page.externalRequests())
        .containsExactly("http://localhost:" + base.getPort() + "/data.json");
    // Seen from localhost, the page's own requests (document, Chromium's favicon probe) leave.
    assertThat(page.externalRequests(URI.create("http://localhost:" + base.getPort())))
        .contains(base.resolve("leaky.html").toString())
        .allMatch(url -> url.startsWith(base.toString()));
  }
}
