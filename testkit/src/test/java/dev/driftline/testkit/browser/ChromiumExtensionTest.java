package dev.driftline.testkit.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The extension's contract: one Chromium per class, a fresh page per test (shared with that
 * test's {@code @BeforeEach}), and the page of a finished test closed.
 */
@WithChromium(width = 800, height = 600)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChromiumExtensionTest {

  private static Chromium firstChromium;
  private static String firstTargetId;

  private BrowserPage pageOfBeforeEach;

  @BeforeEach
  void remember(BrowserPage page) {
    pageOfBeforeEach = page;
  }

  @Test
  @Order(1)
  void injectsAPageSizedByTheAnnotation(BrowserPage page, Chromium chromium) {
    assertThat(page).isSameAs(pageOfBeforeEach);
    assertThat(page.evaluate("[innerWidth, innerHeight]").toString()).isEqualTo("[800,600]");
    firstChromium = chromium;
    firstTargetId = page.cdp().targetId();
  }

  @Test
  @Order(2)
  void nextTestGetsANewPageOfTheSameChromium(BrowserPage page, Chromium chromium) {
    assertThat(chromium).isSameAs(firstChromium);
    assertThat(page.cdp().targetId()).isNotEqualTo(firstTargetId);
    JsonNode targets =
        chromium.cdp().send(null, "Target.getTargets", null, CdpClient.DEFAULT_TIMEOUT);
    List<String> ids = new ArrayList<>();
    targets.path("targetInfos").forEach(t -> ids.add(t.path("targetId").asText()));
    assertThat(ids).contains(page.cdp().targetId()).doesNotContain(firstTargetId);
  }
}
