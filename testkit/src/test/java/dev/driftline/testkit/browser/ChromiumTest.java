package dev.driftline.testkit.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Start and stop of the process itself: DevTools reachable, nothing left behind. */
class ChromiumTest {

  @Test
  void startsHeadlessAndStopsTheWholeProcessTree() throws Exception {
    long t0 = System.nanoTime();
    Chromium chromium = Chromium.start();
    long started = System.nanoTime();
    List<ProcessHandle> tree;
    try {
      assertThat(chromium.webSocketUrl().toString()).startsWith("ws://127.0.0.1:");
      assertThat(chromium.version()).contains("Chrome/");
      try (BrowserPage page = chromium.newPage()) {
        assertThat(page.evaluate("[innerWidth, innerHeight]").toString()).isEqualTo("[1280,800]");
      }
      assertThat(Files.isDirectory(chromium.userDataDir())).isTrue();
      tree = ProcessHandle.of(chromium.pid()).orElseThrow().descendants().toList();
      assertThat(tree).isNotEmpty(); // renderer, zygote, …
    } finally {
      long beforeClose = System.nanoTime();
      chromium.close();
      System.out.printf(
          "chromium start %d ms (to DevTools URL: %d ms), close %d ms%n",
          Duration.ofNanos(started - t0).toMillis(),
          chromium.startupTime().toMillis(),
          Duration.ofNanos(System.nanoTime() - beforeClose).toMillis());
    }
    assertThat(ProcessHandle.of(chromium.pid()).map(Chromium::isRunning).orElse(false))
        .as("main process running")
        .isFalse();
    assertThat(tree).noneMatch(Chromium::isRunning); // zombies waiting for init's reaping are dead
    assertThat(chromium.userDataDir()).doesNotExist();
  }
}
