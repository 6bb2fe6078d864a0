package dev.driftline.testkit.browser;

/**
 * One error a page reported, as DevTools' console would show it.
 *
 * @param source where it came from: {@code console.error}, {@code console.assert}, {@code
 *     exception} (uncaught exception or script syntax error, from {@code
 *     Runtime.exceptionThrown}) or {@code log:<source>} (a browser-side error from {@code
 *     Log.entryAdded}, e.g. {@code log:network} for a resource that failed to load), {@code
 *     dialog:<type>} (an {@code alert}/{@code confirm}/{@code prompt}, accepted at once so it
 *     cannot block the page) or {@code crash} (the renderer died)
 * @param text the message, e.g. {@code Uncaught ReferenceError: undefinedFunction is not
 *     defined}
 * @param url the script or document it came from ({@code ""} if Chromium did not say)
 * @param line 1-based line in {@code url} (the protocol's lines are 0-based; this is the number an
 *     editor shows); 0 if unknown. For inline scripts it is the line of the HTML file.
 */
public record ConsoleError(String source, String text, String url, int line) {

  @Override
  public String toString() {
    return source + ": " + text + (url.isEmpty() ? "" : " (" + url + (line > 0 ? ":" + line : "") + ")");
  }
}
