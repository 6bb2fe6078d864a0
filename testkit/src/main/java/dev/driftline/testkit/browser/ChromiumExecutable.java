package dev.driftline.testkit.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the Chromium binary, or fails with the command that installs it.
 *
 * <p>Why a failure and not a skip: a browser test that silently skips on a machine without
 * Chromium looks green while checking nothing. The fixture therefore throws, and the message says
 * how to get the browser.
 *
 * <p>Order: {@code -Ddriftline.testkit.chromium}, {@code $DRIFTLINE_CHROMIUM}, then {@code
 * chromium} and {@code chromium-browser} on {@code PATH}.
 */
final class ChromiumExecutable {

  static final String INSTALL_HINT =
      "Chromium is needed by the browser tests (headless) and was not found.\n"
          + "Install it (Debian/Ubuntu):\n"
          + "    apt-get install -y chromium\n"
          + "or point the tests at a Chromium/Chrome binary with -Ddriftline.testkit.chromium=/path"
          + " or $DRIFTLINE_CHROMIUM.";

  private static final List<String> NAMES = List.of("chromium", "chromium-browser");

  private ChromiumExecutable() {}

  /** The binary configured or found on the real {@code PATH}. */
  static Path find() {
    String env = System.getenv("DRIFTLINE_CHROMIUM");
    return find(System.getProperty("driftline.testkit.chromium", env), System.getenv("PATH"));
  }

  /** Testable core: {@code configured} (may be null) wins; otherwise search {@code path}. */
  static Path find(String configured, String path) {
    if (configured != null && !configured.isBlank()) {
      Path p = Path.of(configured);
      if (Files.isExecutable(p)) {
        return p;
      }
      throw new IllegalStateException(
          "The configured Chromium " + configured + " is not an executable file.\n" + INSTALL_HINT);
    }
    return onPath(path)
        .orElseThrow(
            () -> new IllegalStateException(INSTALL_HINT + "\n(searched PATH=" + path + ")"));
  }

  private static Optional<Path> onPath(String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String name : NAMES) {
      for (String dir : path.split(File.pathSeparator)) {
        if (dir.isEmpty()) {
          continue;
        }
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
