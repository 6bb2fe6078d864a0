package dev.driftline.testkit.browser;

import java.net.URI;
import java.util.Locale;

/**
 * Decides whether a request leaves the page: the rule behind {@link
 * BrowserPage#externalRequests()}.
 *
 * <p>Why: driftline's report pages must work offline and leak nothing (no CDN fonts, no
 * analytics), so a test asserts that a page only ever requests its own origin. Local schemes
 * ({@code data:}, {@code blob:}, {@code about:}) never leave the browser and are allowed.
 *
 * <ul>
 *   <li>http(s) page: allowed iff same scheme, host and port (default ports made explicit).
 *   <li>{@code file:} page: allowed iff it is the same file (query and fragment ignored); a
 *       self-contained report must not need any other file, not even a sibling.
 * </ul>
 */
final class RequestOrigins {

  private RequestOrigins() {}

  /** Whether a request for {@code url}, made by the page at {@code page}, leaves the page. */
  static boolean isExternal(URI page, String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("data:") || lower.startsWith("blob:") || lower.startsWith("about:")) {
      return false;
    }
    URI target;
    try {
      target = URI.create(url);
    } catch (IllegalArgumentException e) {
      return true; // not even a URI: report it rather than hide it
    }
    String scheme = page.getScheme() == null ? "" : page.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("file")) {
      return !"file".equalsIgnoreCase(target.getScheme())
          || !normalizedPath(page).equals(normalizedPath(target));
    }
    return !origin(page).equals(origin(target));
  }

  /** {@code scheme://host:port}, lower case, with the scheme's default port filled in. */
  static String origin(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    if (port == -1) {
      port = switch (scheme) {
        case "http", "ws" -> 80;
        case "https", "wss" -> 443;
        default -> -1;
      };
    }
    return scheme + "://" + host + ":" + port;
  }

  private static String normalizedPath(URI uri) {
    String path = uri.normalize().getPath();
    return path == null ? uri.getSchemeSpecificPart() : path;
  }
}
