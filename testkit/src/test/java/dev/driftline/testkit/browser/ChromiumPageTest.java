package dev.driftline.testkit.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser fixture against small HTML files in a temp dir, in a real headless Chromium: what
 * a report page test relies on (console errors with lines, external requests, clicks on a canvas,
 * screenshots at 1280×800).
 */
@WithChromium
class ChromiumPageTest {

  @TempDir static Path pages;

  @BeforeAll
  static void writePages() throws IOException {
    write("clean.html", """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>clean</title>
        <style>body { font: 16px sans-serif; background: #f4f6f8; }</style></head>
        <body><h1 id="t">Drift report</h1>
        <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
        <script>document.getElementById('t').dataset.ready = 'yes';</script>
        </body></html>
        """);
    write("js-error.html", """
        <!doctype html>
        <html><head><title>js error</title></head>
        <body>
        <script>
        undefinedFunction();
        </script>
        </body></html>
        """);
    write("console-error.html", """
        <!doctype html>
        <html><body>
        <script>console.error('bad', 42, {a: 1});</script>
        </body></html>
        """);
    write("external.html", """
        <!doctype html>
        <html><body>
        <img src="http://example.invalid/x.png" alt="">
        </body></html>
        """);
    write("syntax-error.html", """
        <!doctype html>
        <html><body>
        <p>broken</p>
        <script>
        const total = 1 + ;
        </script>
        </body></html>
        """);
    write("canvas.html", """
        <!doctype html>
        <html><head><title>none</title>
        <style>body { margin: 0 } canvas { position: absolute; left: 100px; top: 50px }</style>
        </head><body>
        <canvas id="heat" width="200" height="100"></canvas>
        <script>
        const c = document.getElementById('heat');
        const g = c.getContext('2d');
        for (let col = 0; col < 4; col++) {
          g.fillStyle = `hsl(${col * 60}, 70%, 50%)`;
          g.fillRect(col * 50, 0, 50, 100);
        }
        c.addEventListener('click', e => {
          const r = c.getBoundingClientRect();
          const cell = Math.floor((e.clientX - r.left) / 50);
          document.title = 'cell ' + cell;
        });
        </script>
        <button id="b" style="position:absolute; top:300px; left:20px"
                onclick="document.title = 'button'">go</button>
        </body></html>
        """);
    write("alert.html", """
        <!doctype html>
        <html><body>
        <script>alert('hello'); window.after = true;</script>
        </body></html>
        """);
    write("later.html", """
        <!doctype html>
        <html><body>
        <script>setTimeout(() => { window.done = 'late'; }, 300);</script>
        </body></html>
        """);
  }

  private static void write(String name, String html) throws IOException {
    Files.writeString(pages.resolve(name), html);
  }

  @Test
  void cleanPageHasNoErrorsNoExternalRequestsAndScreenshotIs1280x800(BrowserPage page)
      throws IOException {
    page.open(pages.resolve("clean.html"));

    assertThat(page.consoleErrors()).isEmpty();
    assertThat(page.externalRequests()).isEmpty();
    assertThat(page.requests()).contains(pages.resolve("clean.html").toUri().toString());
    assertThat(page.evaluate("document.getElementById('t').dataset.ready").asText())
        .isEqualTo("yes");

    Path png = page.screenshot("ChromiumPageTest-clean");
    assertThat(png).isEqualTo(BrowserPage.screenshotDir().resolve("ChromiumPageTest-clean.png"));
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    BufferedImage image;
    try (InputStream in = Files.newInputStream(png)) {
      image = ImageIO.read(in);
    }
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(800);

    OptionalDouble paint = page.timeToFirstPaint();
    System.out.println("time to first paint (clean.html): "
        + (paint.isPresent() ? paint.getAsDouble() + " ms" : "not reported"));
  }

  @Test
  void uncaughtJsErrorIsReportedWithItsLine(BrowserPage page) {
    page.open(pages.resolve("js-error.html"));

    assertThat(page.consoleErrors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.source()).isEqualTo("exception");
              assertThat(e.text()).contains("undefinedFunction is not defined");
              assertThat(e.url()).endsWith("js-error.html");
              assertThat(e.line()).isEqualTo(5);
            });
  }

  @Test
  void consoleErrorIsReported(BrowserPage page) {
    page.open(pages.resolve("console-error.html"));

    assertThat(page.consoleErrors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.source()).isEqualTo("console.error");
              assertThat(e.text()).startsWith("bad 42");
              assertThat(e.url()).endsWith("console-error.html");
              assertThat(e.line()).isEqualTo(3);
            });
  }

  @Test
  void requestToAnotherHostIsExternal(BrowserPage page) {
    page.open(pages.resolve("external.html"));

    assertThat(page.externalRequests()).containsExactly("http://example.invalid/x.png");
    // The failed load also shows as a browser error, like DevTools' console shows it.
    System.out.println("errors of external.html: " + page.consoleErrors());
  }

  @Test
  void scriptSyntaxErrorIsReported(BrowserPage page) {
    page.open(pages.resolve("syntax-error.html"));

    assertThat(page.consoleErrors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.source()).isEqualTo("exception");
              assertThat(e.text()).contains("SyntaxError");
              assertThat(e.url()).endsWith("syntax-error.html");
              assertThat(e.line()).isEqualTo(5);
            });
    assertThat(page.evaluate("document.querySelector('p').textContent").asText())
        .isEqualTo("broken");
  }

  @Test
  void clickAtHitsTheCanvasCellUnderThePointer(BrowserPage page) {
    page.open(pages.resolve("canvas.html"));
    assertThat(page.evaluate("document.title").asText()).isEqualTo("none");

    page.clickAt(100 + 2 * 50 + 25, 50 + 40); // third cell of the canvas at (100, 50)
    page.waitFor("document.title === 'cell 2'", Duration.ofSeconds(5));

    page.clickAt(100 + 10, 50 + 10);
    assertThat(page.evaluate("document.title").asText()).isEqualTo("cell 0");

    page.click("#b");
    assertThat(page.evaluate("document.title").asText()).isEqualTo("button");
    assertThatThrownBy(() -> page.click("#missing"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("No element matches #missing");
    assertThat(page.consoleErrors()).isEmpty();
  }

  @Test
  void evaluateReturnsJsonAndAwaitsPromises(BrowserPage page) {
    page.open(pages.resolve("clean.html"));

    JsonNode value = page.evaluate("({n: 1 + 2, s: 'x', list: [true, null]})");
    assertThat(value.path("n").asInt()).isEqualTo(3);
    assertThat(value.path("s").asText()).isEqualTo("x");
    assertThat(value.path("list").toString()).isEqualTo("[true,null]");
    assertThat(page.evaluate("new Promise(r => setTimeout(() => r('later'), 50))").asText())
        .isEqualTo("later");
    assertThat(page.evaluate("undefined").isNull()).isTrue();
    assertThat(page.evaluate("6 * 7", Integer.class)).isEqualTo(42);
    assertThatThrownBy(() -> page.evaluate("nope.nothing"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("nope is not defined");
  }

  @Test
  void waitForPollsUntilTrueAndFailsWithTheCondition(BrowserPage page) {
    page.open(pages.resolve("later.html"));

    page.waitFor("window.done === 'late'", Duration.ofSeconds(5));
    assertThatThrownBy(() -> page.waitFor("window.never", Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("window.never");
  }

  @Test
  void alertIsAcceptedAndReportedInsteadOfBlockingThePage(BrowserPage page) {
    page.open(pages.resolve("alert.html"));

    assertThat(page.evaluate("window.after").asBoolean()).isTrue();
    assertThat(page.consoleErrors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.source()).isEqualTo("dialog:alert");
              assertThat(e.text()).isEqualTo("hello");
            });
  }

  @Test
  void openingAMissingFileFails(BrowserPage page) {
    assertThatThrownBy(() -> page.open(pages.resolve("nope.html")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ERR_FILE_NOT_FOUND");
  }

  @Test
  void eachOpenStartsAFreshRecord(BrowserPage page) {
    page.open(pages.resolve("js-error.html"));
    assertThat(page.consoleErrors()).hasSize(1);

    page.open(pages.resolve("clean.html"));
    assertThat(page.consoleErrors()).isEmpty();
    assertThat(page.requests()).noneMatch(url -> url.endsWith("js-error.html"));
  }
}
