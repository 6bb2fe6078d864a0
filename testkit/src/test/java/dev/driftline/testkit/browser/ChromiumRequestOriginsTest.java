package dev.driftline.testkit.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The "does this request leave the page" rule, without a browser. */
class ChromiumRequestOriginsTest {

  private static final URI HTTP_PAGE = URI.create("http://127.0.0.1:8080/report/index.html");
  private static final URI FILE_PAGE = URI.create("file:///tmp/out/report.html");

  @Test
  void httpPageAllowsItsOwnOriginOnly() {
    assertThat(RequestOrigins.isExternal(HTTP_PAGE, "http://127.0.0.1:8080/api/x.json")).isFalse();
    assertThat(RequestOrigins.isExternal(HTTP_PAGE, "http://127.0.0.1:8081/x")).isTrue();
    assertThat(RequestOrigins.isExternal(HTTP_PAGE, "https://127.0.0.1:8080/x")).isTrue();
    assertThat(RequestOrigins.isExternal(HTTP_PAGE, "http://localhost:8080/x")).isTrue();
    assertThat(RequestOrigins.isExternal(HTTP_PAGE, "https://fonts.googleapis.com/css")).isTrue();
    assertThat(RequestOrigins.isExternal(HTTP_PAGE, "ws://127.0.0.1:8080/live")).isTrue();
    assertThat(
            RequestOrigins.isExternal(URI.create("https://example.org/a"), "https://EXAMPLE.org:443/b"))
        .isFalse();
  }

  @Test
  void localSchemesNeverLeave() {
    assertThat(RequestOrigins.isExternal(HTTP_PAGE, "data:image/png;base64,AAAA")).isFalse();
    assertThat(RequestOrigins.isExternal(HTTP_PAGE, "blob:http://127.0.0.1:8080/uuid")).isFalse();
    assertThat(RequestOrigins.isExternal(FILE_PAGE, "about:blank")).isFalse();
  }

  @Test
  void filePageAllowsOnlyItself() {
    assertThat(RequestOrigins.isExternal(FILE_PAGE, "file:///tmp/out/report.html")).isFalse();
    assertThat(RequestOrigins.isExternal(FILE_PAGE, "file:///tmp/out/./report.html#cell")).isFalse();
    assertThat(RequestOrigins.isExternal(FILE_PAGE, "file:///tmp/out/app.js")).isTrue();
    assertThat(RequestOrigins.isExternal(FILE_PAGE, "http://example.invalid/x.png")).isTrue();
  }
}
